#include "linchpin/analytics/data/fas_reader.hpp"

#include "linchpin/analytics/data/value_checks.hpp"

namespace linchpin::analytics {

ReadResult<WarheadStockpile> read_fas_stockpiles(const std::string& path) {
  CsvReader reader(path);
  reader.require_header({"country_name", "year", "nuclear_weapons_stockpile"});
  return read_csv_rows<WarheadStockpile>(reader, [](const CsvReader& row) {
    WarheadStockpile record;
    record.country = std::string(row.text(0));
    if (record.country.empty()) row.reject(0, "missing country name");
    record.year = int(integer_in_range(row, 1, 1945, 2100));
    record.warheads = int(integer_in_range(row, 2, 0, 1'000'000));
    record.world = record.country == kFasWorldName;
    return record;
  });
}

}  // namespace linchpin::analytics
