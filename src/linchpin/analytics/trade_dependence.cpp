#include "linchpin/analytics/trade_dependence.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <unordered_map>

namespace linchpin::analytics {

namespace {
// COW codes are below 1000, so year * 1000 + ccode identifies a state-year.
std::int64_t state_year(int year, int ccode) {
  return std::int64_t(year) * 1000 + ccode;
}

bool listed(const std::vector<int>& list, int ccode) {
  return std::find(list.begin(), list.end(), ccode) != list.end();
}
}  // namespace

std::optional<double> dyad_trade(std::optional<double> flow1, std::optional<double> flow2) {
  if (!flow1 || !flow2) return std::nullopt;
  return *flow1 + *flow2;
}

std::optional<double> trade_share(std::optional<double> trade, std::optional<double> total) {
  if (!trade || !total || *total <= 0) return std::nullopt;
  return *trade / *total;
}

std::vector<TradeDependence> trade_dependence(std::span<const TradeDyadYear> rows,
                                              const TradeDependenceOptions& options) {
  auto in_range = [&](int year) { return year >= options.first_year && year <= options.last_year; };
  // state-year -> total trade over the state's dyads with both flows known.
  std::unordered_map<std::int64_t, double> totals;
  for (const auto& row : rows) {
    if (!in_range(row.year)) continue;
    const auto trade = dyad_trade(row.flow1, row.flow2);
    if (!trade) continue;
    totals[state_year(row.year, row.ccode1)] += *trade;
    totals[state_year(row.year, row.ccode2)] += *trade;
  }
  auto total_of = [&](int year, int ccode) -> std::optional<double> {
    if (!options.complete_totals.empty() && !listed(options.complete_totals, ccode))
      return std::nullopt;
    const auto found = totals.find(state_year(year, ccode));
    if (found == totals.end()) return std::nullopt;
    return found->second;
  };

  std::vector<TradeDependence> panel;
  for (const auto& row : rows) {
    if (!in_range(row.year)) continue;
    if (!options.states.empty() &&
        (!listed(options.states, row.ccode1) || !listed(options.states, row.ccode2)))
      continue;
    TradeDependence d;
    d.ccode1 = row.ccode1;
    d.ccode2 = row.ccode2;
    d.year = row.year;
    d.flow1 = row.flow1;
    d.flow2 = row.flow2;
    d.trade = dyad_trade(row.flow1, row.flow2);
    d.total1 = total_of(row.year, row.ccode1);
    d.total2 = total_of(row.year, row.ccode2);
    d.share1 = trade_share(d.trade, d.total1);
    d.share2 = trade_share(d.trade, d.total2);
    panel.push_back(d);
  }
  std::sort(panel.begin(), panel.end(), [](const TradeDependence& a, const TradeDependence& b) {
    return std::tie(a.year, a.ccode1, a.ccode2) < std::tie(b.year, b.ccode1, b.ccode2);
  });
  return panel;
}

}  // namespace linchpin::analytics
