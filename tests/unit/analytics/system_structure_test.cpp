#include "linchpin/analytics/system_structure.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace linchpin::analytics {
namespace {

TEST(SystemStructure, RaySingerConcentrationHandComputed) {
  const std::vector<double> capabilities = {0.5, 0.3, 0.2};  // sum s^2 = 0.38
  EXPECT_NEAR(*ray_singer_concentration(capabilities), std::sqrt((0.38 - 1.0 / 3) / (2.0 / 3)),
              1e-12);
  // Scaling does not matter: shares are taken within the set.
  const std::vector<double> scaled = {5, 3, 2};
  EXPECT_NEAR(*ray_singer_concentration(scaled), *ray_singer_concentration(capabilities), 1e-12);
  const std::vector<double> equal = {0.1, 0.1, 0.1, 0.1};
  EXPECT_NEAR(*ray_singer_concentration(equal), 0.0, 1e-12);
  const std::vector<double> monopoly = {1.0, 0.0, 0.0};
  EXPECT_NEAR(*ray_singer_concentration(monopoly), 1.0, 1e-12);
  const std::vector<double> single = {0.4};
  EXPECT_FALSE(ray_singer_concentration(single).has_value());
}

TEST(SystemStructure, EffectiveNumberAndPoles) {
  const std::vector<double> capabilities = {0.5, 0.3, 0.2};
  EXPECT_NEAR(*effective_number(capabilities), 1.0 / 0.38, 1e-12);
  EXPECT_EQ(poles(capabilities, 0.5), (std::vector<std::size_t>{0, 1}));
  const std::vector<double> bipolar = {0.2, 0.9, 1.0};
  EXPECT_EQ(poles(bipolar, 0.5), (std::vector<std::size_t>{2, 1}));
  EXPECT_TRUE(poles(std::vector<double>{}, 0.5).empty());
}

TEST(SystemStructure, YearSeriesAndTransitions) {
  const std::vector<MembershipSpell> majors = {{1, "", "", 2000, 2016, 12, 31, 2016},
                                               {2, "", "", 2000, 2016, 12, 31, 2016}};
  const MembershipIndex index(majors, 2022);
  std::vector<StateYearCinc> panel = {
      {1, 2000, "A", 0.1, std::nullopt, 6}, {2, 2000, "B", 0.2, std::nullopt, 6},
      {3, 2000, "C", 0.7, std::nullopt, 6}, {1, 2021, "A", 0.25, std::nullopt, 6},
      {2, 2021, "B", 0.2, std::nullopt, 6}, {1, 2022, "A", 0.3, std::nullopt, 6},
      {2, 2022, "B", 0.2, std::nullopt, 6},
  };
  const auto structure = compute_system_structure(panel, index);
  ASSERT_EQ(structure.years.size(), 3u);
  EXPECT_EQ(structure.years[0].states, 3);
  EXPECT_EQ(structure.years[0].major_powers, 2);
  EXPECT_NEAR(*structure.years[0].effective_major_powers, 1.0 / (1.0 / 9 + 4.0 / 9), 1e-12);
  EXPECT_EQ(structure.years[0].pole_ccodes, (std::vector<int>{2, 1}));
  // 2021 follows 2000 with a gap, so it is not a transition; 2022 follows 2021 with A ahead.
  EXPECT_TRUE(structure.transitions.empty());
  panel.push_back({1, 2020, "A", 0.1, std::nullopt, 6});
  panel.push_back({2, 2020, "B", 0.2, std::nullopt, 6});
  const auto with_2020 = compute_system_structure(panel, index);
  ASSERT_EQ(with_2020.transitions.size(), 1u);
  EXPECT_EQ(with_2020.transitions[0].year, 2021);
  EXPECT_EQ(with_2020.transitions[0].riser_ccode, 1);
  EXPECT_EQ(with_2020.transitions[0].overtaken_ccode, 2);
  EXPECT_NEAR(with_2020.transitions[0].ratio_before, 0.5, 1e-12);
  EXPECT_NEAR(with_2020.transitions[0].ratio_after, 1.25, 1e-12);
}

TEST(StateMembership, VintageEndIsOpenButRealEndsAreKept) {
  const std::vector<MembershipSpell> spells = {{2, "USA", "", 1816, 2016, 12, 31, 2016},
                                               {255, "GMY", "", 1816, 1918, 11, 11, 2016}};
  const MembershipIndex index(spells, 2022);
  EXPECT_TRUE(index.contains(2, 2022));
  EXPECT_FALSE(index.contains(2, 2023));
  EXPECT_TRUE(index.contains(255, 1918));
  EXPECT_FALSE(index.contains(255, 1919));
  EXPECT_EQ(index.members(1900), (std::vector<int>{2, 255}));
}

}  // namespace
}  // namespace linchpin::analytics
