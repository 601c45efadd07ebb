#include "linchpin/analytics/cinc.hpp"

#include <algorithm>

namespace linchpin::analytics {

std::vector<std::optional<double>> cinc_for_year(std::span<const NmcComponents> states) {
  std::array<double, kNmcComponentCount> world_total{};
  for (const auto& components : states)
    for (std::size_t c = 0; c < kNmcComponentCount; ++c)
      if (components[c]) world_total[c] += *components[c];

  std::vector<std::optional<double>> result;
  result.reserve(states.size());
  for (const auto& components : states) {
    double share_sum = 0;
    int shares = 0;
    for (std::size_t c = 0; c < kNmcComponentCount; ++c) {
      if (!components[c] || world_total[c] <= 0) continue;
      share_sum += *components[c] / world_total[c];
      ++shares;
    }
    result.push_back(shares > 0 ? std::optional<double>(share_sum / shares) : std::nullopt);
  }
  return result;
}

std::vector<StateYearCinc> compute_cinc(std::span<const NmcRecord> records) {
  std::vector<const NmcRecord*> sorted;
  sorted.reserve(records.size());
  for (const auto& record : records) sorted.push_back(&record);
  std::sort(sorted.begin(), sorted.end(), [](const NmcRecord* a, const NmcRecord* b) {
    return a->year != b->year ? a->year < b->year : a->ccode < b->ccode;
  });

  std::vector<StateYearCinc> panel;
  panel.reserve(sorted.size());
  std::vector<NmcComponents> year_components;
  for (std::size_t begin = 0; begin < sorted.size();) {
    std::size_t end = begin;
    year_components.clear();
    while (end < sorted.size() && sorted[end]->year == sorted[begin]->year)
      year_components.push_back(sorted[end++]->components);
    const auto year_cinc = cinc_for_year(year_components);
    for (std::size_t i = begin; i < end; ++i) {
      const NmcRecord& record = *sorted[i];
      StateYearCinc row{record.ccode,         record.year,           record.state_abbreviation,
                        year_cinc[i - begin], record.published_cinc, 0};
      row.components_available =
          int(std::count_if(record.components.begin(), record.components.end(),
                            [](const auto& c) { return c.has_value(); }));
      panel.push_back(std::move(row));
    }
    begin = end;
  }
  return panel;
}

}  // namespace linchpin::analytics
