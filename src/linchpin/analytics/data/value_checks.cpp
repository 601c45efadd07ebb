#include "linchpin/analytics/data/value_checks.hpp"

#include <fmt/format.h>

namespace linchpin::analytics {

std::optional<double> non_negative_or_missing(const CsvReader& reader, std::size_t column,
                                              std::string_view missing_code) {
  const auto value = reader.number_or_missing(column, missing_code);
  if (value && *value < 0) {
    reader.reject(column, missing_code.empty()
                              ? fmt::format("negative value {} (missing is an empty field)", *value)
                              : fmt::format("negative value {} (only {}, missing, is allowed)",
                                            *value, missing_code));
  }
  return value;
}

std::int64_t integer_in_range(const CsvReader& reader, std::size_t column, std::int64_t low,
                              std::int64_t high) {
  const std::int64_t value = reader.integer(column);
  if (value < low || value > high)
    reader.reject(column, fmt::format("{} is out of range {} to {}", value, low, high));
  return value;
}

std::optional<std::int64_t> integer_in_range_or_missing(const CsvReader& reader, std::size_t column,
                                                        std::int64_t low, std::int64_t high,
                                                        std::string_view missing_code) {
  if (reader.text(column) == missing_code) return std::nullopt;
  return integer_in_range(reader, column, low, high);
}

std::pair<int, int> dyad_codes(const CsvReader& reader, std::size_t first_column,
                               bool require_ordered_pair) {
  const int first = int(integer_in_range(reader, first_column, 1, 999));
  const int second = int(integer_in_range(reader, first_column + 1, 1, 999));
  if (first == second) reader.reject(first_column + 1, "a dyad needs two different states");
  if (require_ordered_pair && first > second)
    reader.reject(
        first_column + 1,
        fmt::format("undirected file expects ccode1 < ccode2, found {} > {}", first, second));
  return {first, second};
}

}  // namespace linchpin::analytics
