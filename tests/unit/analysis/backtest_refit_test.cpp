#include "linchpin/analysis/backtest_refit.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/engine/simulation.hpp"
#include "test_support.hpp"

namespace linchpin::analysis {
namespace {

double triangular_mean(const Quantity& q) {
  return (q.low + q.mode + q.high) / 3.0;
}
double triangular_variance(const Quantity& q) {
  return (q.low * q.low + q.mode * q.mode + q.high * q.high - q.low * q.mode - q.low * q.high -
          q.mode * q.high) /
         18.0;
}

TEST(BacktestRefit, JeffreysRateAsTriangularKeepsMeanAndVariance) {
  // 23 events in 48 months: Gamma(23.5, 48), mean 23.5/48, variance 23.5/48^2, mode 22.5/48.
  const auto q = jeffreys_rate_as_triangular(23, 48, "s");
  EXPECT_EQ(q.kind, DistributionKind::triangular);
  EXPECT_NEAR(triangular_mean(q), 23.5 / 48, 1e-12);
  EXPECT_NEAR(triangular_variance(q), 23.5 / (48.0 * 48.0), 1e-12);
  EXPECT_NEAR(q.mode, 22.5 / 48, 1e-12);
  EXPECT_GT(q.low, 0.0);
  // No event: the posterior is too skewed for a triangle; the low end is 0, the mean is kept.
  const auto zero = jeffreys_rate_as_triangular(0, 48, "s");
  EXPECT_EQ(zero.low, 0.0);
  EXPECT_EQ(zero.mode, 0.0);
  EXPECT_NEAR(triangular_mean(zero), 0.5 / 48, 1e-12);
  EXPECT_LT(triangular_variance(zero), 0.5 / (48.0 * 48.0));
}

TEST(BacktestRefit, JeffreysLogRateKeepsTheRateMoments) {
  // 13 crises in 192 months: shape 13.5; exp(N(mu, s^2)) has mean exp(mu + s^2/2) = 13.5/192.
  const auto q = jeffreys_log_rate_as_normal(13, 192, -20, 0, "s");
  EXPECT_NEAR(q.sd * q.sd, std::log(1.0 + 1.0 / 13.5), 1e-12);
  EXPECT_NEAR(std::exp(q.mean + q.sd * q.sd / 2.0), 13.5 / 192.0, 1e-12);
  EXPECT_NEAR((std::exp(q.sd * q.sd) - 1.0) * std::exp(2.0 * q.mean + q.sd * q.sd),
              13.5 / (192.0 * 192.0), 1e-12);
  EXPECT_TRUE(q.has_low && q.has_high);
}

TEST(BacktestRefit, RefitScenarioUsesOnlyYearsBeforeTheOrigin) {
  const auto scenario =
      load_scenario((test::source_dir() / "scenarios" / "korea-2000.yaml").string());
  const auto series = default_backtest_series();
  const auto record = read_historical_record(
      (test::source_dir() / "data" / "history" / "korea_events_yearly.csv").string(), series);
  const auto episodes = analytics::read_episode_record(test::source_dir() / "data");
  RefitData data{&record, &episodes, series};
  EXPECT_EQ(record_total(record, "dprk_missile_launch_events", 2000, 2011).total, 3.0);
  EXPECT_EQ(record_total(record, "korea_crises", 2000, 2011).total, 9.0);
  const auto refit = refit_scenario(scenario, default_refits(), data, 2012, 2015);
  const auto& d = refit.scenario.definition();
  // Launch events 2000-2011: 1 + 2 = 3 in 144 months.
  bool found = false;
  for (std::size_t p = 0; p < d.event_processes.size(); ++p)
    if (d.event_processes[p].id == "dprk-missile-launch-events") {
      found = true;
      const auto& rate = d.event_processes[p].rate_per_month;
      EXPECT_NEAR(triangular_mean(rate), 3.5 / 144, 1e-12);
      EXPECT_EQ(rate.source, "backtest-refit-2012");
      // The refit quantity keeps the key path that keys its random stream.
      EXPECT_EQ(rate.key_path, scenario.event_processes()[p].rate_per_month.key_path);
      EXPECT_FALSE(rate.key_path.empty());
    }
  EXPECT_TRUE(found);
  const auto* deterrence = refit.scenario.mechanism_section("deterrence");
  ASSERT_NE(deterrence, nullptr);
  const auto& crisis = deterrence->parameters.at("crisis_intercept");
  EXPECT_NEAR(std::exp(crisis.mean + crisis.sd * crisis.sd / 2.0), 9.5 / 144, 1e-12);

  // Alliance hazards: the fit with cut-off 2011-12 differs from the scenario's 2015-12 fit.
  const auto* exercises = refit.scenario.mechanism_section("exercises");
  ASSERT_NE(exercises, nullptr);
  const auto& before =
      scenario.mechanism_section("exercises")->parameters.at("suspension_intercept");
  const auto& after = exercises->parameters.at("suspension_intercept");
  EXPECT_EQ(after.source, "backtest-refit-2012");
  EXPECT_EQ(after.key_path, before.key_path);
  EXPECT_NE(after.mean, before.mean);
  // Horizon cut to December 2015; the original scenario is untouched.
  EXPECT_EQ(refit.scenario.start_month().plus(refit.scenario.horizon_months()).index(),
            Month::from_year_month(2015, 12).index());
  // The original scenario is untouched (the loader fills schema defaults into the section).
  const auto& original =
      scenario.mechanism_section("deterrence")->parameters.at("crisis_intercept");
  EXPECT_NE(original.source, "backtest-refit-2012");
  EXPECT_EQ(original.key_path, crisis.key_path);
  bool cited = false;
  for (const auto& source : d.sources) cited |= source.id == "backtest-refit-2012";
  EXPECT_TRUE(cited);
  EXPECT_GE(refit.changes.size(), 3u + 1u + 10u);  // 3 rates, the intercept, 5 pairs
}

TEST(BacktestRefit, HindcastReplaysTheRealPresidents) {
  const auto scenario =
      load_scenario((test::source_dir() / "scenarios" / "korea-2000.yaml").string());
  const auto series = default_backtest_series();
  const auto record = read_historical_record(
      (test::source_dir() / "data" / "history" / "korea_events_yearly.csv").string(), series);
  const auto episodes = analytics::read_episode_record(test::source_dir() / "data");
  RefitData data{&record, &episodes, series};
  const auto& rok = scenario.politics().systems[1];
  ASSERT_EQ(scenario.actors()[std::size_t(rok.actor)].id, "ROK");
  EXPECT_EQ(rok.parties[std::size_t(replay_party_index(rok, "SAENURI"))].id, "GNP");
  EXPECT_EQ(rok.parties[std::size_t(replay_party_index(rok, "DPK"))].id, "NCNP");
  EXPECT_EQ(replay_party_index(rok, "XYZ"), -1);

  const auto refit = refit_scenario(scenario, {hindcast_leaders_refit()}, data, 2016, 2019);
  struct NoObserver final : MonthObserver {
    void observe(int, const std::vector<double>&) override {}
  };
  // Every trial sees the same presidents: Bush 2001-01, Obama 2009-01, Trump 2017-01 (US);
  // Roh 2003-02, Lee 2008-02, Park 2013-02, Moon 2017-05 (ROK); no simulated election for them.
  for (std::uint64_t trial = 0; trial < 2; ++trial) {
    NoObserver observer;
    const auto outcome = Simulation(refit.scenario).run_trial(5, trial, true, observer);
    std::vector<std::string> replays;
    for (const auto& traced : outcome.events) {
      const auto& e = traced.event;
      if (e.kind.rfind("election.", 0) != 0) continue;
      if (e.detail.find("president") == std::string::npos) continue;
      replays.push_back(refit.scenario.start_month().plus(e.month_index).to_string() + " " +
                        e.kind);
      EXPECT_NE(e.detail.find("hindcast replay"), std::string::npos) << e.detail;
    }
    const std::vector<std::string> expected = {
        "2001-01 election.turnover", "2003-02 election.retained", "2008-02 election.turnover",
        "2009-01 election.turnover", "2013-02 election.retained", "2017-01 election.turnover",
        "2017-05 election.turnover"};
    EXPECT_EQ(replays, expected);
  }
}

}  // namespace
}  // namespace linchpin::analysis
