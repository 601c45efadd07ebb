#include "linchpin/mechanisms/event_processes.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/engine/simulation.hpp"
#include "test_support.hpp"

namespace linchpin {
namespace {

// Records the metric series of one trial.
class Recorder final : public MonthObserver {
 public:
  void observe(int, const std::vector<double>& values) override { rows.push_back(values); }
  std::vector<std::vector<double>> rows;
};

TEST(EventProcesses, RollingTwelveMonthCountIsConsistentWithEvents) {
  const Scenario scenario =
      load_scenario((test::source_dir() / "tests/scenarios/minimal.yaml").string());
  const Simulation simulation(scenario);
  std::size_t metric = 0;
  for (; metric < simulation.metrics().size(); ++metric)
    if (simulation.metrics()[metric].spec.name == "events.launches.rolling_count") break;
  ASSERT_LT(metric, simulation.metrics().size());
  Recorder recorder;
  const auto outcome = simulation.run_trial(42, 3, true, recorder);
  std::vector<double> monthly(scenario.horizon_months() + 1, 0.0);
  for (const auto& traced : outcome.events)
    if (traced.event.kind == "event.launches")
      monthly[traced.event.month_index] += traced.event.magnitude;
  for (int month = 1; month <= scenario.horizon_months(); ++month) {
    double expected = 0.0;
    for (int k = std::max(1, month - 11); k <= month; ++k) expected += monthly[k];
    EXPECT_EQ(recorder.rows[month][metric], expected) << "month " << month;
  }
}

// The minimal scenario with its event processes replaced by `processes` (YAML list items).
Scenario with_processes(const std::string& processes) {
  std::ifstream in(test::source_dir() / "tests/scenarios/minimal.yaml");
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  const auto from = text.find("event_processes:");
  const auto to = text.find("\nrun:");
  text = text.substr(0, from) + "event_processes:\n" + processes + text.substr(to);
  return load_scenario_text(text, "inline.yaml", default_load_options());
}

// Events of a process per trial in months first..last.
std::vector<double> counts_per_trial(const Scenario& scenario, const std::string& kind, int trials,
                                     int first, int last) {
  const Simulation simulation(scenario);
  std::vector<double> counts;
  for (int trial = 0; trial < trials; ++trial) {
    Recorder recorder;
    const auto outcome = simulation.run_trial(11, std::uint64_t(trial), true, recorder);
    double n = 0.0;
    for (const auto& traced : outcome.events)
      if (traced.event.kind == kind && traced.event.month_index >= first &&
          traced.event.month_index <= last)
        n += traced.event.magnitude;
    counts.push_back(n);
  }
  return counts;
}

TEST(EventProcesses, TensionMovesTheSwitchOddsByHand) {
  // b = 2, tension 0.25 above the reference: toward the busier regime x e^0.5, toward the
  // calmer one x e^-0.5; no tension or no elasticity leaves the base values.
  const auto p = regime_switch_probabilities({0.01, 0.02}, {true, false}, 2.0, 0.25);
  EXPECT_NEAR(p[0], 0.01 * std::exp(0.5), 1e-15);
  EXPECT_NEAR(p[1], 0.02 * std::exp(-0.5), 1e-15);
  EXPECT_EQ(regime_switch_probabilities({0.01}, {true}, 2.0, 0.0)[0], 0.01);
  EXPECT_EQ(regime_switch_probabilities({0.01}, {true}, 0.0, 0.4)[0], 0.01);
  // 0.6 e^1 > 1: rescaled so that the regime is left for certain.
  const auto capped = regime_switch_probabilities({0.6}, {true}, 2.0, 0.5);
  EXPECT_NEAR(capped[0], 1.0, 1e-15);
}

TEST(EventProcesses, RegimeHeldAllYearGivesTheNegativeBinomialYear) {
  // Always busy: 2 events a month, yearly NB size 3 -> mean 24, variance 24 + 24^2 / 3 = 216
  // (a Poisson year would have variance 24).
  const auto scenario = with_processes(
      "  - id: chain\n    name: Chain\n    actor: BBB\n    regimes:\n      states:\n"
      "        - {id: quiet, rate_per_month: {value: 0, source: test-fixture}, "
      "initial_probability: {value: 0, source: test-fixture}}\n"
      "        - {id: busy, rate_per_month: {value: 2, source: test-fixture}, "
      "dispersion_per_year: {value: 3, source: test-fixture}, "
      "initial_probability: {value: 1, source: test-fixture}}\n");
  const auto counts = counts_per_trial(scenario, "event.chain", 3000, 1, 12);
  double mean = 0.0, squares = 0.0;
  for (double c : counts) mean += c;
  mean /= double(counts.size());
  for (double c : counts) squares += (c - mean) * (c - mean);
  const double variance = squares / double(counts.size() - 1);
  EXPECT_NEAR(mean, 24.0, 0.9);        // se = sqrt(216 / 3000) = 0.27
  EXPECT_NEAR(variance, 216.0, 40.0);  // se of the variance is about 12 here
}

TEST(EventProcesses, SwitchTimingAndModulatedProcessFollowTheChain) {
  // Quiet (no events) first, switching to an absorbing busy regime with probability 0.1 a month
  // from month 2: P(no event in months 1-12) = 0.9^11 (busy has 50 events a month). The
  // modulated process only fires in the busy regime.
  const auto scenario = with_processes(
      "  - id: chain\n    name: Chain\n    actor: BBB\n    regimes:\n      states:\n"
      "        - {id: quiet, rate_per_month: {value: 0, source: test-fixture}, "
      "initial_probability: {value: 1, source: test-fixture}, "
      "switch_per_month: {busy: {value: 0.1, source: test-fixture}}}\n"
      "        - {id: busy, rate_per_month: {value: 50, source: test-fixture}, "
      "initial_probability: {value: 0, source: test-fixture}}\n"
      "  - id: follower\n    name: Follower\n    actor: BBB\n    modulated_by: chain\n"
      "    rate_per_regime: {quiet: {value: 0, source: test-fixture}, "
      "busy: {value: 40, source: test-fixture}}\n");
  const auto chain = counts_per_trial(scenario, "event.chain", 3000, 1, 12);
  const auto follower = counts_per_trial(scenario, "event.follower", 3000, 1, 12);
  double none = 0.0;
  for (std::size_t t = 0; t < chain.size(); ++t) {
    if (chain[t] == 0.0) {
      none += 1.0;
      EXPECT_EQ(follower[t], 0.0) << "trial " << t;  // never left the quiet regime
    } else {
      EXPECT_GT(follower[t], 0.0) << "trial " << t;
    }
  }
  EXPECT_NEAR(none / double(chain.size()), std::pow(0.9, 11), 0.03);  // se 0.0085
}

TEST(EventProcesses, RegimeFromProbabilitiesByHand) {
  // {0.2, 0.6} normalises to {0.25, 0.75}: u < 0.25 picks regime 0, from 0.25 on regime 1.
  EXPECT_EQ(regime_from_probabilities({0.2, 0.6}, 0.0), 0);
  EXPECT_EQ(regime_from_probabilities({0.2, 0.6}, 0.2499), 0);
  EXPECT_EQ(regime_from_probabilities({0.2, 0.6}, 0.25), 1);
  EXPECT_EQ(regime_from_probabilities({0.2, 0.6}, 0.9999), 1);
  EXPECT_EQ(regime_from_probabilities({1.0, 0.0, 0.0}, 0.7), 0);
  EXPECT_EQ(regime_from_probabilities({0.0, 0.0, 1.0}, 0.1), 2);
}

TEST(EventProcesses, RegimeResetRedrawsTheChainAtItsMonth) {
  // Quiet forever (no switches) unless reset: in month 6 the regime is redrawn with P(busy) 0.75,
  // and busy (50 events a month) is absorbing. So months 1-5 have no event in any trial and
  // P(some event in months 6-12) = 0.75, P(no event | busy) = e^-350 being nil. The modulated
  // follower fires only after a reset to busy.
  const auto base = with_processes(
      "  - id: chain\n    name: Chain\n    actor: BBB\n    regimes:\n      states:\n"
      "        - {id: quiet, rate_per_month: {value: 0, source: test-fixture}, "
      "initial_probability: {value: 1, source: test-fixture}}\n"
      "        - {id: busy, rate_per_month: {value: 50, source: test-fixture}, "
      "initial_probability: {value: 0, source: test-fixture}}\n"
      "  - id: follower\n    name: Follower\n    actor: BBB\n    modulated_by: chain\n"
      "    rate_per_regime: {quiet: {value: 0, source: test-fixture}, "
      "busy: {value: 40, source: test-fixture}}\n");
  auto definition = std::make_shared<ScenarioDefinition>(base.definition());
  definition->event_processes[0].regime_reset_month = 6;
  definition->event_processes[0].regime_reset_probabilities = {0.25, 0.75};
  const Scenario scenario(definition);
  const int trials = 3000;
  const auto before = counts_per_trial(scenario, "event.chain", trials, 1, 5);
  const auto after = counts_per_trial(scenario, "event.chain", trials, 6, 12);
  const auto follower = counts_per_trial(scenario, "event.follower", trials, 1, 12);
  double busy = 0.0;
  for (int t = 0; t < trials; ++t) {
    EXPECT_EQ(before[std::size_t(t)], 0.0) << "trial " << t;
    if (after[std::size_t(t)] > 0.0) busy += 1.0;
    EXPECT_EQ(follower[std::size_t(t)] > 0.0, after[std::size_t(t)] > 0.0) << "trial " << t;
  }
  EXPECT_NEAR(busy / trials, 0.75, 0.03);  // se 0.0079
  // Without the reset the chain never leaves quiet.
  const auto unset = counts_per_trial(base, "event.chain", 200, 1, 12);
  for (double c : unset) EXPECT_EQ(c, 0.0);
}

}  // namespace
}  // namespace linchpin
