#include "linchpin/analysis/backtest_refit.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "linchpin/analysis/crisis_record_fit.hpp"
#include "linchpin/analytics/data/mid_reader.hpp"
#include "linchpin/analytics/data/year_count_reader.hpp"
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

// The refit inputs the backtest command passes, from the repository's data folder.
RefitData repository_data(const HistoricalRecord& record, const analytics::EpisodeRecord& episodes,
                          const std::vector<BacktestSeries>& series) {
  RefitData data;
  data.record = &record;
  data.episodes = &episodes;
  data.series = series;
  data.regime_record_path =
      (test::source_dir() / "data" / "history" / "dprk_launch_record.csv").string();
  return data;
}

const EventProcess& process_named(const ScenarioDefinition& d, const std::string& id) {
  for (const auto& p : d.event_processes)
    if (p.id == id) return p;
  throw std::runtime_error("no process " + id);
}

TEST(BacktestRefit, RefitScenarioUsesOnlyYearsBeforeTheOrigin) {
  const auto scenario =
      load_scenario((test::source_dir() / "scenarios" / "korea-2000.yaml").string());
  const auto series = default_backtest_series();
  const auto record = read_historical_record(
      (test::source_dir() / "data" / "history" / "korea_events_yearly.csv").string(), series);
  const auto episodes = analytics::read_episode_record(test::source_dir() / "data");
  auto data = repository_data(record, episodes, series);
  const auto refit = refit_scenario(scenario, default_refits(), data, 2012, 2015);
  const auto& d = refit.scenario.definition();

  // The launch chain, refit on 1984-2011 with the scenario's fit options.
  const auto launches =
      analytics::read_year_counts(data.regime_record_path, "dprk_missile_launch_events")
          .require_clean()
          .records;
  const auto fit = analytics::fit_regime_count_model(launches, 2011, scenario_regime_fit_options());
  EXPECT_EQ(fit.first_year, 1984);
  EXPECT_EQ(fit.last_year, 2011);
  const auto monthly = analytics::monthly_transition(fit.model.transition);
  const auto& chain = process_named(d, "dprk-missile-launch-events");
  const auto& original = process_named(scenario.definition(), "dprk-missile-launch-events");
  ASSERT_EQ(chain.regimes.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    const auto& rate = chain.regimes[k].rate_per_month;
    EXPECT_NEAR(rate.mode, fit.model.mean[k] / 12.0, 1e-12);
    EXPECT_EQ(rate.source, "backtest-refit-2012");
    // Every refit quantity keeps the key path that keys its random stream.
    EXPECT_EQ(rate.key_path, original.regimes[k].rate_per_month.key_path);
    EXPECT_FALSE(rate.key_path.empty());
    EXPECT_NEAR(chain.regimes[k].dispersion_per_year->nominal(), fit.model.size[k], 1e-12);
    EXPECT_EQ(chain.regimes[k].dispersion_per_year->key_path,
              original.regimes[k].dispersion_per_year->key_path);
    ASSERT_EQ(chain.regimes[k].switch_per_month.size(), 1u);
    const auto& leave = chain.regimes[k].switch_per_month[0].second;
    EXPECT_NEAR(leave.mode, monthly[k][1 - k], 1e-12);
    EXPECT_EQ(leave.key_path, original.regimes[k].switch_per_month[0].second.key_path);
    EXPECT_LE(leave.low, leave.mode);
    EXPECT_GE(leave.high, leave.mode);
  }
  // The 2011 fit differs from the scenario's 2015 fit (the testing years 2014-15 are unseen).
  EXPECT_NE(chain.regimes[1].rate_per_month.mode, original.regimes[1].rate_per_month.mode);
  // Conditioned at the origin: reset in 2012-01 (month 144 after 2000-01) to the filtered
  // probabilities at December 2011 one month ahead.
  EXPECT_EQ(chain.regime_reset_month, 144);
  const auto expected_reset = analytics::propagate(monthly, fit.filtered_last, 1);
  ASSERT_EQ(chain.regime_reset_probabilities.size(), 2u);
  EXPECT_NEAR(chain.regime_reset_probabilities[0], expected_reset[0], 1e-12);
  EXPECT_NEAR(chain.regime_reset_probabilities[0] + chain.regime_reset_probabilities[1], 1.0,
              1e-12);
  EXPECT_EQ(original.regime_reset_month, -1);  // the scenario itself is untouched
  // The modulated nuclear tests: per-regime rates refit on the same smoothed regimes.
  const auto& tests = process_named(d, "dprk-nuclear-tests");
  const auto& tests_before = process_named(scenario.definition(), "dprk-nuclear-tests");
  ASSERT_EQ(tests.rate_per_regime.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(tests.rate_per_regime[k].source, "backtest-refit-2012");
    EXPECT_EQ(tests.rate_per_regime[k].key_path, tests_before.rate_per_regime[k].key_path);
  }
  // Their unused plain rates are left alone (the plain-rate refit skips regime processes).
  EXPECT_EQ(chain.rate_per_month.source, original.rate_per_month.source);

  // Only years before the origin: the same refit on a record whose 2012+ rows are replaced by
  // other counts gives the same quantities.
  const auto nuclear = analytics::read_year_counts(data.regime_record_path, "dprk_nuclear_tests")
                           .require_clean()
                           .records;
  std::string altered = "year,dprk_missile_launch_events,dprk_nuclear_tests\n";
  for (std::size_t i = 0; i < launches.size(); ++i)
    altered += fmt::format("{},{},{}\n", launches[i].year,
                           launches[i].year >= 2012 ? 40 : launches[i].count,
                           nuclear[i].year >= 2012 ? 3 : nuclear[i].count);
  const auto path = test::temporary_path("altered_launch_record.csv");
  test::write_text(path, altered);
  auto altered_data = data;
  altered_data.regime_record_path = path.string();
  const auto again = refit_scenario(scenario, default_refits(), altered_data, 2012, 2015);
  const auto& chain_again =
      process_named(again.scenario.definition(), "dprk-missile-launch-events");
  const auto& tests_again = process_named(again.scenario.definition(), "dprk-nuclear-tests");
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(chain_again.regimes[k].rate_per_month.mode, chain.regimes[k].rate_per_month.mode);
    EXPECT_EQ(chain_again.regime_reset_probabilities[k], chain.regime_reset_probabilities[k]);
    EXPECT_EQ(tests_again.rate_per_regime[k].mode, tests.rate_per_regime[k].mode);
  }

  // Alliance hazards: the fit with cut-off 2011-12 differs from the scenario's 2015-12 fit.
  const auto* exercises = refit.scenario.mechanism_section("exercises");
  ASSERT_NE(exercises, nullptr);
  const auto& before =
      scenario.mechanism_section("exercises")->parameters.at("suspension_intercept");
  const auto& after = exercises->parameters.at("suspension_intercept");
  EXPECT_EQ(after.source, "backtest-refit-2012");
  EXPECT_EQ(after.key_path, before.key_path);
  EXPECT_NE(after.mean, before.mean);
  // Horizon cut to December 2015.
  EXPECT_EQ(refit.scenario.start_month().plus(refit.scenario.horizon_months()).index(),
            Month::from_year_month(2015, 12).index());
  bool cited = false;
  for (const auto& source : d.sources) cited |= source.id == "backtest-refit-2012";
  EXPECT_TRUE(cited);
  // 2 regimes x 1 line, the reset, 2 nuclear-test rates, the KADIZ plain rate, 5 alliance pairs;
  // no MID folder given, so the crisis refit did not apply.
  EXPECT_EQ(refit.changes.size(), 2u + 1u + 2u + 1u + 10u);
}

