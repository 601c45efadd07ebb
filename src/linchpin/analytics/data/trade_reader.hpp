#pragma once
// Reader for the COW Dyadic Trade v4.0 files as built by peacesciencer: undirected dyad-years
// (ccode1 < ccode2) with flow1 = imports of ccode1 from ccode2 and flow2 = imports of ccode2
// from ccode1, in current million US dollars (rounded to integers); an empty field is missing.
#include <array>
#include <optional>
#include <string>
#include <utility>

#include "linchpin/analytics/data/csv_reader.hpp"

namespace linchpin::analytics {

struct TradeDyadYear {
  int ccode1 = 0;  // ccode1 < ccode2
  int ccode2 = 0;
  int year = 0;
  std::optional<double> flow1;  // imports of ccode1 from ccode2, current million USD
  std::optional<double> flow2;  // imports of ccode2 from ccode1
};

// The focal-states file (1870-2014) holds every dyad of these states and no other dyad: USA (2),
// Russia (365), China (710), North Korea (731), South Korea (732), Japan (740).
inline constexpr std::array<int, 6> kTradeFocalStates = {2, 365, 710, 731, 732, 740};
// The all-dyads file starts in this year; earlier years exist only in the focal-states file.
inline constexpr int kTradeAllDyadsFirstYear = 1990;

// File names in the data folder (see shared/data/SOURCES.md).
struct TradeFiles {
  static constexpr const char* all_dyads = "cow_trade_dyadic_v4_1990_2014.csv";
  static constexpr const char* focal_states = "cow_trade_dyadic_v4_focal_states_1870_2014.csv";
};

// Reads either trade file (same layout). The smoothed flows are checked but not kept.
ReadResult<TradeDyadYear> read_cow_trade(const std::string& path);

}  // namespace linchpin::analytics
