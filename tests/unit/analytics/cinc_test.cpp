#include "linchpin/analytics/cinc.hpp"

#include <gtest/gtest.h>

namespace linchpin::analytics {
namespace {

TEST(Cinc, MeanOfAvailableSharesHandComputed) {
  // Totals: milex 40, milper 4, irst 4 (B only), pec 10, tpop 400, upop 40.
  std::vector<NmcComponents> states = {
      {10.0, 1.0, std::nullopt, 5.0, 100.0, 10.0},
      {30.0, 3.0, 4.0, 5.0, 300.0, 30.0},
  };
  const auto cinc = cinc_for_year(states);
  ASSERT_EQ(cinc.size(), 2u);
  EXPECT_NEAR(*cinc[0], (0.25 + 0.25 + 0.5 + 0.25 + 0.25) / 5, 1e-15);
  EXPECT_NEAR(*cinc[1], (0.75 + 0.75 + 1.0 + 0.5 + 0.75 + 0.75) / 6, 1e-15);
  // COW's convention makes the year's total exceed 1 when a component is missing.
  EXPECT_GT(*cinc[0] + *cinc[1], 1.0);
}

TEST(Cinc, ZeroWorldTotalAndAllMissingAreLeftOut) {
  std::vector<NmcComponents> states = {
      {0.0, 1.0, 0.0, 0.0, 0.0, 0.0},
      {0.0, 3.0, 0.0, 0.0, 0.0, 0.0},
      {std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt},
  };
  const auto cinc = cinc_for_year(states);
  EXPECT_NEAR(*cinc[0], 0.25, 1e-15);
  EXPECT_NEAR(*cinc[1], 0.75, 1e-15);
  EXPECT_FALSE(cinc[2].has_value());
}

TEST(Cinc, PanelGroupsByYearAndSorts) {
  std::vector<NmcRecord> records(3);
  records[0] = {"B", 20, 1817, {1.0, 1.0, 1.0, 1.0, 1.0, 1.0}, 1.0};
  records[1] = {"B", 20, 1816, {1.0, 1.0, 1.0, 1.0, 1.0, 1.0}, 0.5};
  records[2] = {"A", 2, 1816, {3.0, 3.0, 3.0, 3.0, 3.0, std::nullopt}, 0.75};
  const auto panel = compute_cinc(records);
  ASSERT_EQ(panel.size(), 3u);
  EXPECT_EQ(panel[0].ccode, 2);
  EXPECT_EQ(panel[0].components_available, 5);
  EXPECT_NEAR(*panel[0].cinc, 0.75, 1e-15);
  EXPECT_NEAR(*panel[1].cinc, 0.25 * 5 / 6 + 1.0 / 6, 1e-15);
  EXPECT_EQ(panel[2].year, 1817);
  EXPECT_NEAR(*panel[2].cinc, 1.0, 1e-15);
}

}  // namespace
}  // namespace linchpin::analytics
