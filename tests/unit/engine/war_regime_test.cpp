// War is absorbing (docs/engine/engine.md, "Regimes"): once a crisis escalates to war, no
// peacetime alliance event follows, and outcomes are also estimated over the no-war trials.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/engine/ensemble_aggregate.hpp"
#include "linchpin/engine/simulation.hpp"
#include "test_support.hpp"

namespace linchpin {
namespace {

struct NoObserver final : MonthObserver {
  void observe(int, const std::vector<double>&) override {}
};

// korea-2026 with every crisis escalating to war, so wars are frequent enough to test.
Scenario scenario_with_frequent_wars() {
  const Scenario base = load_scenario((test::source_dir() / "scenarios/korea-2026.yaml").string());
  ScenarioDefinition definition = base.definition();
  for (auto& section : definition.mechanisms) {
    if (section.name != "deterrence") continue;
    auto escalation = section.parameters.at("escalation_probability");
    escalation = Quantity::constant(1.0, "test");
    escalation.key_path = "mechanisms.deterrence.parameters.escalation_probability";
    section.parameters["escalation_probability"] = escalation;
  }
  return Scenario(std::make_shared<const ScenarioDefinition>(std::move(definition)));
}

bool is_peacetime_kind(const std::string& kind) {
  for (const char* prefix :
       {"burden_sharing.", "force_posture.", "exercises.", "trilateral.", "trade_coercion.",
        "cohesion.", "nuclear_hedging.", "deterrence.crisis"})
    if (kind.rfind(prefix, 0) == 0) return true;
  return false;
}

TEST(WarRegime, NoPeacetimeEventFollowsAWarMonth) {
  const Simulation simulation(scenario_with_frequent_wars());
  int trials_with_war = 0;
  for (std::uint64_t trial = 0; trial < 200; ++trial) {
    NoObserver observer;
    const auto outcome = simulation.run_trial(20261206, trial, true, observer);
    if (outcome.war_month < 0) continue;
    ++trials_with_war;
    for (const auto& traced : outcome.events) {
      if (!is_peacetime_kind(traced.event.kind)) continue;
      EXPECT_LE(traced.event.month_index, outcome.war_month)
          << "trial " << trial << ": " << traced.event.kind << " in month "
          << traced.event.month_index << " after the war began in month " << outcome.war_month;
    }
  }
  // The test must be able to fail: wars have to occur.
  EXPECT_GT(trials_with_war, 10);
}

TEST(WarRegime, OutcomesAreAlsoEstimatedOverTrialsWithoutWar) {
  const Simulation simulation(
      load_scenario((test::source_dir() / "tests/scenarios/minimal.yaml").string()));
  ASSERT_FALSE(simulation.outcomes().empty());
  EnsembleAggregate aggregate(simulation);
  const std::size_t outcomes = simulation.outcomes().size();
  // Four trials: outcome 0 occurs in trials 0, 1 and 2; trials 1 and 3 hold a war.
  for (int trial = 0; trial < 4; ++trial) {
    TrialOutcome outcome;
    outcome.trial = std::uint64_t(trial);
    outcome.outcome_months.assign(outcomes, -1);
    if (trial < 3) outcome.outcome_months[0] = 5;
    outcome.war_month = (trial == 1 || trial == 3) ? 7 : -1;
    aggregate.add_trial(outcome);
  }
  const auto summary = aggregate.summarize();
  const auto& estimate = summary.outcomes.front();
  EXPECT_EQ(estimate.occurred, 3u);
  EXPECT_EQ(estimate.trials, 4u);
  EXPECT_EQ(estimate.occurred_no_war, 2u);  // trials 0 and 2
  EXPECT_EQ(estimate.trials_no_war, 2u);
  EXPECT_DOUBLE_EQ(estimate.probability_no_war, 1.0);
}

}  // namespace
}  // namespace linchpin
