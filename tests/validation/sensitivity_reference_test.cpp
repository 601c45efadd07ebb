// Validation of the global-sensitivity and scenario-discovery kernels against functions whose
// answers are known in closed form:
//  - Ishigami function (Ishigami & Homma 1990, Proc. ISUMA '90, pp. 398-403), a = 7, b = 0.1;
//    partial variances from Sobol' & Levitan (1999), Comput. Phys. Commun. 117:52-61.
//  - Sobol' G-function (Saltelli & Sobol' 1995, Reliab. Eng. Syst. Saf. 50:225-239), with
//    a = {0, 1, 4.5, 9, 99, 99, 99, 99}: V_i = 1/(3(1+a_i)^2).
//  - A synthetic scenario-discovery case with a known box (the set-up of Bryant & Lempert 2010,
//    Technol. Forecast. Soc. Change 77:34-49, on a box we choose).
// The Sobol' estimates must hold the analytic values inside their 95% bootstrap intervals, and
// the intervals must be narrow enough to be informative. Numbers are in
// docs/analysis/sensitivity.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "linchpin/analysis/morris_effects.hpp"
#include "linchpin/analysis/prim.hpp"
#include "linchpin/analysis/sampling_design.hpp"
#include "linchpin/analysis/sensitivity_test_functions.hpp"
#include "linchpin/analysis/sobol_indices.hpp"
#include "linchpin/core/random_stream.hpp"

