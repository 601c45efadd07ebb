#include "linchpin/analysis/sensitivity_test_functions.hpp"

#include <gtest/gtest.h>

namespace linchpin::analysis {
namespace {

TEST(SensitivityTestFunctions, IshigamiValuesAndPublishedIndices) {
  // x = (pi/2, pi/2, 0): sin x1 + 7 sin^2 x2 + 0 = 8.
  const double point[] = {0.75, 0.75, 0.5};
  EXPECT_NEAR(ishigami(point), 8.0, 1e-12);
  // The four-decimal values commonly quoted for a = 7, b = 0.1, from the closed forms of
  // Sobol' & Levitan (1999).
  const auto s = ishigami_indices();
  EXPECT_NEAR(s.first_order[0], 0.3139, 5e-5);
  EXPECT_NEAR(s.first_order[1], 0.4424, 5e-5);
  EXPECT_EQ(s.first_order[2], 0.0);
  EXPECT_NEAR(s.total_order[0], 0.5576, 5e-5);
  EXPECT_NEAR(s.total_order[1], 0.4424, 5e-5);
  EXPECT_NEAR(s.total_order[2], 0.2437, 5e-5);
  EXPECT_NEAR(s.variance, 13.8446, 5e-4);
}

TEST(SensitivityTestFunctions, SobolGValuesAndIndices) {
  const double a[] = {0, 1};
  const double corner[] = {0.0, 1.0};  // |4x - 2| = 2: (2 + 0)/1 * (2 + 1)/2 = 3
  EXPECT_DOUBLE_EQ(sobol_g(corner, a), 3.0);
  // V1 = 1/3, V2 = 1/12, V = (4/3)(13/12) - 1 = 4/9; S1 = 3/4, S2 = 3/16,
  // ST1 = (1/3)(13/12)/(4/9) = 13/16, ST2 = (1/12)(4/3)/(4/9) = 1/4.
  const auto s = sobol_g_indices(a);
  EXPECT_DOUBLE_EQ(s.variance, 4.0 / 9.0);
  EXPECT_DOUBLE_EQ(s.first_order[0], 0.75);
  EXPECT_DOUBLE_EQ(s.first_order[1], 3.0 / 16.0);
  EXPECT_DOUBLE_EQ(s.total_order[0], 13.0 / 16.0);
  EXPECT_DOUBLE_EQ(s.total_order[1], 0.25);
}

}  // namespace
}  // namespace linchpin::analysis
