#include "linchpin/analytics/data/trade_reader.hpp"

#include <tuple>

#include "linchpin/analytics/data/value_checks.hpp"

namespace linchpin::analytics {

ReadResult<TradeDyadYear> read_cow_trade(const std::string& path) {
  CsvReader reader(path);
  reader.require_header(
      {"ccode1", "ccode2", "year", "flow1", "flow2", "smoothflow1", "smoothflow2"});
  return read_csv_rows<TradeDyadYear>(reader, [](const CsvReader& row) {
    TradeDyadYear dyad;
    std::tie(dyad.ccode1, dyad.ccode2) = dyad_codes(row, 0, true);
    dyad.year = int(integer_in_range(row, 2, 1800, 2100));
    // peacesciencer turned COW's -9 into empty fields, so any negative value is damage.
    dyad.flow1 = non_negative_or_missing(row, 3, "");
    dyad.flow2 = non_negative_or_missing(row, 4, "");
    non_negative_or_missing(row, 5, "");
    non_negative_or_missing(row, 6, "");
    return dyad;
  });
}

}  // namespace linchpin::analytics
