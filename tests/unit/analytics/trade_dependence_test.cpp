#include "linchpin/analytics/trade_dependence.hpp"

#include <gtest/gtest.h>

namespace linchpin::analytics {
namespace {

constexpr std::optional<double> kMissing = std::nullopt;

// Year 2000: 1-2 trade 10+30 = 40, 1-3 trade 5+5 = 10, 2-3 has a missing flow, 2-4 trade 0.
// Totals: state 1 = 50, state 2 = 40 (2-3 left out), state 3 = 10, state 4 = 0.
std::vector<TradeDyadYear> example() {
  return {
      {1, 2, 2001, 1, 1}, {2, 4, 2000, 0, 0},         {1, 2, 2000, 10, 30},
      {1, 3, 2000, 5, 5}, {2, 3, 2000, 20, kMissing},
  };
}

TEST(TradeDependence, DyadTradeNeedsBothFlows) {
  EXPECT_EQ(dyad_trade(10, 30), 40.0);
  EXPECT_EQ(dyad_trade(0, 0), 0.0);
  EXPECT_FALSE(dyad_trade(20, kMissing));
  EXPECT_FALSE(dyad_trade(kMissing, 20));
}

TEST(TradeDependence, ShareNeedsAPositiveTotal) {
  EXPECT_DOUBLE_EQ(*trade_share(40, 50), 0.8);
  EXPECT_FALSE(trade_share(0, 0));
  EXPECT_FALSE(trade_share(kMissing, 50));
  EXPECT_FALSE(trade_share(10, kMissing));
}

TEST(TradeDependence, SharesOfEachSidesTotalHandComputed) {
  const auto rows = example();
  const auto panel = trade_dependence(rows, {});
  ASSERT_EQ(panel.size(), 5u);
  // Sorted by year, ccode1, ccode2.
  const auto& d12 = panel[0];
  EXPECT_EQ(std::tie(d12.year, d12.ccode1, d12.ccode2), std::make_tuple(2000, 1, 2));
  EXPECT_EQ(d12.trade, 40.0);
  EXPECT_EQ(d12.total1, 50.0);
  EXPECT_EQ(d12.total2, 40.0);
  EXPECT_DOUBLE_EQ(*d12.share1, 0.8);
  EXPECT_DOUBLE_EQ(*d12.share2, 1.0);
  const auto& d13 = panel[1];
  EXPECT_DOUBLE_EQ(*d13.share1, 0.2);
  EXPECT_DOUBLE_EQ(*d13.share2, 1.0);
  const auto& d23 = panel[2];
  EXPECT_EQ(d23.flow1, 20.0);
  EXPECT_FALSE(d23.flow2);
  EXPECT_FALSE(d23.trade);
  EXPECT_EQ(d23.total1, 40.0);
  EXPECT_EQ(d23.total2, 10.0);
  EXPECT_FALSE(d23.share1);
  EXPECT_FALSE(d23.share2);
  const auto& d24 = panel[3];
  EXPECT_DOUBLE_EQ(*d24.share1, 0.0);
  EXPECT_EQ(d24.total2, 0.0);
  EXPECT_FALSE(d24.share2);  // state 4 has no trade at all
  const auto& next_year = panel[4];
  EXPECT_EQ(next_year.year, 2001);
  EXPECT_EQ(next_year.total1, 2.0);  // totals are per year
  EXPECT_DOUBLE_EQ(*next_year.share2, 1.0);
}

TEST(TradeDependence, SelectionKeepsTotalsOfTheWholeFile) {
  const auto rows = example();
  TradeDependenceOptions options;
  options.states = {1, 2};
  options.first_year = options.last_year = 2000;
  const auto panel = trade_dependence(rows, options);
  ASSERT_EQ(panel.size(), 1u);
  EXPECT_EQ(panel[0].total1, 50.0);  // includes 1-3, which is not selected
  EXPECT_DOUBLE_EQ(*panel[0].share1, 0.8);
}

TEST(TradeDependence, OnlyCompleteTotalsGiveShares) {
  const auto rows = example();
  TradeDependenceOptions options;
  options.complete_totals = {1};
  options.last_year = 2000;
  const auto panel = trade_dependence(rows, options);
  ASSERT_EQ(panel.size(), 4u);
  EXPECT_DOUBLE_EQ(*panel[0].share1, 0.8);
  EXPECT_FALSE(panel[0].total2);
  EXPECT_FALSE(panel[0].share2);
}

}  // namespace
}  // namespace linchpin::analytics
