#include "linchpin/alignment/propensity_rule.hpp"

#include <gtest/gtest.h>

namespace linchpin::alignment {
namespace {

TEST(PropensityRule, HandComputed) {
  // Three states. S: 0-1 0.9, 0-2 0.6, 1-2 0.9 -> mean 0.8, deviations 0.1, -0.2, 0.1, the
  // largest |deviation| 0.2, so c = 0.5, -1, 0.5.
  std::vector<DyadEvidence> e(9);
  auto set = [&](int i, int j, DyadEvidence d) { e[i * 3 + j] = e[j * 3 + i] = d; };
  set(0, 1, {3, 0.9, 0});  // defense pact: a = 1
  set(0, 2, {0, 0.6, 5});  // war in the window: h = 1
  set(1, 2, {2, 0.9, 2});  // neutrality a = 2/3, display of force h = 2/5
  const auto p = propensities_from_evidence(3, e, {});
  EXPECT_NEAR(p[0 * 3 + 1], 1.0 + 0.5 - 0.0, 1e-12);
  EXPECT_NEAR(p[0 * 3 + 2], 0.0 - 1.0 - 1.0, 1e-12);
  EXPECT_NEAR(p[1 * 3 + 2], 2.0 / 3 + 0.5 - 0.4, 1e-12);
  EXPECT_EQ(p[2 * 3 + 1], p[1 * 3 + 2]);
  EXPECT_EQ(p[0], 0.0);
  // Weights scale each term; an unknown S counts as the mean.
  PropensityRule rule{2.0, 0.0, 0.5, 20};
  set(0, 1, {3, std::nullopt, 4});
  const auto q = propensities_from_evidence(3, e, rule);
  EXPECT_NEAR(q[0 * 3 + 1], 2.0 * 1.0 - 0.5 * 0.8, 1e-12);
}

}  // namespace
}  // namespace linchpin::alignment
