#include "linchpin/analysis/morris_effects.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "linchpin/core/error.hpp"

namespace linchpin::analysis {
namespace {

TEST(MorrisEffects, HandComputedOneInputCase) {
  // Two trajectories on one input: 0 -> 2/3 with y 1 -> 3 (EE = 3), 2/3 -> 0 with y 5 -> 4
  // (EE = -1 / -2/3 = 1.5). mu = mu* = 2.25, sigma = sqrt(2 * 0.75^2 / 1) = 1.06066.
  Design design(4, 1);
  design(0, 0) = 0;
  design(1, 0) = 2.0 / 3.0;
  design(2, 0) = 2.0 / 3.0;
  design(3, 0) = 0;
  const std::vector<double> y = {1, 3, 5, 4};
  MorrisOptions options;
  options.bootstrap = 0;
  const auto e = morris_effects(design, y, 2, options);
  EXPECT_DOUBLE_EQ(e.elementary_effects(0, 0), 3.0);
  EXPECT_DOUBLE_EQ(e.elementary_effects(1, 0), 1.5);
  EXPECT_DOUBLE_EQ(e.mu[0], 2.25);
  EXPECT_DOUBLE_EQ(e.mu_star[0].value, 2.25);
  EXPECT_NEAR(e.sigma[0], std::sqrt(2 * 0.75 * 0.75), 1e-12);
}

TEST(MorrisEffects, LinearFunctionHasConstantEffects) {
  MorrisDesignOptions design_options;
  design_options.trajectories = 20;
  design_options.levels = 6;
  const Design design = morris_design(3, design_options);
  std::vector<double> y(design.rows);
  for (std::size_t r = 0; r < design.rows; ++r)
    y[r] = 3 * design(r, 0) - 2 * design(r, 1) + 0.5 * design(r, 2);
  const auto e = morris_effects(design, y, 20);
  const double slope[] = {3, -2, 0.5};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(e.mu[i], slope[i], 1e-9);
    EXPECT_NEAR(e.mu_star[i].value, std::abs(slope[i]), 1e-9);
    EXPECT_NEAR(e.mu_star[i].low, std::abs(slope[i]), 1e-9);
    EXPECT_NEAR(e.mu_star[i].high, std::abs(slope[i]), 1e-9);
    EXPECT_NEAR(e.sigma[i], 0.0, 1e-9);
  }
}

TEST(MorrisEffects, RejectsADesignThatIsNotOneAtATime) {
  Design design(4, 2);  // one trajectory of 3 points would be needed per 2 inputs
  EXPECT_THROW(elementary_effects(design, std::vector<double>(4), 2), InputError);
  Design both(6, 2);
  both(1, 0) = 0.5;
  both(1, 1) = 0.5;  // two inputs change in one step
  EXPECT_THROW(elementary_effects(both, std::vector<double>(6), 2), InputError);
}

}  // namespace
}  // namespace linchpin::analysis
