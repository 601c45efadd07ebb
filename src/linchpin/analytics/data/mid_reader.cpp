#include "linchpin/analytics/data/mid_reader.hpp"

#include <tuple>

#include "linchpin/analytics/data/value_checks.hpp"

namespace linchpin::analytics {

namespace {
constexpr std::string_view kMissingCode = "-9";
constexpr std::int64_t kMaxFatalityLevel = 6;
constexpr std::int64_t kMaxHostilityLevel = 5;
constexpr std::int64_t kMaxAction = 21;  // hiact codes 0-21
constexpr std::int64_t kMaxDeaths = 100'000'000;
constexpr std::int64_t kMaxDurationDays = 100'000;

// Columns 1-20 are the same in both files except the names of the ongoing/onset flags; the last
// four (recip, mindur, maxdur, stmon) come in a different order.
std::vector<std::string> mid_header(const std::string& prefix, bool cow_tail) {
  std::vector<std::string> columns = {
      "dispnum",        "ccode1",    "ccode2", "year",      prefix + "ongoing",
      prefix + "onset", "sidea1",    "sidea2", "fatality1", "fatality2",
      "fatalpre1",      "fatalpre2", "hiact1", "hiact2",    "hostlev1",
      "hostlev2",       "orig1",     "orig2",  "fatality",  "hostlev"};
  if (cow_tail)
    columns.insert(columns.end(), {"mindur", "maxdur", "recip", "stmon"});
  else
    columns.insert(columns.end(), {"recip", "mindur", "maxdur", "stmon"});
  return columns;
}

std::optional<int> fatality_level(const CsvReader& row, std::size_t column) {
  const auto level = integer_in_range_or_missing(row, column, 0, kMaxFatalityLevel, kMissingCode);
  return level ? std::optional<int>(int(*level)) : std::nullopt;
}

MidData read_mid(const std::string& path, MidSource source) {
  CsvReader reader(path);
  const bool cow = source == MidSource::cow;
  reader.require_header(mid_header(cow ? "cowmid" : "gmlmid", cow));
  const std::size_t recip = *reader.column_index("recip");
  const std::size_t mindur = *reader.column_index("mindur");
  MidData data;
  data.source = source;
  data.rows = read_csv_rows<MidDyadYear>(reader, [&](const CsvReader& row) {
    MidDyadYear d;
    d.dispnum = int(integer_in_range(row, 0, 1, 99'999));
    std::tie(d.ccode1, d.ccode2) = dyad_codes(row, 1, false);
    d.year = int(integer_in_range(row, 3, 1800, 2100));
    row.flag(4);
    d.onset = row.flag(5);
    row.flag(6);
    row.flag(7);
    d.fatality1 = fatality_level(row, 8);
    d.fatality2 = fatality_level(row, 9);
    integer_in_range_or_missing(row, 10, 0, kMaxDeaths, kMissingCode);
    integer_in_range_or_missing(row, 11, 0, kMaxDeaths, kMissingCode);
    integer_in_range(row, 12, 0, kMaxAction);
    integer_in_range(row, 13, 0, kMaxAction);
    d.hostlev1 = int(integer_in_range(row, 14, 1, kMaxHostilityLevel));
    d.hostlev2 = int(integer_in_range(row, 15, 1, kMaxHostilityLevel));
    row.flag(16);
    row.flag(17);
    d.fatality = fatality_level(row, 18);
    d.hostlev = int(integer_in_range(row, 19, 1, kMaxHostilityLevel));
    row.flag(recip);
    integer_in_range(row, mindur, 1, kMaxDurationDays);
    integer_in_range(row, mindur + 1, 1, kMaxDurationDays);  // maxdur follows mindur in both files
    // stmon is not checked: the GML file has 13 in ten rows (dispute 1272).
    return d;
  });
  return data;
}
}  // namespace

MidData read_cow_mid_dyad_years(const std::string& path) {
  return read_mid(path, MidSource::cow);
}

MidData read_gml_mid_dyad_years(const std::string& path) {
  return read_mid(path, MidSource::gml);
}

const char* mid_source_name(MidSource source) {
  return source == MidSource::cow ? "cow" : "gml";
}

}  // namespace linchpin::analytics