namespace linchpin::analysis {
namespace {

constexpr double kGA[] = {0, 1, 4.5, 9, 99, 99, 99, 99};

template <typename F>
std::vector<double> evaluate(const Design& design, F f) {
  std::vector<double> y(design.rows);
  for (std::size_t r = 0; r < design.rows; ++r) y[r] = f(design.row(r));
  return y;
}

void expect_contains(const IndexEstimate& estimate, double truth, const std::string& what) {
  EXPECT_LE(estimate.low, truth) << what << " = " << estimate.value;
  EXPECT_GE(estimate.high, truth) << what << " = " << estimate.value;
  EXPECT_LT(estimate.high - estimate.low, 0.1) << what << " interval too wide";
}

TEST(ValidationSensitivity, IshigamiSobolIndicesMatchTheClosedForms) {
  const auto truth = ishigami_indices(7.0, 0.1);
  // The closed forms give the quoted four-decimal values.
  EXPECT_NEAR(truth.first_order[0], 0.3139, 5e-5);
  EXPECT_NEAR(truth.total_order[2], 0.2437, 5e-5);
  const std::size_t n = 8192, d = 3;
  const Design design = saltelli_design(n, d, true);
  const auto y = evaluate(design, [](std::span<const double> x) { return ishigami(x); });
  SobolOptions options;
  options.second_order = true;
  options.seed = 1;
  const auto s = sobol_indices(y, n, d, options);
  for (std::size_t i = 0; i < d; ++i) {
    expect_contains(s.first_order[i], truth.first_order[i], "S1 x" + std::to_string(i + 1));
    expect_contains(s.total_order[i], truth.total_order[i], "ST x" + std::to_string(i + 1));
  }
  // Second order: only x1-x3 interact, S13 = ST1 - S1 = V13 / V.
  expect_contains(s.second_order[0 * d + 2], truth.total_order[2], "S13");
  expect_contains(s.second_order[0 * d + 1], 0.0, "S12");
  expect_contains(s.second_order[1 * d + 2], 0.0, "S23");
}

TEST(ValidationSensitivity, GFunctionSobolIndicesMatchTheClosedForms) {
  const auto truth = sobol_g_indices(kGA);
  const std::size_t n = 8192, d = 8;
  const Design design = saltelli_design(n, d);
  const auto y = evaluate(design, [](std::span<const double> x) { return sobol_g(x, kGA); });
  SobolOptions options;
  options.seed = 2;
  const auto s = sobol_indices(y, n, d, options);
  for (std::size_t i = 0; i < d; ++i) {
    expect_contains(s.first_order[i], truth.first_order[i], "S1 x" + std::to_string(i + 1));
    expect_contains(s.total_order[i], truth.total_order[i], "ST x" + std::to_string(i + 1));
  }
}

TEST(ValidationSensitivity, MorrisRanksTheGFunctionsImportantInputsFirst) {
  MorrisDesignOptions design_options;
  design_options.trajectories = 50;
  design_options.levels = 4;
  design_options.candidates = 500;
  design_options.seed = 3;
  const Design design = morris_design(8, design_options);
  const auto y = evaluate(design, [](std::span<const double> x) { return sobol_g(x, kGA); });
  const auto e = morris_effects(design, y, 50);
  // mu* ordered as the a_i: x1 (a=0) > x2 (a=1) > x3 (a=4.5) > x4 (a=9) > x5..x8 (a=99).
  for (std::size_t i = 0; i < 3; ++i) EXPECT_GT(e.mu_star[i].value, e.mu_star[i + 1].value) << i;
  for (std::size_t i = 4; i < 8; ++i) EXPECT_GT(e.mu_star[3].value, e.mu_star[i].value) << i;
  // And the important inputs are separated: the first's interval lies above the second's.
  EXPECT_GT(e.mu_star[0].low, e.mu_star[1].high);
}

TEST(ValidationSensitivity, MorrisSeesTheIshigamiInteractionThatS1Misses) {
  // x3 acts only through its interaction with x1: S1(x3) = 0 yet its elementary effects are not.
  MorrisDesignOptions design_options;
  design_options.trajectories = 50;
  design_options.levels = 4;
  design_options.seed = 4;
  const Design design = morris_design(3, design_options);
  const auto y = evaluate(design, [](std::span<const double> x) { return ishigami(x); });
  const auto e = morris_effects(design, y, 50);
  EXPECT_GT(e.mu_star[2].low, 1.0) << "mu*(x3) = " << e.mu_star[2].value;
  EXPECT_GT(e.sigma[2], 1.0);

  const std::size_t n = 8192;
  const Design sobol = saltelli_design(n, 3);
  const auto ys = evaluate(sobol, [](std::span<const double> x) { return ishigami(x); });
  const auto s = sobol_indices(ys, n, 3);
  EXPECT_LE(s.first_order[2].low, 0.0);
  EXPECT_GE(s.first_order[2].high, 0.0);
  EXPECT_LT(std::abs(s.first_order[2].value), 0.02);
}

TEST(ValidationSensitivity, PrimFindsAKnownBoxAndLeavesNoiseInputsAlone) {
  // y = 1 inside x1 in [0.2, 0.5] and x2 in [0.6, 0.9], 0 outside; x3..x5 are noise.
  const std::size_t rows = 5000, d = 5;
  const Design inputs = latin_hypercube(rows, d, 7);
  std::vector<double> y(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    const double x1 = inputs(r, 0), x2 = inputs(r, 1);
    y[r] = (x1 >= 0.2 && x1 <= 0.5 && x2 >= 0.6 && x2 <= 0.9) ? 1.0 : 0.0;
  }
  const auto found = prim_find_box(inputs, y, 0.95);
  const auto& trajectory = found.trajectory;
  const std::size_t pick = found.selected;
  ASSERT_LT(pick, trajectory.size());
  const auto& box = found.box;
  EXPECT_NEAR(box.box.lower[0], 0.2, 0.05);
  EXPECT_NEAR(box.box.upper[0], 0.5, 0.05);
  EXPECT_NEAR(box.box.lower[1], 0.6, 0.05);
  EXPECT_NEAR(box.box.upper[1], 0.9, 0.05);
  EXPECT_EQ(box.restricted, (std::vector<std::size_t>{0, 1}));
  EXPECT_GE(box.density, 0.95);
  EXPECT_GE(box.coverage, 0.9);
  std::printf(
      "PRIM box (step %zu of %zu): x1 [%.4f, %.4f], x2 [%.4f, %.4f]; coverage %.4f, "
      "density %.4f, mass %.4f\n",
      pick, trajectory.size() - 1, box.box.lower[0], box.box.upper[0], box.box.lower[1],
      box.box.upper[1], box.coverage, box.density, box.mass);
}

}  // namespace
}  // namespace linchpin::analysis
