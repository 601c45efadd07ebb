#pragma once
// Regularised incomplete beta and gamma functions and the quantiles of the beta and gamma
// distributions: what Jeffreys posterior intervals for proportions and Poisson rates need.
// Pure free functions.

namespace linchpin {

// I_x(a, b), the beta(a, b) CDF at x; a, b > 0, x clamped to [0, 1].
double regularized_incomplete_beta(double x, double a, double b);

// The p-quantile of beta(a, b) (bisection on I_x; absolute accuracy about 1e-14).
double beta_quantile(double p, double a, double b);

// P(a, x), the gamma(shape a, rate 1) CDF at x; a > 0, x >= 0.
double regularized_lower_gamma(double a, double x);

// The p-quantile of gamma(shape a, rate 1); divide by the rate for other rates.
double gamma_quantile(double p, double a);

}  // namespace linchpin
