#include "linchpin/analytics/poisson_rate_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "linchpin/core/error.hpp"

namespace linchpin::analytics {
namespace {

TEST(PoissonRateModel, InterceptOnlyIsTheCrudeRate) {
  // 5 events in 876 months: b0 = log(5/876) = -5.16589; se = 1/sqrt(5) = 0.447214.
  const auto fit = fit_poisson_rate({{876.0, 5.0, {}}}, 0.0);
  EXPECT_NEAR(fit.coefficients[0], std::log(5.0 / 876.0), 1e-10);
  EXPECT_NEAR(fit.standard_errors[0], 1.0 / std::sqrt(5.0), 1e-8);
  EXPECT_NEAR(predicted_rate(fit, {}), 5.0 / 876.0, 1e-12);
}

TEST(PoissonRateModel, BinaryCovariateWithoutPriorGivesTheRateRatio) {
  // Group 0: 2 events / 400 months; group 1: 6 events / 100 months.
  // b0 = log(0.005) = -5.29832, b1 = log(0.06 / 0.005) = log 12 = 2.48491;
  // se(b1) = sqrt(1/2 + 1/6) = 0.816497.
  const auto fit = fit_poisson_rate({{400.0, 2.0, {0.0}}, {100.0, 6.0, {1.0}}}, 0.0);
  EXPECT_NEAR(fit.coefficients[0], std::log(0.005), 1e-9);
  EXPECT_NEAR(fit.coefficients[1], std::log(12.0), 1e-9);
  EXPECT_NEAR(fit.standard_errors[1], std::sqrt(1.0 / 2 + 1.0 / 6), 1e-7);
}

TEST(PoissonRateModel, PriorShrinksTheSlopeTowardZero) {
  const std::vector<ExposureCell> cells = {{400.0, 2.0, {0.0}}, {100.0, 6.0, {1.0}}};
  const auto loose = fit_poisson_rate(cells, 100.0);
  const auto tight = fit_poisson_rate(cells, 0.5);
  EXPECT_LT(tight.coefficients[1], loose.coefficients[1]);
  EXPECT_GT(tight.coefficients[1], 0.0);
  // Penalised score equation holds at the estimate: sum (y - mu) x = b1 / sd^2.
  double score = 0.0;
  for (const auto& c : cells)
    score += (c.events - c.exposure_months * predicted_rate(tight, c.covariates)) * c.covariates[0];
  EXPECT_NEAR(score, tight.coefficients[1] / 0.25, 1e-8);
}

TEST(PoissonRateModel, SeparationNeedsThePrior) {
  // Every event where x = 1: without a prior the slope runs off to infinity.
  const std::vector<ExposureCell> cells = {{800.0, 0.0, {0.0}}, {48.0, 3.0, {1.0}}};
  EXPECT_THROW(fit_poisson_rate(cells, 0.0), Error);
  const auto fit = fit_poisson_rate(cells, 2.5);
  EXPECT_TRUE(std::isfinite(fit.coefficients[1]));
  EXPECT_GT(fit.coefficients[1], 2.0);
}

TEST(PoissonRateModel, RejectsBadCells) {
  EXPECT_THROW(fit_poisson_rate({}, 1.0), Error);
  EXPECT_THROW(fit_poisson_rate({{0.0, 1.0, {}}}, 1.0), Error);
  EXPECT_THROW(fit_poisson_rate({{10.0, std::nan(""), {}}}, 1.0), Error);
  EXPECT_THROW(fit_poisson_rate({{10.0, 1.0, {1.0}}, {10.0, 1.0, {}}}, 1.0), Error);
  EXPECT_THROW(fit_poisson_rate({{10.0, 0.0, {}}}, 1.0), Error);
}

}  // namespace
}  // namespace linchpin::analytics
