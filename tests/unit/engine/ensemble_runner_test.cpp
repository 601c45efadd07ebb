#include "linchpin/engine/ensemble_runner.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "linchpin/api/linchpin_api.hpp"
#include "test_support.hpp"

namespace linchpin {
namespace {

Scenario minimal() {
  return load_scenario((test::source_dir() / "tests/scenarios/minimal.yaml").string());
}

void expect_identical(const EnsembleSummary& a, const EnsembleSummary& b) {
  ASSERT_EQ(a.trials, b.trials);
  EXPECT_EQ(a.total_events, b.total_events);
  ASSERT_EQ(a.outcomes.size(), b.outcomes.size());
  for (std::size_t i = 0; i < a.outcomes.size(); ++i) {
    EXPECT_EQ(a.outcomes[i].occurred, b.outcomes[i].occurred) << a.outcomes[i].name;
    EXPECT_EQ(a.outcomes[i].cumulative, b.outcomes[i].cumulative) << a.outcomes[i].name;
  }
  ASSERT_EQ(a.metrics.size(), b.metrics.size());
  for (std::size_t i = 0; i < a.metrics.size(); ++i) {
    const auto& x = a.metrics[i];
    const auto& y = b.metrics[i];
    // Bit-identical, NaN-free for these metrics.
    EXPECT_EQ(x.mean, y.mean) << x.info.spec.name;
    EXPECT_EQ(x.q05, y.q05) << x.info.spec.name;
    EXPECT_EQ(x.q50, y.q50) << x.info.spec.name;
    EXPECT_EQ(x.q95, y.q95) << x.info.spec.name;
  }
}

TEST(EnsembleRunner, ThreadCountDoesNotChangeAnyNumber) {
  const Simulation simulation(minimal());
  RunOptions options;
  options.trials = 1000;  // not a multiple of the block size on purpose
  options.seed = 11;
  options.threads = 1;
  const auto one = run_ensemble(simulation, options);
  options.threads = 2;
  const auto two = run_ensemble(simulation, options);
  options.threads = 3;
  const auto three = run_ensemble(simulation, options);
  EXPECT_EQ(one.trials_completed, 1000u);
  expect_identical(one.summary, two.summary);
  expect_identical(one.summary, three.summary);
}

TEST(EnsembleRunner, DifferentSeedsDiffer) {
  const Simulation simulation(minimal());
  RunOptions options;
  options.trials = 300;
  options.seed = 1;
  const auto a = run_ensemble(simulation, options);
  options.seed = 2;
  const auto b = run_ensemble(simulation, options);
  EXPECT_NE(a.summary.total_events, b.summary.total_events);
}

TEST(EnsembleRunner, CancelStopsEarlyAndSaysSo) {
  const Simulation simulation(minimal());
  std::atomic<bool> cancel{false};
  RunOptions options;
  options.trials = 100000000;
  options.threads = 2;
  options.cancel = &cancel;
  options.progress = [&](std::uint64_t done, std::uint64_t) {
    if (done >= 256) cancel = true;
  };
  const auto run = run_ensemble(simulation, options);
  EXPECT_TRUE(run.cancelled);
  EXPECT_GE(run.trials_completed, 256u);
  EXPECT_LT(run.trials_completed, 100000u);
  EXPECT_EQ(run.summary.trials, run.trials_completed);
}

TEST(EnsembleRunner, ProbabilitiesCarryWilsonIntervals) {
  const Simulation simulation(minimal());
  RunOptions options;
  options.trials = 400;
  const auto run = run_ensemble(simulation, options);
  for (const auto& outcome : run.summary.outcomes) {
    EXPECT_LE(outcome.interval.low, outcome.probability);
    EXPECT_GE(outcome.interval.high, outcome.probability);
    EXPECT_EQ(outcome.cumulative.size(), 37u);
    EXPECT_NEAR(outcome.cumulative.back(), outcome.probability, 1e-12);
  }
}

}  // namespace
}  // namespace linchpin
