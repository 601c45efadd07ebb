#include "linchpin/analytics/dispute_history.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace linchpin::analytics {

namespace {
struct DyadYear {
  bool onset = false;
  int hostlev = 0;
  std::optional<int> fatality;
  bool fatality_missing = false;
};

struct DyadRecord {
  std::map<int, DyadYear> years;
  std::set<int> disputes;
};

std::optional<int> higher(std::optional<int> a, std::optional<int> b) {
  if (!a) return b;
  if (!b) return a;
  return std::max(*a, *b);
}
}  // namespace

std::pair<int, int> dispute_data_years(std::span<const MidDyadYear> rows) {
  if (rows.empty()) return {0, -1};
  const auto [low, high] = std::minmax_element(
      rows.begin(), rows.end(),
      [](const MidDyadYear& a, const MidDyadYear& b) { return a.year < b.year; });
  return {low->year, high->year};
}

std::vector<DyadDisputeHistory> dispute_history(std::span<const MidDyadYear> rows,
                                                const DisputeHistoryOptions& options) {
  const auto [data_first, data_last] = dispute_data_years(rows);
  const int first = std::max(options.first_year, data_first);
  const int last = std::min(options.last_year, data_last);

  std::map<std::pair<int, int>, DyadRecord> dyads;
  if (!options.states.empty()) {
    for (int a : options.states)
      for (int b : options.states)
        if (a < b) dyads[{a, b}];
  }
  for (const auto& row : rows) {
    if (row.year < first || row.year > last) continue;
    const std::pair<int, int> key = std::minmax(row.ccode1, row.ccode2);
    if (!options.states.empty() && !dyads.count(key)) continue;
    auto& dyad = dyads[key];
    dyad.disputes.insert(row.dispnum);
    auto& year = dyad.years[row.year];
    year.onset = year.onset || row.onset;
    year.hostlev = std::max({year.hostlev, row.hostlev1, row.hostlev2});
    year.fatality = higher(year.fatality, higher(row.fatality1, row.fatality2));
    year.fatality_missing = year.fatality_missing || !row.fatality1 || !row.fatality2;
  }

  std::vector<DyadDisputeHistory> history;
  for (const auto& [key, dyad] : dyads) {
    DyadDisputeHistory h;
    std::tie(h.ccode1, h.ccode2) = key;
    h.first_year = first;
    h.last_year = last;
    h.dispute_years = int(dyad.years.size());
    h.disputes = int(dyad.disputes.size());
    for (const auto& [year, y] : dyad.years) {
      h.onsets += y.onset ? 1 : 0;
      h.max_hostlev = higher(h.max_hostlev, y.hostlev);
      h.max_fatality = higher(h.max_fatality, y.fatality);
      h.fatality_missing += y.fatality_missing ? 1 : 0;
    }
    if (!dyad.years.empty()) {
      h.first_dispute_year = dyad.years.begin()->first;
      h.last_dispute_year = dyad.years.rbegin()->first;
    }
    history.push_back(h);
  }
  return history;
}

}  // namespace linchpin::analytics
