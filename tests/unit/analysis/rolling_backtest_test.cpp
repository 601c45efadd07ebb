#include "linchpin/analysis/rolling_backtest.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/core/error.hpp"
#include "linchpin/io/database.hpp"
#include "test_support.hpp"

namespace linchpin::analysis {
namespace {

struct Inputs {
  Scenario scenario =
      load_scenario((test::source_dir() / "scenarios" / "korea-2000.yaml").string());
  std::vector<BacktestSeries> series = default_backtest_series();
  HistoricalRecord record = read_historical_record(
      (test::source_dir() / "data" / "history" / "korea_events_yearly.csv").string(), series);
  analytics::EpisodeRecord episodes = analytics::read_episode_record(test::source_dir() / "data");
  // The MID onset series is merged from the MID record; here from an empty list (zeros), since
  // the real one needs the shared data folder and these tests check the scoring machinery.
  Inputs() { add_korean_mid_onsets(record, {}, 2025); }
};

RollingOptions small(unsigned threads) {
  RollingOptions options;
  options.origins = {2012, 2024};
  options.window_years = 3;
  options.trials = 6;
  options.seed = 11;
  options.threads = threads;
  options.bootstrap_resamples = 50;
  return options;
}

TEST(RollingBacktest, ScoresEveryForecasterOnTheSameCasesAndIsThreadIndependent) {
  const Inputs in;
  const auto one = run_rolling_backtest(in.scenario, in.record, &in.episodes, in.series,
                                        default_refits(), small(1));
  const auto two = run_rolling_backtest(in.scenario, in.record, &in.episodes, in.series,
                                        default_refits(), small(2));
  ASSERT_EQ(one.origins.size(), 2u);
  EXPECT_EQ(one.origins[0].last_scored_year, 2014);
  EXPECT_EQ(one.origins[1].last_scored_year, 2025);  // cut at the last record year
  EXPECT_FALSE(one.origins[0].refits.empty());
  ASSERT_EQ(one.series.size(), in.series.size());
  for (std::size_t s = 0; s < one.series.size(); ++s) {
    const auto& cases = one.series[s].cases;
    ASSERT_EQ(cases[0].size(), 5u);  // 2012-2014 and 2024-2025
    for (std::size_t f = 1; f < kForecasterCount; ++f) {
      ASSERT_EQ(cases[f].size(), cases[0].size());
      for (std::size_t i = 0; i < cases[0].size(); ++i) {
        EXPECT_EQ(cases[f][i].year, cases[0][i].year);
        EXPECT_EQ(cases[f][i].observed, cases[0][i].observed);
      }
    }
    for (std::size_t i = 0; i < cases[0].size(); ++i)
      EXPECT_EQ(cases[0][i].rps, two.series[s].cases[0][i].rps);
    double pit = 0.0;
    for (double b : one.series[s].model_pit) pit += b;
    EXPECT_NEAR(pit, 5.0, 1e-9);
  }
  // Launch events in 2012: observed 2; persistence at 2011's count 0 is a point mass at 0,
  // so its RPS is 2 (the baseline sees only years before the origin).
  const auto& launches = one.series[0].cases[std::size_t(Forecaster::persistence)];
  EXPECT_EQ(launches[0].year, 2012);
  EXPECT_EQ(launches[0].observed, 2);
  EXPECT_DOUBLE_EQ(launches[0].rps, 2.0);
}

TEST(RollingBacktest, RejectsOriginsOutsideTheRecord) {
  const Inputs in;
  auto options = small(1);
  options.origins = {2000};
  EXPECT_THROW(run_rolling_backtest(in.scenario, in.record, &in.episodes, in.series,
                                    default_refits(), options),
               InputError);
  options.origins = {2030};
  EXPECT_THROW(run_rolling_backtest(in.scenario, in.record, &in.episodes, in.series,
                                    default_refits(), options),
               InputError);
}

TEST(RollingBacktest, WritesTheDatabaseAndRefusesToOverwrite) {
  const Inputs in;
  auto options = small(1);
  options.origins = {2016};
  options.window_years = 1;
  options.trials = 3;
  const auto result = run_rolling_backtest(in.scenario, in.record, &in.episodes, in.series,
                                           default_refits(), options);
  const auto path = test::temporary_path("rolling_backtest.sqlite").string();
  remove_database_files(path);
  write_rolling_backtest_database(result, path, false);
  EXPECT_THROW(write_rolling_backtest_database(result, path, false), InputError);
  write_rolling_backtest_database(result, path, true);
  Database db(path, true);
  Statement scores(db, "SELECT COUNT(*), MIN(years) FROM forecast_scores");
  ASSERT_TRUE(scores.next());
  EXPECT_EQ(scores.integer(0), std::int64_t(in.series.size() * kForecasterCount));
  EXPECT_EQ(scores.integer(1), 1);
  Statement counts(db, "SELECT COUNT(*) FROM trial_counts WHERE origin = 2016 AND year = 2016");
  ASSERT_TRUE(counts.next());
  EXPECT_EQ(counts.integer(0), std::int64_t(3 * in.series.size()));
  Statement model(db,
                  "SELECT rps FROM forecast_scores WHERE forecaster = 'model' AND series = "
                  "'dprk_missile_launch_events'");
  ASSERT_TRUE(model.next());
  EXPECT_DOUBLE_EQ(model.real(0), result.series[0].cases[0][0].rps);
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
}

}  // namespace
}  // namespace linchpin::analysis
