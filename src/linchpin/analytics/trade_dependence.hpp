#pragma once
// Trade dependence: a dyad's total trade as a share of each side's total trade (Barbieri 1996's
// "trade share"), from COW dyadic trade. A state's total trade is summed over its dyads in the
// file, so partners missing from the file (or with a missing flow) are not in the total.
#include <optional>
#include <span>
#include <vector>

#include "linchpin/analytics/data/trade_reader.hpp"

namespace linchpin::analytics {

// flow1 + flow2 (current million USD); nullopt when either flow is missing.
std::optional<double> dyad_trade(std::optional<double> flow1, std::optional<double> flow2);

// trade / total; nullopt when either is missing or the total is not positive.
std::optional<double> trade_share(std::optional<double> trade, std::optional<double> total);

struct TradeDependence {
  int ccode1 = 0;  // ccode1 < ccode2
  int ccode2 = 0;
  int year = 0;
  std::optional<double> flow1;   // imports of ccode1 from ccode2
  std::optional<double> flow2;   // imports of ccode2 from ccode1
  std::optional<double> trade;   // flow1 + flow2
  std::optional<double> total1;  // ccode1's total trade over its dyads with both flows known
  std::optional<double> total2;
  std::optional<double> share1;  // trade / total1
  std::optional<double> share2;  // trade / total2
};

struct TradeDependenceOptions {
  int first_year = 0;
  int last_year = 9999;
  // When non-empty, only dyads with both states in the list are returned (totals still use
  // every dyad of the input).
  std::vector<int> states;
  // When non-empty, only these states' totals are complete in the input (the focal-states
  // file); the other states get no total and no share.
  std::vector<int> complete_totals;
};

// Every dyad-year of `rows` in the year range, sorted by year, ccode1, ccode2. Totals are
// computed from all rows of the same year, so pass the whole file, not a selection.
std::vector<TradeDependence> trade_dependence(std::span<const TradeDyadYear> rows,
                                              const TradeDependenceOptions& options);

}  // namespace linchpin::analytics