TEST(BacktestRefit, RegimeRefitAtTheCalibrationEndReproducesTheScenario) {
  // korea-2000's regime numbers are the fit on 1984-2015 filtered at December 1999: the refit
  // for origin 2016 must give them back (to the scenario's printed digits).
  const auto scenario =
      load_scenario((test::source_dir() / "scenarios" / "korea-2000.yaml").string());
  const auto series = default_backtest_series();
  const auto record = read_historical_record(
      (test::source_dir() / "data" / "history" / "korea_events_yearly.csv").string(), series);
  const auto episodes = analytics::read_episode_record(test::source_dir() / "data");
  const auto data = repository_data(record, episodes, series);
  const auto refit = refit_scenario(scenario, default_refits(), data, 2016, 2019);
  const auto& chain = process_named(refit.scenario.definition(), "dprk-missile-launch-events");
  const auto& original = process_named(scenario.definition(), "dprk-missile-launch-events");
  for (std::size_t k = 0; k < 2; ++k) {
    const auto& a = chain.regimes[k];
    const auto& b = original.regimes[k];
    EXPECT_NEAR(a.rate_per_month.mode, b.rate_per_month.mode, 1e-4) << k;
    EXPECT_NEAR(a.rate_per_month.low, b.rate_per_month.low, 1e-4) << k;
    EXPECT_NEAR(a.rate_per_month.high, b.rate_per_month.high, 1e-4) << k;
    EXPECT_NEAR(a.dispersion_per_year->nominal(), b.dispersion_per_year->nominal(), 2e-3) << k;
    EXPECT_NEAR(a.initial_probability.nominal(), b.initial_probability.nominal(), 1e-4) << k;
    EXPECT_NEAR(a.switch_per_month[0].second.mode, b.switch_per_month[0].second.mode, 1e-5) << k;
    EXPECT_NEAR(a.switch_per_month[0].second.low, b.switch_per_month[0].second.low, 1e-4) << k;
    EXPECT_NEAR(a.switch_per_month[0].second.high, b.switch_per_month[0].second.high, 1e-4) << k;
  }
  const auto& tests = process_named(refit.scenario.definition(), "dprk-nuclear-tests");
  const auto& tests_before = process_named(scenario.definition(), "dprk-nuclear-tests");
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_NEAR(tests.rate_per_regime[k].mode, tests_before.rate_per_regime[k].mode, 1e-5) << k;
    EXPECT_NEAR(tests.rate_per_regime[k].high, tests_before.rate_per_regime[k].high, 1e-4) << k;
  }
  // 2014-2015 were testing years: the chain restarts in 2016-01 mostly in the testing regime.
  EXPECT_GT(chain.regime_reset_probabilities[1], 0.5);
}

