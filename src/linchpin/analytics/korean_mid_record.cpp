#include "linchpin/analytics/korean_mid_record.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace linchpin::analytics {

namespace {
bool is_korean_dyad(int a, int b, bool& rok, bool& usa) {
  const int other = a == 731 ? b : (b == 731 ? a : 0);
  rok = other == 732;
  usa = other == 2;
  return rok || usa;
}

void sort_mids(std::vector<KoreanMid>& mids) {
  std::sort(mids.begin(), mids.end(), [](const KoreanMid& a, const KoreanMid& b) {
    return a.year != b.year ? a.year < b.year : a.id < b.id;
  });
}

std::optional<int> higher(std::optional<int> a, std::optional<int> b) {
  if (!a) return b;
  if (!b) return a;
  return std::max(*a, *b);
}
}  // namespace

std::vector<KoreanMid> korean_mids_from_cow(std::span<const MidDyadYear> rows, int first_year,
                                            int last_year) {
  struct Dispute {
    KoreanMid mid;
    std::optional<int> onset_year;
    bool fatality_unknown = false;
  };
  std::map<int, Dispute> disputes;
  for (const auto& row : rows) {
    bool rok = false, usa = false;
    if (!is_korean_dyad(row.ccode1, row.ccode2, rok, usa)) continue;
    auto& d = disputes[row.dispnum];
    d.mid.id = std::to_string(row.dispnum);
    d.mid.rok_dprk |= rok;
    d.mid.usa_dprk |= usa;
    if (row.onset) d.onset_year = std::min(d.onset_year.value_or(row.year), row.year);
    d.mid.hostlev = std::max({d.mid.hostlev, row.hostlev1, row.hostlev2});
    // Known levels count; an unknown level on one side leaves the other side's level.
    d.mid.fatality = higher(d.mid.fatality, higher(row.fatality1, row.fatality2));
  }
  std::vector<KoreanMid> out;
  for (auto& [number, d] : disputes) {
    if (!d.onset_year || *d.onset_year < first_year || *d.onset_year > last_year) continue;
    d.mid.year = *d.onset_year;
    out.push_back(d.mid);
  }
  sort_mids(out);
  return out;
}

ReadResult<KoreanMid> read_project_mids(const std::string& path) {
  CsvReader reader(path);
  reader.require_header({"id", "start_date", "dyads", "hostlev", "highest_action", "fatal",
                         "fatality_note", "description", "source_ids"});
  return read_csv_rows<KoreanMid>(reader, [](const CsvReader& row) {
    KoreanMid mid;
    mid.project_coded = true;
    mid.id = std::string(row.text(0));
    if (mid.id.empty()) row.reject(0, "expected an id");
    const auto date = row.text(1);
    if (date.size() < 7 || date[4] != '-') row.reject(1, "expected a date YYYY-MM or YYYY-MM-DD");
    try {
      mid.year = std::stoi(std::string(date.substr(0, 4)));
    } catch (...) {
      row.reject(1, "expected a date YYYY-MM or YYYY-MM-DD");
    }
    if (mid.year < kKoreanMidFirstYear || mid.year > 2100)
      row.reject(1, "expected a year from 1953 on");
    std::string dyads(row.text(2));
    std::size_t start = 0;
    while (start <= dyads.size()) {
      const auto end = std::min(dyads.find(';', start), dyads.size());
      std::string dyad = dyads.substr(start, end - start);
      dyad.erase(0, dyad.find_first_not_of(' '));
      dyad.erase(dyad.find_last_not_of(' ') + 1);
      if (dyad == "732-731")
        mid.rok_dprk = true;
      else if (dyad == "2-731")
        mid.usa_dprk = true;
      else
        row.reject(2, "expected dyads 732-731 and/or 2-731 separated by ';'");
      start = end + 1;
    }
    const auto hostlev = row.integer(3);
    if (hostlev < 2 || hostlev > 5)
      row.reject(3, "expected a MID hostility level 2-5 (a MID needs at least a threat)");
    mid.hostlev = int(hostlev);
    const auto fatal = row.integer(5);
    if (fatal != 0 && fatal != 1) row.reject(5, "expected 0 or 1 (fatality level >= 1)");
    mid.fatality = int(fatal);
    if (row.text(8).empty()) row.reject(8, "every coded incident needs a source id");
    return mid;
  });
}

std::vector<KoreanMid> korean_mid_series(std::span<const KoreanMid> cow,
                                         std::span<const KoreanMid> project) {
  std::vector<KoreanMid> out;
  for (const auto& mid : cow)
    if (mid.year <= kCowMidLastYear) out.push_back(mid);
  for (const auto& mid : project)
    if (mid.year > kCowMidLastYear) out.push_back(mid);
  sort_mids(out);
  return out;
}

KoreanMidCounts count_korean_mids(std::span<const KoreanMid> mids, int first_year, int last_year) {
  KoreanMidCounts counts;
  counts.first_year = first_year;
  counts.last_year = last_year;
  for (const auto& mid : mids) {
    if (mid.year < first_year || mid.year > last_year) continue;
    ++counts.onsets;
    counts.display_of_force += mid.display_of_force();
    counts.use_of_force += mid.use_of_force();
    counts.fatal += mid.fatal();
    counts.war += mid.war();
    counts.fatality_unknown += !mid.fatality.has_value();
  }
  return counts;
}

std::vector<int> onsets_by_year(std::span<const KoreanMid> mids, int first_year, int last_year,
                                int min_hostlev) {
  std::vector<int> counts(std::size_t(std::max(0, last_year - first_year + 1)), 0);
  for (const auto& mid : mids)
    if (mid.year >= first_year && mid.year <= last_year && mid.hostlev >= min_hostlev)
      ++counts[std::size_t(mid.year - first_year)];
  return counts;
}

ShareFit fit_share(int successes, int trials) {
  return {successes, trials, successes + 0.5, trials - successes + 0.5};
}

OnsetRateFit fit_onset_rate(int onsets, int months) {
  OnsetRateFit fit;
  fit.onsets = onsets;
  fit.months = months;
  fit.log_rate_mean = std::log((onsets + 0.5) / months);
  fit.log_rate_sd = 1.0 / std::sqrt(onsets + 0.5);
  return fit;
}

KoreanMidFit fit_korean_mids(std::span<const KoreanMid> mids, int last_year, int first_year) {
  KoreanMidFit fit;
  fit.counts = count_korean_mids(mids, first_year, last_year);
  const auto& c = fit.counts;
  fit.rate = fit_onset_rate(c.onsets, 12 * c.years());
  fit.use_of_force = fit_share(c.use_of_force, c.onsets);
  fit.fatal_given_use_of_force = fit_share(c.fatal, c.use_of_force);
  fit.display_given_no_force =
      fit_share(c.display_of_force - c.use_of_force, c.onsets - c.use_of_force);
  fit.war = fit_share(c.war, c.onsets);
  return fit;
}

}  // namespace linchpin::analytics
