#include "linchpin/analytics/data/ucdp_reader.hpp"

#include <fmt/format.h>

#include <charconv>
#include <vector>

#include "linchpin/analytics/data/value_checks.hpp"

namespace linchpin::analytics {

namespace {
const std::vector<std::string> kHeader = {
    "conflict_id",          "location",         "side_a",     "side_a_id",
    "side_a_2nd",           "side_b",           "side_b_id",  "side_b_2nd",
    "incompatibility",      "territory_name",   "year",       "intensity_level",
    "cumulative_intensity", "type_of_conflict", "start_date", "start_prec",
    "start_date2",          "start_prec2",      "ep_end",     "ep_end_date",
    "ep_end_prec",          "gwno_a",           "gwno_a_2nd", "gwno_b",
    "gwno_b_2nd",           "gwno_loc",         "region",     "version"};

enum Column : std::size_t {
  conflict_id = 0,
  location = 1,
  incompatibility = 8,
  year = 10,
  intensity_level = 11,
  cumulative_intensity = 12,
  type_of_conflict = 13,
  start_date = 14,
  start_prec = 15,
  start_date2 = 16,
  start_prec2 = 17,
  ep_end = 18,
  ep_end_date = 19,
  region = 26,
  version = 27,
};

constexpr int kFirstYear = 1946;  // the data set begins in 1946
constexpr int kLastYear = 2100;
constexpr int kFirstDateYear = 1900;       // start dates of conflicts active in 1946 can be earlier
constexpr std::int64_t kMaxPrecision = 7;  // UCDP date-precision codes 1-7

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  while (true) {
    const auto end = text.find(separator, begin);
    parts.push_back(text.substr(begin, end == std::string_view::npos ? end : end - begin));
    if (end == std::string_view::npos) return parts;
    begin = end + 1;
  }
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

UcdpDate date_field(const CsvReader& row, std::size_t column, int row_year) {
  const auto text = row.text(column);
  const auto date = parse_ucdp_date(text, row_year);
  if (!date)
    row.reject(column, fmt::format("expected a date (M/D/YY or YYYY-MM-DD), found '{}'", text));
  if (date->year < kFirstDateYear || date->year > kLastYear)
    row.reject(column,
               fmt::format("date '{}' lies outside {}-{}", text, kFirstDateYear, kLastYear));
  return *date;
}

std::uint8_t region_field(const CsvReader& row) {
  const auto text = row.text(Column::region);
  std::uint8_t regions = 0;
  for (auto part : split(text, ',')) {
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    const auto code = parse_int(part);
    if (!code || *code < 1 || *code > 5)
      row.reject(Column::region,
                 fmt::format("expected region codes 1-5 separated by commas, found '{}'", text));
    if ((regions >> *code) & 1u)
      row.reject(Column::region, fmt::format("region {} listed twice in '{}'", *code, text));
    regions |= std::uint8_t(1u << *code);
  }
  return regions;
}
}  // namespace

std::optional<UcdpDate> parse_ucdp_date(std::string_view text, int reference_year) {
  UcdpDate date;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    const auto y = parse_int(text.substr(0, 4)), m = parse_int(text.substr(5, 2)),
               d = parse_int(text.substr(8, 2));
    if (!y || !m || !d) return std::nullopt;
    date = {*y, *m, *d};
  } else {
    const auto parts = split(text, '/');
    if (parts.size() != 3 || parts[0].size() > 2 || parts[1].size() > 2 || parts[2].size() != 2)
      return std::nullopt;
    const auto m = parse_int(parts[0]), d = parse_int(parts[1]), yy = parse_int(parts[2]);
    if (!m || !d || !yy) return std::nullopt;
    date = {2000 + *yy <= reference_year ? 2000 + *yy : 1900 + *yy, *m, *d};
  }
  if (date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > days_in_month(date.year, date.month))
    return std::nullopt;
  return date;
}

UcdpData read_ucdp_acd(const std::string& path) {
  CsvReader reader(path);
  reader.require_header(kHeader);
  UcdpData data;
  data.rows = read_csv_rows<UcdpConflictYear>(reader, [&](const CsvReader& row) {
    UcdpConflictYear c;
    c.conflict_id = int(integer_in_range(row, Column::conflict_id, 1, 999'999));
    c.location = std::string(row.text(Column::location));
    if (c.location.empty()) row.reject(Column::location, "expected a location, found nothing");
    integer_in_range(row, Column::incompatibility, 1, 3);
    c.year = int(integer_in_range(row, Column::year, kFirstYear, kLastYear));
    c.intensity_level = int(integer_in_range(row, Column::intensity_level, 1, 2));
    c.cumulative_war = row.flag(Column::cumulative_intensity);
    if (c.intensity_level == 2 && !c.cumulative_war)
      row.reject(Column::cumulative_intensity,
                 "expected 1: a war-intensity year implies 1,000 cumulative deaths");
    c.type = UcdpConflictType(integer_in_range(row, Column::type_of_conflict, 1, 4));
    c.start_date = date_field(row, Column::start_date, c.year);
    integer_in_range(row, Column::start_prec, 1, kMaxPrecision);
    c.episode_start = date_field(row, Column::start_date2, c.year);
    integer_in_range(row, Column::start_prec2, 1, kMaxPrecision);
    if (c.start_date.year > c.year)
      row.reject(Column::start_date,
                 fmt::format("conflict starts after the row's year {}", c.year));
    if (c.episode_start.year > c.year)
      row.reject(Column::start_date2,
                 fmt::format("episode starts after the row's year {}", c.year));
    c.episode_ends = row.flag(Column::ep_end);
    if (row.text(Column::ep_end_date).empty()) {
      if (c.episode_ends)
        row.reject(Column::ep_end_date, "expected the end date of an episode that ends (ep_end 1)");
    } else {
      if (!c.episode_ends)
        row.reject(Column::ep_end_date, "expected no end date for an ongoing episode (ep_end 0)");
      c.episode_end_date = date_field(row, Column::ep_end_date, c.year);
      if (c.episode_end_date->year != c.year)
        row.reject(Column::ep_end_date,
                   fmt::format("expected the episode to end in the row's year {}", c.year));
    }
    c.regions = region_field(row);
    const auto version_text = row.text(Column::version);
    if (version_text.empty()) row.reject(Column::version, "expected a version, found nothing");
    if (data.version.empty()) data.version = std::string(version_text);
    if (version_text != data.version)
      row.reject(Column::version,
                 fmt::format("expected version '{}' as on the first row, found '{}'", data.version,
                             version_text));
    return c;
  });
  return data;
}

}  // namespace linchpin::analytics
