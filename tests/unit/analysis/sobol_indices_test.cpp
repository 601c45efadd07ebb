#include "linchpin/analysis/sobol_indices.hpp"

#include <gtest/gtest.h>

#include "linchpin/analysis/sampling_design.hpp"
#include "linchpin/core/error.hpp"

namespace linchpin::analysis {
namespace {

TEST(SobolIndices, HandComputedTwoRowCase) {
  // d = 1, N = 2: blocks A = {1, 3}, B = {2, 6}, A_B = {2, 6}. Centred on the A,B mean 3:
  // A = {-2, 0}, B = {-1, 3}, A_B = {-1, 3}; variance (4 + 0 + 1 + 9) / 4 = 3.5.
  // S1 = mean(B (A_B - A)) / V = ((-1)(1) + 3(3)) / 2 / 3.5 = 8/7;
  // ST = mean((A - A_B)^2) / 2 / V = ((1 + 9) / 2) / 2 / 3.5 = 5/7.
  const std::vector<double> y = {1, 3, 2, 6, 2, 6};
  SobolOptions options;
  options.bootstrap = 0;
  const auto s = sobol_indices(y, 2, 1, options);
  EXPECT_DOUBLE_EQ(s.variance, 3.5);
  EXPECT_DOUBLE_EQ(s.first_order[0].value, 8.0 / 7.0);
  EXPECT_DOUBLE_EQ(s.total_order[0].value, 5.0 / 7.0);
  EXPECT_EQ(s.first_order[0].low, s.first_order[0].value);
}

TEST(SobolIndices, AdditiveFunctionSplitsVarianceByCoefficientSquares) {
  // y = x1 + 2 x2 on uniform inputs: V1 : V2 = 1 : 4, no interaction, so S = ST = (0.2, 0.8).
  const std::size_t n = 1024, d = 2;
  const Design design = saltelli_design(n, d, true);
  std::vector<double> y(design.rows);
  for (std::size_t r = 0; r < design.rows; ++r) y[r] = design(r, 0) + 2 * design(r, 1);
  SobolOptions options;
  options.second_order = true;
  options.bootstrap = 200;
  const auto s = sobol_indices(y, n, d, options);
  const double truth[] = {0.2, 0.8};
  for (std::size_t i = 0; i < d; ++i) {
    EXPECT_NEAR(s.first_order[i].value, truth[i], 0.01);
    EXPECT_NEAR(s.total_order[i].value, truth[i], 0.01);
    EXPECT_LE(s.total_order[i].low, truth[i]);
    EXPECT_GE(s.total_order[i].high, truth[i]);
  }
  EXPECT_NEAR(s.second_order[0 * d + 1].value, 0.0, 0.02);
  EXPECT_NEAR(s.variance, 5.0 / 12.0, 0.01);
}

TEST(SobolIndices, BootstrapIsSeededAndChecksItsInput) {
  const std::size_t n = 64, d = 2;
  const Design design = saltelli_design(n, d);
  std::vector<double> y(design.rows);
  for (std::size_t r = 0; r < design.rows; ++r) y[r] = design(r, 0) * design(r, 1);
  SobolOptions options;
  options.bootstrap = 100;
  options.seed = 4;
  const auto one = sobol_indices(y, n, d, options);
  const auto two = sobol_indices(y, n, d, options);
  EXPECT_EQ(one.first_order[0].low, two.first_order[0].low);
  options.seed = 5;
  const auto three = sobol_indices(y, n, d, options);
  EXPECT_NE(one.first_order[0].low, three.first_order[0].low);
  EXPECT_LT(one.first_order[0].low, one.first_order[0].high);
  EXPECT_THROW(sobol_indices(std::vector<double>(y.begin(), y.end() - 1), n, d), InputError);
  EXPECT_THROW(sobol_indices(std::vector<double>(y.size(), 1.0), n, d), InputError);
}

TEST(SobolIndices, PercentileIntervalInterpolatesOrderStatistics) {
  std::vector<double> values;
  for (int v = 101; v >= 1; --v) values.push_back(v);
  const auto interval = percentile_interval(50, values, 0.9);  // positions 5 and 95 of 0..100
  EXPECT_DOUBLE_EQ(interval.low, 6.0);
  EXPECT_DOUBLE_EQ(interval.high, 96.0);
  std::vector<double> four = {0, 1, 2, 3};
  EXPECT_DOUBLE_EQ(percentile_interval(0, four, 0.5).low, 0.75);  // h = 0.25 * 3
}

}  // namespace
}  // namespace linchpin::analysis
