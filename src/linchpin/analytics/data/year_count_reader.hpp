#pragma once
// Reader for one count column of a yearly record such as data/history/dprk_launch_record.csv
// (first column `year`). Rows whose field is empty (a year not yet counted) are skipped.
#include <string>

#include "linchpin/analytics/data/csv_reader.hpp"
#include "linchpin/analytics/regime_count_model.hpp"

namespace linchpin::analytics {

// Throws InputError when the file has no `year` first column or no such column; rows with a
// non-integer or negative count are rejected with their file:line:column.
ReadResult<YearCount> read_year_counts(const std::string& path, const std::string& column);

}  // namespace linchpin::analytics
