#include "linchpin/core/special_functions.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "linchpin/core/error.hpp"

namespace linchpin {
namespace {

TEST(IncompleteBeta, ClosedForms) {
  for (double x : {0.01, 0.2, 0.5, 0.77, 0.999}) {
    EXPECT_NEAR(regularized_incomplete_beta(x, 1, 1), x, 1e-13) << x;
    EXPECT_NEAR(regularized_incomplete_beta(x, 2, 1), x * x, 1e-13) << x;
    EXPECT_NEAR(regularized_incomplete_beta(x, 1, 5), 1 - std::pow(1 - x, 5), 1e-13) << x;
    // Arcsine law: I_x(1/2, 1/2) = (2 / pi) asin(sqrt x).
    EXPECT_NEAR(regularized_incomplete_beta(x, 0.5, 0.5),
                2 / std::numbers::pi * std::asin(std::sqrt(x)), 1e-12)
        << x;
  }
  EXPECT_EQ(regularized_incomplete_beta(0, 3, 4), 0.0);
  EXPECT_EQ(regularized_incomplete_beta(1, 3, 4), 1.0);
  EXPECT_THROW(regularized_incomplete_beta(0.5, 0, 1), Error);
}

TEST(BetaQuantile, InvertsTheArcsineLaw) {
  for (double p : {0.05, 0.5, 0.95})
    EXPECT_NEAR(beta_quantile(p, 0.5, 0.5), std::pow(std::sin(std::numbers::pi * p / 2), 2), 1e-12)
        << p;
  // Jeffreys posterior for 0 events in 10 trials: beta(0.5, 10.5); I at the quantile is p.
  const double q = beta_quantile(0.95, 0.5, 10.5);
  EXPECT_NEAR(regularized_incomplete_beta(q, 0.5, 10.5), 0.95, 1e-12);
  EXPECT_THROW(beta_quantile(1.5, 1, 1), Error);
}

TEST(IncompleteGamma, ClosedFormsAndChiSquare) {
  for (double x : {0.1, 1.0, 2.5, 10.0}) {
    EXPECT_NEAR(regularized_lower_gamma(1, x), 1 - std::exp(-x), 1e-13) << x;
    EXPECT_NEAR(regularized_lower_gamma(2, x), 1 - std::exp(-x) * (1 + x), 1e-13) << x;
  }
  EXPECT_NEAR(gamma_quantile(0.5, 1), std::log(2.0), 1e-12);
  // chi-square(1) 97.5% point 5.023886 = 2 * gamma(1/2) quantile.
  EXPECT_NEAR(2 * gamma_quantile(0.975, 0.5), 5.023886, 1e-6);
  // chi-square(10) 5% point 3.940299.
  EXPECT_NEAR(2 * gamma_quantile(0.05, 5), 3.940299, 1e-6);
  EXPECT_EQ(gamma_quantile(0, 3), 0.0);
}

}  // namespace
}  // namespace linchpin
