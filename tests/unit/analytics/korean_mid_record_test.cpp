#include "linchpin/analytics/korean_mid_record.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "test_support.hpp"

namespace linchpin::analytics {
namespace {

MidDyadYear row(int dispnum, int a, int b, int year, bool onset, int hostlev,
                std::optional<int> fatality) {
  MidDyadYear r;
  r.dispnum = dispnum;
  r.ccode1 = a;
  r.ccode2 = b;
  r.year = year;
  r.onset = onset;
  r.hostlev1 = r.hostlev2 = r.hostlev = hostlev;
  r.fatality1 = r.fatality2 = r.fatality = fatality;
  return r;
}

TEST(KoreanMidRecord, CowOnsetsAreDeduplicatedByDisputeAcrossDyadsAndDirections) {
  const std::vector<MidDyadYear> rows = {
      row(10, 732, 731, 1985, false, 4, 0),  // ongoing, the ROK dyad entered in 1984
      row(10, 732, 731, 1984, true, 4, 0),
      row(10, 731, 732, 1984, true, 4, 0),  // the mirror row
      row(10, 2, 731, 1985, true, 3, 1),    // the US joined a year later, with a death
      row(11, 2, 731, 1950, true, 5, 6),    // before the window
      row(12, 732, 740, 1990, true, 4, 1),  // not a Korean dyad of interest
      row(13, 732, 731, 2000, true, 2, std::nullopt),
  };
  const auto mids = korean_mids_from_cow(rows, 1953, 2014);
  ASSERT_EQ(mids.size(), 2u);
  EXPECT_EQ(mids[0].id, "10");
  EXPECT_EQ(mids[0].year, 1984);  // the earliest onset over the Korean dyads
  EXPECT_EQ(mids[0].hostlev, 4);
  EXPECT_EQ(mids[0].fatality, 1);
  EXPECT_TRUE(mids[0].rok_dprk && mids[0].usa_dprk);
  EXPECT_TRUE(mids[0].fatal() && mids[0].use_of_force() && !mids[0].war());
  EXPECT_EQ(mids[1].id, "13");
  EXPECT_FALSE(mids[1].fatality.has_value());
  EXPECT_FALSE(mids[1].fatal());
  EXPECT_FALSE(mids[1].display_of_force());

  const auto counts = count_korean_mids(mids, 1953, 2014);
  EXPECT_EQ(counts.onsets, 2);
  EXPECT_EQ(counts.use_of_force, 1);
  EXPECT_EQ(counts.display_of_force, 1);
  EXPECT_EQ(counts.fatal, 1);
  EXPECT_EQ(counts.war, 0);
  EXPECT_EQ(counts.fatality_unknown, 1);
  EXPECT_EQ(counts.years(), 62);
}

TEST(KoreanMidRecord, SeriesTakesCowToItsLastYearAndProjectCodingAfter) {
  KoreanMid cow_2014{"1", 2014, 4, 0}, cow_2015{"2", 2015, 4, 0};
  KoreanMid project_2014{"P2014", 2014, 3, 0}, project_2016{"P2016", 2016, 3, 0};
  const std::vector<KoreanMid> cow = {cow_2015, cow_2014}, project = {project_2016, project_2014};
  const auto series = korean_mid_series(cow, project);
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[0].id, "1");
  EXPECT_EQ(series[1].id, "P2016");
}

TEST(KoreanMidRecord, OnsetsByYear) {
  const std::vector<KoreanMid> mids = {
      {"a", 2001, 4, 1}, {"b", 2001, 3, 0}, {"c", 2003, 4, 0}, {"d", 1999, 4, 0}};
  EXPECT_EQ(onsets_by_year(mids, 2000, 2003), (std::vector<int>{0, 2, 0, 1}));
  EXPECT_EQ(onsets_by_year(mids, 2000, 2003, 4), (std::vector<int>{0, 1, 0, 1}));
  EXPECT_TRUE(onsets_by_year(mids, 2004, 2003).empty());
}

TEST(KoreanMidRecord, JeffreysFits) {
  const auto rate = fit_onset_rate(3, 120);
  EXPECT_NEAR(rate.log_rate_mean, std::log(3.5 / 120.0), 1e-12);
  EXPECT_NEAR(rate.log_rate_sd, 1.0 / std::sqrt(3.5), 1e-12);
  const auto share = fit_share(2, 10);
  EXPECT_DOUBLE_EQ(share.alpha, 2.5);
  EXPECT_DOUBLE_EQ(share.beta, 8.5);
  EXPECT_DOUBLE_EQ(share.mean(), 2.5 / 11.0);

  // Two MIDs in 1953-1962: one use of force with a death, one threat.
  const std::vector<KoreanMid> mids = {{"a", 1955, 4, 1}, {"b", 1960, 2, 0}, {"c", 1970, 4, 0}};
  const auto fit = fit_korean_mids(mids, 1962);
  EXPECT_EQ(fit.counts.onsets, 2);
  EXPECT_EQ(fit.rate.months, 120);
  EXPECT_NEAR(fit.rate.log_rate_mean, std::log(2.5 / 120.0), 1e-12);
  EXPECT_DOUBLE_EQ(fit.use_of_force.alpha, 1.5);
  EXPECT_DOUBLE_EQ(fit.fatal_given_use_of_force.alpha, 1.5);
  EXPECT_DOUBLE_EQ(fit.fatal_given_use_of_force.beta, 0.5);
  EXPECT_DOUBLE_EQ(fit.display_given_no_force.alpha, 0.5);  // the threat is level 2
  EXPECT_DOUBLE_EQ(fit.display_given_no_force.beta, 1.5);
  EXPECT_DOUBLE_EQ(fit.war.beta, 2.5);
}

TEST(KoreanMidRecord, ProjectFileRowsAreCheckedWithReasons) {
  const auto path = std::filesystem::temp_directory_path() / "korean_mids_test.csv";
  test::write_text(path,
                   "id,start_date,dyads,hostlev,highest_action,fatal,fatality_note,description,"
                   "source_ids\n"
                   "P1,2016-01-02,732-731; 2-731,4,clash,1,x,y,src-a\n"
                   "P2,2016-01,732-740,4,clash,0,x,y,src-a\n"
                   "P3,2016-01,732-731,1,none,0,x,y,src-a\n"
                   "P4,2016-01,732-731,3,alert,0,x,y,\n"
                   "P5,16-01,732-731,3,alert,2,x,y,src\n");
  const auto result = read_project_mids(path.string());
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0].year, 2016);
  EXPECT_TRUE(result.records[0].rok_dprk && result.records[0].usa_dprk);
  EXPECT_TRUE(result.records[0].fatal() && result.records[0].project_coded);
  EXPECT_EQ(result.rejected.size(), 4u);
  std::filesystem::remove(path);
}

TEST(KoreanMidRecord, ProjectFileOfTheRepositoryIsClean) {
  const auto result =
      read_project_mids((test::source_dir() / "data/history/korea_mids_2015_2025.csv").string());
  EXPECT_TRUE(result.rejected.empty());
  ASSERT_FALSE(result.records.empty());
  for (const auto& mid : result.records) {
    EXPECT_GE(mid.year, 2015);
    EXPECT_LE(mid.year, 2025);
  }
}

}  // namespace
}  // namespace linchpin::analytics
