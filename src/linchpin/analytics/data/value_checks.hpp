#pragma once
// Field checks shared by the dyad-year and long-format readers; each rejects the current row
// with a precise diagnostic (RowError) through CsvReader::reject.
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "linchpin/analytics/data/csv_reader.hpp"

namespace linchpin::analytics {

// A number >= 0, or nullopt when the field is empty or equals `missing_code` (pass "" when the
// file marks missing values by empty fields only). Any other negative value is rejected.
std::optional<double> non_negative_or_missing(const CsvReader& reader, std::size_t column,
                                              std::string_view missing_code);

// An integer in [low, high].
std::int64_t integer_in_range(const CsvReader& reader, std::size_t column, std::int64_t low,
                              std::int64_t high);

// An integer in [low, high] or nullopt for `missing_code` (e.g. COW's -9).
std::optional<std::int64_t> integer_in_range_or_missing(const CsvReader& reader, std::size_t column,
                                                        std::int64_t low, std::int64_t high,
                                                        std::string_view missing_code);

// The two COW codes of a dyad-year row (columns 1 and 2); rejects a state paired with itself
// and, for undirected files, a pair that is not ordered ccode1 < ccode2.
std::pair<int, int> dyad_codes(const CsvReader& reader, std::size_t first_column,
                               bool require_ordered_pair);

}  // namespace linchpin::analytics
