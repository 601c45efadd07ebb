#pragma once
// Reader for the FAS nuclear warhead stockpile estimates (Status of World Nuclear Forces, 2023
// release as prepared by Our World in Data): one row per country-year, 1945-2023.
#include <string>

#include "linchpin/analytics/data/csv_reader.hpp"

namespace linchpin::analytics {

// The aggregate row's name. Its value is NOT the sum of the countries: it also counts retired
// warheads awaiting dismantlement, which the country rows exclude.
inline constexpr const char* kFasWorldName = "World";

struct WarheadStockpile {
  std::string country;  // "United States", "Russia" (the USSR before 1992), ..., or "World"
  int year = 0;
  int warheads = 0;    // stockpiled warheads (deployed and reserve, not retired)
  bool world = false;  // the "World" aggregate row
};

// File names in the data folder (see shared/data/SOURCES.md).
struct FasFiles {
  static constexpr const char* stockpiles = "fas_nuclear_warhead_stockpiles_1945_2023.csv";
};

ReadResult<WarheadStockpile> read_fas_stockpiles(const std::string& path);

}  // namespace linchpin::analytics
