// Hand-computed checks of the deterrence-side mechanisms' kernels (issue 4).
#include <gtest/gtest.h>

#include <cmath>

#include "linchpin/mechanisms/bloc.hpp"
#include "linchpin/mechanisms/deterrence.hpp"
#include "linchpin/mechanisms/nuclear_hedging.hpp"

namespace linchpin {
namespace {

TEST(DeterrenceKernels, TensionRevertsAndRespondsToExcessEvents) {
  // 0.5 + (1 - 0.1091) * (0.8 - 0.5) + 0.01 * (3 - 0.8) + 0.1 = 0.5 + 0.26727 + 0.022 + 0.1 =
  // 0.88927
  EXPECT_NEAR(next_tension(0.8, 0.5, 0.1091, 0.01, 3.0, 0.8, 0.1), 0.88927, 1e-12);
  // At the reference with the expected events and no shock it stays put.
  EXPECT_NEAR(next_tension(0.4, 0.4, 0.1091, 0.01, 0.8, 0.8, 0.0), 0.4, 1e-12);
  EXPECT_EQ(next_tension(0.95, 0.5, 0.0, 0.0, 0.0, 0.0, 0.2), 1.0);
}

TEST(DeterrenceKernels, ThreatIndex) {
  // arsenal term log(1 + 50) / log(1 + 200) = 3.931826 / 5.303305 = 0.741392;
  // 0.4*0.5 + 0.35*0.741392 + 0.25*0.8 = 0.2 + 0.259487 + 0.2 = 0.659487
  EXPECT_NEAR(threat_index(0.5, 50.0, 200.0, 0.8, 0.4, 0.35, 0.25), 0.659487, 1e-6);
  EXPECT_NEAR(threat_index(0.0, 1000.0, 200.0, 0.0, 0.4, 0.35, 0.25), 0.35, 1e-12);  // capped
}

TEST(DeterrenceKernels, OutcomeClassDrawIsCumulativeInEnumOrder) {
  deterrence::CrisisSolution solution;
  // challenger backs down 0.2, negotiation 0.3, limited clash 0.4 (two outcomes), war 0.1
  solution.outcome_probability[std::size_t(deterrence::CrisisOutcome::acquiescence_by_challenger)] =
      0.2;
  solution.outcome_probability[std::size_t(deterrence::CrisisOutcome::negotiation)] = 0.3;
  solution.outcome_probability[std::size_t(
      deterrence::CrisisOutcome::limited_clash_started_by_challenger)] = 0.25;
  solution.outcome_probability[std::size_t(
      deterrence::CrisisOutcome::limited_clash_started_by_defender)] = 0.15;
  solution.outcome_probability[std::size_t(deterrence::CrisisOutcome::war_started_by_challenger)] =
      0.1;
  using C = deterrence::CrisisOutcomeClass;
  EXPECT_EQ(draw_outcome_class(solution, 0.1), C::challenger_backs_down);
  EXPECT_EQ(draw_outcome_class(solution, 0.45), C::negotiated_settlement);
  EXPECT_EQ(draw_outcome_class(solution, 0.85), C::limited_clash);
  EXPECT_EQ(draw_outcome_class(solution, 0.95), C::war);
  EXPECT_EQ(draw_outcome_class(solution, 0.9999999999), C::war);
}

TEST(DeterrenceKernels, OutcomeDrawIsCumulativeInEnumOrder) {
  using O = deterrence::CrisisOutcome;
  deterrence::CrisisSolution solution;
  // In enum order: negotiation 0.3, acquiescence by A 0.2, clash by A 0.25, clash by B 0.15,
  // war by A 0.1; cumulative 0.3, 0.5, 0.75, 0.9, 1.
  solution.outcome_probability[std::size_t(O::negotiation)] = 0.3;
  solution.outcome_probability[std::size_t(O::acquiescence_by_challenger)] = 0.2;
  solution.outcome_probability[std::size_t(O::limited_clash_started_by_challenger)] = 0.25;
  solution.outcome_probability[std::size_t(O::limited_clash_started_by_defender)] = 0.15;
  solution.outcome_probability[std::size_t(O::war_started_by_challenger)] = 0.1;
  EXPECT_EQ(draw_outcome(solution, 0.1), O::negotiation);
  EXPECT_EQ(draw_outcome(solution, 0.4), O::acquiescence_by_challenger);
  EXPECT_EQ(draw_outcome(solution, 0.6), O::limited_clash_started_by_challenger);
  EXPECT_EQ(draw_outcome(solution, 0.8), O::limited_clash_started_by_defender);
  EXPECT_EQ(draw_outcome(solution, 0.95), O::war_started_by_challenger);
  EXPECT_EQ(draw_outcome(solution, 1.0), O::war_started_by_challenger);  // rounding: last positive
}

TEST(BlocKernels, StructuralCohesion) {
  // PRK-CHN defence pact 1, PRK-RUS defence pact 1, CHN-RUS partnership 0.6: (1 + 1 + 0.6) / 3.
  const std::vector<std::vector<double>> w = {{0, 1, 1}, {1, 0, 0.6}, {1, 0.6, 0}};
  EXPECT_NEAR(structural_bloc_cohesion(w), 2.6 / 3.0, 1e-12);
  // Without the Russia-DPRK treaty (2023): (1 + 0 + 0.6) / 3.
  const std::vector<std::vector<double>> w2 = {{0, 1, 0}, {1, 0, 0.6}, {0, 0.6, 0}};
  EXPECT_NEAR(structural_bloc_cohesion(w2), 1.6 / 3.0, 1e-12);
  EXPECT_EQ(structural_bloc_cohesion({{0}}), 0.0);
}

TEST(NuclearHedgingKernels, TargetSupportAndStepHazard) {
  // 0.7 + 0.2*0.1 + 0.3*0.2 = 0.78
  EXPECT_NEAR(target_support(0.7, 0.1, 0.2, false, 0.2, 0.3, 0.05), 0.78, 1e-12);
  EXPECT_NEAR(target_support(0.7, 0.1, 0.2, true, 0.2, 0.3, 0.05), 0.73, 1e-12);
  // exp(-8 + 2*(0.75 - 0.5) + 4*0.5) = exp(-5.5) = 0.00408677;
  // x (1 - 0.5) x (1 - 0.6*0.5) x (1 - 0.3) = 0.5 * 0.7 * 0.7 = 0.245 -> 0.00100126
  EXPECT_NEAR(step_hazard(-8, 2, 4, 0.75, 0.5, 0.5, 0.6, 0.5, 0.3, true), std::exp(-5.5) * 0.245,
              1e-12);
  EXPECT_NEAR(step_hazard(-8, 2, 4, 0.75, 0.5, 0.0, 0.0, 0.5, 0.3, false), std::exp(-5.5), 1e-12);
}

}  // namespace
}  // namespace linchpin
