#include "linchpin/analysis/backtest.hpp"

#include <gtest/gtest.h>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/core/error.hpp"
#include "test_support.hpp"

namespace linchpin::analysis {
namespace {

TEST(Backtest, NearestRankQuantile) {
  const std::vector<double> v = {0, 1, 1, 2, 3, 5, 8, 13, 21, 34};  // n = 10
  EXPECT_EQ(nearest_rank_quantile(v, 0.05), 0);                     // ceil(0.5) = 1st
  EXPECT_EQ(nearest_rank_quantile(v, 0.5), 3);                      // 5th
  EXPECT_EQ(nearest_rank_quantile(v, 0.95), 34);                    // ceil(9.5) = 10th
  EXPECT_EQ(nearest_rank_quantile({}, 0.5), 0);
}

TEST(Backtest, ReadsTheRecordAndRejectsBadRows) {
  const auto series = default_backtest_series();
  const auto record = read_historical_record(
      (test::source_dir() / "data" / "history" / "korea_events_yearly.csv").string(), series);
  ASSERT_TRUE(record.count(2006));
  EXPECT_EQ(record.at(2006).at("dprk_nuclear_tests"), 1.0);
  EXPECT_EQ(record.at(2022).at("dprk_missile_launch_events"), 31.0);
  EXPECT_FALSE(record.at(2026).count("dprk_nuclear_tests"));  // empty in the record
  // The MID onset series is not a CSV column: counted from the MID record and merged.
  EXPECT_FALSE(record.at(2006).count(kKoreaMidOnsetsColumn));
  auto merged = record;
  std::vector<analytics::KoreanMid> mids(3);
  mids[0].year = 2006;
  mids[1].year = 2006;
  mids[2].year = 2010;
  for (auto& mid : mids) mid.hostlev = 2;  // a threat: the lowest MID level
  add_korean_mid_onsets(merged, mids, 2025);
  EXPECT_EQ(merged.at(2006).at(kKoreaMidOnsetsColumn), 2.0);
  EXPECT_EQ(merged.at(2007).at(kKoreaMidOnsetsColumn), 0.0);
  EXPECT_EQ(merged.at(2010).at(kKoreaMidOnsetsColumn), 1.0);
  EXPECT_FALSE(merged.at(2026).count(kKoreaMidOnsetsColumn));  // after the last coded year
  const auto bad = test::temporary_path("bad_record.csv");
  test::write_text(bad, "year,dprk_missile_launch_events\n2001,x\n");
  EXPECT_THROW(read_historical_record(bad.string(), series), InputError);  // missing columns
  std::string header = "year";
  for (const auto& s : series) header += "," + s.column;
  test::write_text(bad, header + "\n2001,-1,0,0,0,0,0\n");
  try {
    read_historical_record(bad.string(), series);
    FAIL() << "a negative count must be rejected";
  } catch (const InputError& error) {
    EXPECT_NE(error.diagnostics().front().format().find(":2:"), std::string::npos);
  }
}

TEST(Backtest, RunsAndCoversTheWholeYearsOfTheScenario) {
  const auto scenario =
      load_scenario((test::source_dir() / "scenarios" / "korea-2000.yaml").string());
  const auto series = default_backtest_series();
  auto record = read_historical_record(
      (test::source_dir() / "data" / "history" / "korea_events_yearly.csv").string(), series);
  // MID onsets from an empty MID list (zeros; the real list needs the shared data folder).
  add_korean_mid_onsets(record, {}, 2025);
  const auto one = run_backtest(scenario, record, series, 30, 5, 1, 2015);
  const auto two = run_backtest(scenario, record, series, 30, 5, 2, 2015);
  EXPECT_EQ(one.first_year, 2001);
  EXPECT_EQ(one.last_year, 2025);
  ASSERT_EQ(one.series.size(), series.size());
  for (std::size_t s = 0; s < series.size(); ++s) {
    EXPECT_EQ(one.series[s].in_sample_years + one.series[s].out_of_sample_years, 25);
    EXPECT_EQ(one.series[s].out_of_sample_years, 10);
    for (std::size_t y = 0; y < one.series[s].years.size(); ++y) {
      EXPECT_EQ(one.series[s].years[y].median, two.series[s].years[y].median);
      EXPECT_LE(one.series[s].years[y].low, one.series[s].years[y].median);
      EXPECT_LE(one.series[s].years[y].median, one.series[s].years[y].high);
    }
  }
  const auto markdown = backtest_markdown(one, "linchpin backtest --trials 30", "record.csv");
  EXPECT_NE(markdown.find("| **all series** |"), std::string::npos);
}

}  // namespace
}  // namespace linchpin::analysis
