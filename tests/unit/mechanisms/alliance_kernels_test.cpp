// Hand-computed checks of the alliance mechanisms' pure kernels (issue 3).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "linchpin/mechanisms/burden_sharing.hpp"
#include "linchpin/mechanisms/cohesion.hpp"
#include "linchpin/mechanisms/exercises.hpp"
#include "linchpin/mechanisms/force_posture.hpp"
#include "linchpin/mechanisms/trade_coercion.hpp"
#include "linchpin/mechanisms/trilateral.hpp"
#include "linchpin/mechanisms/us_attention.hpp"

namespace linchpin {
namespace {

TEST(UsAttention, DistractionFromTheatreLoads) {
  // Europe at war (1.0), Middle East in crisis (0.5), Taiwan calm, scale ln 2:
  // 1 - exp(-ln2 * 1.5) = 1 - 2^-1.5 = 1 - 0.353553 = 0.646447.
  const std::vector<double> weights = {1.0, 1.0, 1.0};
  const std::vector<double> loads = {1.0, 0.5, 0.0};
  EXPECT_NEAR(patron_distraction(weights, loads, std::log(2.0)), 0.646447, 1e-6);
  // One war at full weight draws exactly half.
  EXPECT_NEAR(patron_distraction(std::vector<double>{1.0}, std::vector<double>{1.0}, std::log(2.0)),
              0.5, 1e-12);
  EXPECT_EQ(patron_distraction(weights, std::vector<double>{0.0, 0.0, 0.0}, 1.0), 0.0);
}

TEST(UsAttention, LinearCincProjectionFloorsAtZero) {
  // USA 2022 CINC 0.12357 with trend -0.00157/yr, 14 years on: 0.12357 - 0.02198 = 0.10159.
  EXPECT_NEAR(projected_cinc(0.12357, -0.00157, 14.0), 0.10159, 1e-12);
  EXPECT_EQ(projected_cinc(0.01, -0.01, 5.0), 0.0);
}

TEST(BurdenSharing, GapAndConclusionProbability) {
  // Trump 0.9 vs Moon 0.6: gap 0.3; conclusion 1/6 * exp(-3.662 * 0.3) = exp(-1.0986) / 6 =
  // 0.333337 / 6 = 0.0555562.
  EXPECT_NEAR(burden_gap(0.9, 0.6, 0.0), 0.3, 1e-12);
  EXPECT_NEAR(conclusion_probability(1.0 / 6.0, 3.662, 0.3), 0.0555562, 1e-7);
  EXPECT_EQ(burden_gap(0.3, 0.6, 0.0), 0.0);  // a host willing to pay more: no gap
  EXPECT_EQ(burden_gap(0.9, 0.1, 0.5), 1.0);  // clamped
  EXPECT_NEAR(burden_gap(0.5, 0.6, 0.2), 0.1, 1e-12);
  EXPECT_EQ(conclusion_probability(5.0, 0.0, 0.0), 1.0);
}

TEST(ForcePosture, HazardWithMultipliers) {
  // exp(-6.0883 + 2.1412 * 0.5) = exp(-5.0177) = 0.00661973; x (1 + 1*0.4) x (1 + 1*0.5) =
  // 0.0139014.
  EXPECT_NEAR(posture_hazard(-6.0883, 2.1412, 0.5, 0.4, 1.0, 0.5, 1.0), 0.00661973 * 1.4 * 1.5,
              1e-8);
  EXPECT_NEAR(posture_hazard(-6.0883, 2.1412, 0.5, 0.0, 1.0, 0.0, 1.0), std::exp(-5.0177), 1e-9);
  EXPECT_EQ(posture_hazard(0.0, 5.0, 1.0, 1.0, 1.0, 1.0, 1.0), 1.0);  // capped
}

TEST(Exercises, ReadinessStep) {
  EXPECT_NEAR(next_readiness(0.6, true, 0.25, 0.02), 0.7, 1e-12);     // 0.6 + 0.25 * 0.4
  EXPECT_NEAR(next_readiness(0.6, false, 0.25, 0.02), 0.588, 1e-12);  // 0.6 * 0.98
}

TEST(Exercises, SteadyStateOfOneExerciseInJanuary) {
  // R = (R + g(1 - R)) q with q = (1 - d)^11  =>  R = g q / (1 - (1 - g) q).
  // g = 0.25, d = 0.02: q = 0.98^11 = 0.8007314, R = 0.2001828 / 0.3994515 = 0.5011443.
  EXPECT_NEAR(steady_state_readiness({1}, 0.25, 0.02), 0.5011443, 1e-7);
  // Twelve exercises a year settle at 1; none at 0.
  EXPECT_NEAR(steady_state_readiness({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 0.25, 0.02), 1.0,
              1e-9);
  EXPECT_EQ(steady_state_readiness({}, 0.25, 0.02), 0.0);
}

TEST(Exercises, SteadyStateIsAFixedPointOfTheCalendar) {
  const std::vector<int> months = {3, 8};
  const double start = steady_state_readiness(months, 0.25, 0.02);
  double readiness = start;
  for (int month = 1; month <= 12; ++month)
    readiness = next_readiness(readiness, month == 3 || month == 8, 0.25, 0.02);
  EXPECT_NEAR(readiness, start, 1e-10);
}

TEST(Trilateral, LapseHazard) {
  // Weakest support 0.2 (Moon): exp(-6.0499 + 2.1354 * 0.8) = exp(-4.34158) = 0.0130159.
  EXPECT_NEAR(trilateral_lapse_hazard(-6.0499, 2.1354, 0.0, 0.2), 0.0130159, 1e-7);
  EXPECT_NEAR(trilateral_lapse_hazard(-6.0499, 2.1354, 0.0, 1.0), std::exp(-6.0499), 1e-12);
  // Centred: exp(-6.0499 + 2.1354 * (1 - 0.2 - 0.3)) = exp(-4.9822).
  EXPECT_NEAR(trilateral_lapse_hazard(-6.0499, 2.1354, 0.3, 0.2), std::exp(-4.9822), 1e-9);
}

TEST(TradeCoercion, HedgingIndex) {
  // 0.4*0.5 + 0.2*min(1, 0.207/0.25) + 0.2*0 + 0.2*0.3 = 0.2 + 0.1656 + 0 + 0.06 = 0.4256.
  EXPECT_NEAR(hedging_index({}, 0.5, 0.207, 0.25, false, 0.3), 0.4256, 1e-12);
  // Coercion adds its weight; dependence saturates at the reference.
  EXPECT_NEAR(hedging_index({}, 0.5, 0.5, 0.25, true, 0.3), 0.2 + 0.2 + 0.2 + 0.06, 1e-12);
  EXPECT_EQ(hedging_index({}, 1.0, 1.0, 0.25, true, 1.0), 1.0);
}

TEST(Cohesion, FrictionDecaysWithItsHalfLife) {
  // 0.4 * 2^(-1/12) = 0.4 * 0.943874 = 0.377550; + 0.05 shock + 0.1 * (0.35 - 0.30) = 0.432550.
  EXPECT_NEAR(next_friction(0.4, 0.05, 0.35, 12.0, 0.30, 0.1), 0.377550 + 0.05 + 0.005, 1e-6);
  double friction = 0.8;
  for (int month = 0; month < 12; ++month)
    friction = next_friction(friction, 0.0, 0.0, 12.0, 0.3, 0.1);
  EXPECT_NEAR(friction, 0.4, 1e-12);
  EXPECT_EQ(next_friction(0.9, 0.5, 0.0, 12.0, 0.3, 0.1), 1.0);
}

TEST(Cohesion, CompositeIndex) {
  // 0.2*0.6 + 0.2*(1-0.3) + 0.3*(1-0.2) + 0.3*0.9 - 0.2*0.4 = 0.12 + 0.14 + 0.24 + 0.27 - 0.08 =
  // 0.69.
  EXPECT_NEAR(cohesion_index({0.6, 0.3, 0.2, 0.9, 0.4}, {}), 0.69, 1e-12);
}

TEST(Cohesion, AbandonmentFear) {
  AbandonmentInputs in;
  in.distraction = 0.5;
  in.patron_commitment = 0.5;
  in.threat_recency = std::exp(-6.0 / 12.0);  // 0.606531
  in.troop_shortfall = 0.1;
  in.relative_decline = 0.05;  // 10 x 0.05 = 0.5
  in.partnership_in_force = true;
  // 0.1 + 0.125 + 0.125 + 0.2*0.606531 + 0.02 + 0.05 - 0.1 = 0.441306
  EXPECT_NEAR(abandonment_fear(in, {}), 0.441306, 1e-6);
  in.partnership_in_force = false;
  EXPECT_NEAR(abandonment_fear(in, {}), 0.541306, 1e-6);
}

TEST(Cohesion, EntrapmentFear) {
  // Taiwan in crisis (level 0.5), patron accommodation 0.4, full presence:
  // 0.5*0.5 + 0.3*0.6 + 0.2*1 = 0.25 + 0.18 + 0.2 = 0.63.
  EXPECT_NEAR(entrapment_fear(0.5, 0.4, 1.0, 0.5, 0.3, 0.2), 0.63, 1e-12);
}

}  // namespace
}  // namespace linchpin
