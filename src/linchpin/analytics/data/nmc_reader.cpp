#include "linchpin/analytics/data/nmc_reader.hpp"

#include <fmt/format.h>

namespace linchpin::analytics {

namespace {
constexpr std::string_view kMissingCode = "-9";
const std::vector<std::string> kV7Columns = {"stateabb", "ccode", "year", "milex", "milper",
                                             "irst",     "pec",   "tpop", "upop",  "cinc"};

std::optional<double> non_negative_or_missing(const CsvReader& reader, std::size_t column) {
  auto value = reader.number_or_missing(column, kMissingCode);
  // -9 is the only negative value COW uses; any other is a damaged cell, not a missing one.
  if (value && *value < 0)
    reader.reject(column, fmt::format("negative value {} (only -9, missing, is allowed)", *value));
  return value;
}
}  // namespace

NmcData read_nmc(const std::string& path) {
  CsvReader reader(path);
  NmcData data;
  auto v6_columns = kV7Columns;
  v6_columns.push_back("version");
  const bool has_version = reader.header().size() == v6_columns.size();
  reader.require_header(has_version ? v6_columns : kV7Columns);
  data.layout = has_version ? NmcLayout::v6_0 : NmcLayout::v7_0;
  data.rows = read_csv_rows<NmcRecord>(reader, [&](const CsvReader& row) {
    NmcRecord record;
    record.state_abbreviation = std::string(row.text(0));
    record.ccode = int(row.integer(1));
    record.year = int(row.integer(2));
    if (record.year < 1800 || record.year > 2100)
      row.reject(2, fmt::format("year {} is out of range", record.year));
    for (std::size_t i = 0; i < kNmcComponentCount; ++i)
      record.components[i] = non_negative_or_missing(row, 3 + i);
    record.published_cinc = non_negative_or_missing(row, 9);
    if (has_version && data.version_field.empty()) data.version_field = std::string(row.text(10));
    return record;
  });
  return data;
}

const char* nmc_layout_name(NmcLayout layout) {
  return layout == NmcLayout::v6_0 ? "6.0" : "7.0";
}

}  // namespace linchpin::analytics
