#include "linchpin/analytics/data/year_count_reader.hpp"

#include <fmt/format.h>

#include "linchpin/analytics/data/value_checks.hpp"

namespace linchpin::analytics {

ReadResult<YearCount> read_year_counts(const std::string& path, const std::string& column) {
  CsvReader reader(path);
  if (reader.header().empty() || reader.header().front() != "year")
    throw_input_error({path, 1, 1}, "year", "expected the first column to be 'year'");
  const auto index = reader.column_index(column);
  if (!index) throw_input_error({path, 1, 1}, column, fmt::format("no column named '{}'", column));
  ReadResult<YearCount> result;
  while (true) {
    try {
      if (!reader.next_row()) break;
      ++result.data_rows;
      if (reader.text(*index).empty()) continue;  // not yet counted (e.g. a partial year)
      YearCount record;
      record.year = int(integer_in_range(reader, 0, 1900, 2200));
      record.count = int(integer_in_range(reader, *index, 0, 100000));
      result.records.push_back(record);
    } catch (const RowError& error) {
      result.rejected.push_back(error.diagnostic);
    }
  }
  return result;
}

}  // namespace linchpin::analytics
