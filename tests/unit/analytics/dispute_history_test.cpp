#include "linchpin/analytics/dispute_history.hpp"

#include <gtest/gtest.h>

namespace linchpin::analytics {
namespace {

// dispnum, ccode1, ccode2, year, onset, hostlev1, hostlev2, fatality1, fatality2 (directed).
MidDyadYear row(int dispnum, int a, int b, int year, bool onset, int host_a, int host_b,
                std::optional<int> fat_a, std::optional<int> fat_b) {
  MidDyadYear d;
  d.dispnum = dispnum;
  d.ccode1 = a;
  d.ccode2 = b;
  d.year = year;
  d.onset = onset;
  d.hostlev1 = host_a;
  d.hostlev2 = host_b;
  d.fatality1 = fat_a;
  d.fatality2 = fat_b;
  d.hostlev = std::max(host_a, host_b);
  return d;
}

// Both directions of each dyad-year, as in the peacesciencer files.
void both(std::vector<MidDyadYear>& rows, int dispnum, int a, int b, int year, bool onset,
          int host_a, int host_b, std::optional<int> fat_a, std::optional<int> fat_b) {
  rows.push_back(row(dispnum, a, b, year, onset, host_a, host_b, fat_a, fat_b));
  rows.push_back(row(dispnum, b, a, year, onset, host_b, host_a, fat_b, fat_a));
}

std::vector<MidDyadYear> example() {
  std::vector<MidDyadYear> rows;
  both(rows, 10, 2, 731, 1950, true, 5, 5, 6, 6);             // a war: onset
  both(rows, 10, 2, 731, 1951, false, 5, 5, 6, 6);            // continues
  both(rows, 20, 731, 2, 1968, true, 4, 3, std::nullopt, 1);  // fatality of 731 unknown
  both(rows, 40, 2, 731, 2010, true, 2, 3, 0, 0);
  rows.push_back(row(30, 710, 2, 1950, true, 5, 5, 6, 6));  // one direction only
  return rows;
}

TEST(DisputeHistory, FoldsDirectionsAndCountsHandComputed) {
  const auto rows = example();
  const auto history = dispute_history(rows, {1950, 2000, {}});
  ASSERT_EQ(history.size(), 2u);
  const auto& usa_china = history[0];
  EXPECT_EQ(std::tie(usa_china.ccode1, usa_china.ccode2), std::make_tuple(2, 710));
  EXPECT_EQ(usa_china.dispute_years, 1);
  EXPECT_EQ(usa_china.disputes, 1);
  EXPECT_EQ(usa_china.onsets, 1);
  const auto& usa_prk = history[1];
  EXPECT_EQ(std::tie(usa_prk.ccode1, usa_prk.ccode2), std::make_tuple(2, 731));
  EXPECT_EQ(usa_prk.first_year, 1950);
  EXPECT_EQ(usa_prk.last_year, 2000);
  EXPECT_EQ(usa_prk.dispute_years, 3);  // 1950, 1951, 1968; 2010 is outside the window
  EXPECT_EQ(usa_prk.disputes, 2);       // 10 and 20
  EXPECT_EQ(usa_prk.onsets, 2);
  EXPECT_EQ(usa_prk.max_hostlev, 5);
  EXPECT_EQ(usa_prk.max_fatality, 6);
  EXPECT_EQ(usa_prk.fatality_missing, 1);  // 1968
  EXPECT_EQ(usa_prk.first_dispute_year, 1950);
  EXPECT_EQ(usa_prk.last_dispute_year, 1968);
}

TEST(DisputeHistory, ListedStatesGiveEveryPairIncludingPeacefulOnes) {
  const auto rows = example();
  const auto history = dispute_history(rows, {1960, 2020, {731, 2, 365}});
  ASSERT_EQ(history.size(), 3u);  // 2-365, 2-731, 365-731; 2-710 is not listed
  EXPECT_EQ(std::tie(history[0].ccode1, history[0].ccode2), std::make_tuple(2, 365));
  EXPECT_EQ(history[0].dispute_years, 0);
  EXPECT_EQ(history[0].disputes, 0);
  EXPECT_FALSE(history[0].max_hostlev);
  EXPECT_FALSE(history[0].max_fatality);
  EXPECT_FALSE(history[0].first_dispute_year);
  const auto& usa_prk = history[1];
  EXPECT_EQ(usa_prk.last_year, 2010);   // the window ends where the data end
  EXPECT_EQ(usa_prk.dispute_years, 2);  // 1968, 2010
  EXPECT_EQ(usa_prk.onsets, 2);
  EXPECT_EQ(usa_prk.max_hostlev, 4);
  EXPECT_EQ(usa_prk.max_fatality, 1);  // known levels only: 1 in 1968, 0 in 2010
  EXPECT_EQ(usa_prk.fatality_missing, 1);
  EXPECT_EQ(std::tie(history[2].ccode1, history[2].ccode2), std::make_tuple(365, 731));
}

TEST(DisputeHistory, DataYears) {
  const auto rows = example();
  EXPECT_EQ(dispute_data_years(rows), std::make_pair(1950, 2010));
  EXPECT_EQ(dispute_data_years({}), std::make_pair(0, -1));
}

}  // namespace
}  // namespace linchpin::analytics