TEST(BacktestRefit, CrisisRefitReproducesTheScenarioAndMovesWithTheOrigin) {
  const std::filesystem::path shared(LINCHPIN_SHARED_DATA_DIR);
  if (!std::filesystem::exists(shared / analytics::MidFiles::cow) ||
      !std::filesystem::exists(shared / "NMC-60-abridged.csv"))
    GTEST_SKIP() << "shared data not found at " << shared;
  const auto scenario =
      load_scenario((test::source_dir() / "scenarios" / "korea-2000.yaml").string());
  RefitData data;
  data.mid_data_folder = shared.string();
  data.project_mids_path = (test::source_dir() / kProjectMidsFile).string();
  const auto at = [&](int origin) {
    return *refit_scenario(scenario, default_refits(), data, origin, origin + 3)
                .scenario.mechanism_section("deterrence");
  };
  const auto& before = *scenario.mechanism_section("deterrence");
  // Origin 2016 = the scenario's 1953-2015 fit.
  const auto s2016 = at(2016);
  for (const char* name :
       {"crisis_intercept", "fatal_share_of_use_of_force", "display_share_below_use_of_force",
        "qre_precision", "clash_cost", "escalation_probability"}) {
    SCOPED_TRACE(name);
    const auto& a = s2016.parameters.at(name);
    const auto& b = before.parameters.at(name);
    EXPECT_EQ(a.source, "backtest-refit-2016");
    EXPECT_EQ(a.key_path, b.key_path);
    EXPECT_NEAR(a.nominal(), b.nominal(), 1e-3);
    EXPECT_NEAR(a.alpha, b.alpha, 1e-3);
    EXPECT_NEAR(a.sd, b.sd, 1e-3);
  }
  // Origin 2012 = 1953-2011: 30 MIDs in 708 months, 13 fatal of 22 use-of-force MIDs.
  const auto s2012 = at(2012);
  EXPECT_NEAR(s2012.parameters.at("crisis_intercept").mean, std::log(30.5 / 708.0), 1e-3);
  EXPECT_NEAR(s2012.parameters.at("fatal_share_of_use_of_force").alpha, 13.5, 1e-9);
  EXPECT_NEAR(s2012.parameters.at("fatal_share_of_use_of_force").beta, 9.5, 1e-9);
}

TEST(BacktestRefit, HindcastReplaysTheRealPresidents) {
  const auto scenario =
      load_scenario((test::source_dir() / "scenarios" / "korea-2000.yaml").string());
  const auto series = default_backtest_series();
  const auto record = read_historical_record(
      (test::source_dir() / "data" / "history" / "korea_events_yearly.csv").string(), series);
  const auto episodes = analytics::read_episode_record(test::source_dir() / "data");
  RefitData data;
  data.record = &record;
  data.episodes = &episodes;
  data.series = series;
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
