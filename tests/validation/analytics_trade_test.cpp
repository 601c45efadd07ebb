// Trade dependence on the real COW Dyadic Trade v4.0 files: South Korea's trade with China
// overtook its trade with the United States in 2003 (and with Japan in 2001), and the two
// files agree where they overlap. Needs ../shared/data; skipped without it.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "linchpin/analytics/trade_dependence.hpp"

namespace linchpin::analytics {
namespace {

std::filesystem::path shared(const char* name) {
  return std::filesystem::path(LINCHPIN_SHARED_DATA_DIR) / name;
}

constexpr int kUsa = 2, kChina = 710, kSouthKorea = 732, kJapan = 740;

class TradeData : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(shared(TradeFiles::all_dyads)) ||
        !std::filesystem::exists(shared(TradeFiles::focal_states)))
      GTEST_SKIP() << "shared data not found at " << LINCHPIN_SHARED_DATA_DIR;
  }
};

// ROK's dyadic trade (flow1 + flow2) with a partner, by year.
std::map<int, double> rok_trade_with(const std::vector<TradeDependence>& panel, int partner) {
  std::map<int, double> series;
  for (const auto& d : panel) {
    if ((d.ccode1 == partner && d.ccode2 == kSouthKorea) ||
        (d.ccode1 == kSouthKorea && d.ccode2 == partner)) {
      EXPECT_TRUE(d.trade.has_value()) << partner << " " << d.year;
      series[d.year] = d.trade.value_or(0);
    }
  }
  return series;
}

TEST_F(TradeData, SouthKoreaTradesMoreWithChinaThanWithTheUsFrom2003) {
  const auto rows = read_cow_trade(shared(TradeFiles::all_dyads).string());
  ASSERT_TRUE(rows.rejected.empty());
  const auto panel = trade_dependence(rows.records, {});
  const auto china = rok_trade_with(panel, kChina);
  const auto usa = rok_trade_with(panel, kUsa);
  const auto japan = rok_trade_with(panel, kJapan);
  ASSERT_EQ(china.size(), 25u);  // 1990-2014, no gaps
  ASSERT_EQ(usa.size(), 25u);
  ASSERT_EQ(japan.size(), 25u);
  for (int year = 1990; year <= 2014; ++year) {
    SCOPED_TRACE(year);
    // The crossing is 2003 (79,116 vs 63,281 million USD), not 2004; 2002 is 57,577 vs 60,021.
    EXPECT_EQ(china.at(year) > usa.at(year), year >= 2003);
    EXPECT_EQ(china.at(year) > japan.at(year), year >= 2001);
  }
  EXPECT_EQ(china.at(2003), 54467 + 24649);
  EXPECT_EQ(usa.at(2003), 38346 + 24935);
}

TEST_F(TradeData, SharesOfEveryStatesKnownTradeSumToOne) {
  const auto rows = read_cow_trade(shared(TradeFiles::all_dyads).string());
  TradeDependenceOptions options;
  options.first_year = options.last_year = 2014;
  std::map<int, double> sums;
  for (const auto& d : trade_dependence(rows.records, options)) {
    if (d.share1) sums[d.ccode1] += *d.share1;
    if (d.share2) sums[d.ccode2] += *d.share2;
  }
  ASSERT_GT(sums.size(), 150u);
  for (const auto& [ccode, sum] : sums) EXPECT_NEAR(sum, 1.0, 1e-9) << ccode;
}

TEST_F(TradeData, FocalFileMatchesAllDyadsFileFrom1990AndHoldsOnlyFocalDyads) {
  const auto all = read_cow_trade(shared(TradeFiles::all_dyads).string());
  const auto focal = read_cow_trade(shared(TradeFiles::focal_states).string());
  ASSERT_TRUE(focal.rejected.empty());
  auto is_focal = [](int ccode) {
    return std::find(kTradeFocalStates.begin(), kTradeFocalStates.end(), ccode) !=
           kTradeFocalStates.end();
  };
  std::map<std::tuple<int, int, int>, std::pair<std::optional<double>, std::optional<double>>>
      from_all;
  for (const auto& r : all.records)
    if (is_focal(r.ccode1) || is_focal(r.ccode2))
      from_all[{r.ccode1, r.ccode2, r.year}] = {r.flow1, r.flow2};
  std::size_t overlap = 0;
  int first_year = 9999;
  for (const auto& r : focal.records) {
    ASSERT_TRUE(is_focal(r.ccode1) || is_focal(r.ccode2));
    first_year = std::min(first_year, r.year);
    if (r.year < kTradeAllDyadsFirstYear) continue;
    ++overlap;
    const auto found = from_all.find({r.ccode1, r.ccode2, r.year});
    ASSERT_NE(found, from_all.end());
    EXPECT_EQ(found->second, std::make_pair(r.flow1, r.flow2));
  }
  EXPECT_EQ(overlap, from_all.size());
  EXPECT_EQ(overlap, 25737u);
  EXPECT_EQ(first_year, 1870);
}

}  // namespace
}  // namespace linchpin::analytics
