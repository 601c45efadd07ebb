#include "linchpin/deterrence/credibility.hpp"

#include <gtest/gtest.h>

namespace linchpin::deterrence {
namespace {

CredibilityInputs all_pillars() {
  CredibilityInputs in;
  in.treaty = true;
  in.tripwire = 1.425;  // 28,500 / 20,000, capped at 1
  in.combined_command = true;
  in.readiness = 0.8;
  in.extended_deterrence = true;
  in.consultation = true;
  in.distraction = 0.5;
  in.patron_commitment = 0.5;
  return in;
}

TEST(Credibility, HandComputedWithEveryPillar) {
  // pillars = 0.35 + 0.25 + 0.15*0.8 + 0.15 + 0.10 = 0.97 (weights sum to 1);
  // x (1 - 0.3*0.5) = 0.85, x (0.5 + 0.5*0.5) = 0.75: 0.97 * 0.85 * 0.75 = 0.618375.
  EXPECT_NEAR(commitment_credibility(all_pillars(), {}), 0.618375, 1e-12);
}

TEST(Credibility, EachPillarRemovedLowersIt) {
  const double full = commitment_credibility(all_pillars(), {});
  auto in = all_pillars();
  in.treaty = false;  // 0.62 * 0.6375 = 0.39525
  EXPECT_NEAR(commitment_credibility(in, {}), 0.62 * 0.6375, 1e-12);
  in = all_pillars();
  in.combined_command = false;
  EXPECT_LT(commitment_credibility(in, {}), full);
  in = all_pillars();
  in.tripwire = 0.5;
  EXPECT_LT(commitment_credibility(in, {}), full);
  in = all_pillars();
  in.extended_deterrence = false;
  in.consultation = false;
  EXPECT_NEAR(commitment_credibility(in, {}), 0.72 * 0.6375, 1e-12);
}

TEST(Credibility, NoPillarsNoCredibility) {
  CredibilityInputs in;
  in.patron_commitment = 1.0;
  EXPECT_EQ(commitment_credibility(in, {}), 0.0);
  CredibilityWeights zero{0, 0, 0, 0, 0, 0.3, 0.5};
  EXPECT_EQ(commitment_credibility(all_pillars(), zero), 0.0);
}

}  // namespace
}  // namespace linchpin::deterrence
