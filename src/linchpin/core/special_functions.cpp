#include "linchpin/core/special_functions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "linchpin/core/error.hpp"

namespace linchpin {

namespace {
constexpr double kTiny = 1e-300;
constexpr double kEpsilon = 1e-15;
constexpr int kMaxIterations = 10'000;

// Continued fraction for I_x(a, b) (modified Lentz); converges fast for x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double x, double a, double b) {
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::abs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double result = d;
  for (int m = 1; m <= kMaxIterations; ++m) {
    const double m2 = 2.0 * m;
    // Even step.
    double numerator = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
    d = 1.0 + numerator * d;
    c = 1.0 + numerator / c;
    if (std::abs(d) < kTiny) d = kTiny;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    result *= d * c;
    // Odd step.
    numerator = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
    d = 1.0 + numerator * d;
    c = 1.0 + numerator / c;
    if (std::abs(d) < kTiny) d = kTiny;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    result *= delta;
    if (std::abs(delta - 1.0) < kEpsilon) return result;
  }
  throw Error("incomplete beta: continued fraction did not converge");
}

void require_positive(double value, const char* what) {
  if (!(value > 0.0) || !std::isfinite(value))
    throw Error(std::string(what) + " must be a positive finite number");
}

void require_probability(double p) {
  if (!(p >= 0.0 && p <= 1.0)) throw Error("quantile: probability must lie in [0, 1]");
}
}  // namespace

double regularized_incomplete_beta(double x, double a, double b) {
  require_positive(a, "beta shape a");
  require_positive(b, "beta shape b");
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  // The fraction converges quickly only on one side of the mean; use symmetry on the other.
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(x, a, b) / a;
  return 1.0 - front * beta_continued_fraction(1.0 - x, b, a) / b;
}

double beta_quantile(double p, double a, double b) {
  require_probability(p);
  require_positive(a, "beta shape a");
  require_positive(b, "beta shape b");
  if (p == 0.0) return 0.0;
  if (p == 1.0) return 1.0;
  double low = 0.0;
  double high = 1.0;
  for (int i = 0; i < 200 && high - low > 1e-15; ++i) {
    const double mid = 0.5 * (low + high);
    (regularized_incomplete_beta(mid, a, b) < p ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

double regularized_lower_gamma(double a, double x) {
  require_positive(a, "gamma shape");
  if (x <= 0.0) return 0.0;
  const double log_front = a * std::log(x) - x - std::lgamma(a);
  if (x < a + 1.0) {
    // Series: P = e^-x x^a / Gamma(a+1) * sum x^n / ((a+1)...(a+n)).
    double term = 1.0 / a;
    double sum = term;
    for (int n = 1; n <= kMaxIterations; ++n) {
      term *= x / (a + n);
      sum += term;
      if (std::abs(term) < std::abs(sum) * kEpsilon) return std::exp(log_front) * sum;
    }
    throw Error("incomplete gamma: series did not converge");
  }
  // Continued fraction for Q = 1 - P (modified Lentz).
  double b = x + 1.0 - a;
  double c = 1.0 / kTiny;
  double d = 1.0 / b;
  double result = d;
  for (int n = 1; n <= kMaxIterations; ++n) {
    const double numerator = -n * (n - a);
    b += 2.0;
    d = numerator * d + b;
    if (std::abs(d) < kTiny) d = kTiny;
    c = b + numerator / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    result *= delta;
    if (std::abs(delta - 1.0) < kEpsilon) return 1.0 - std::exp(log_front) * result;
  }
  throw Error("incomplete gamma: continued fraction did not converge");
}

double gamma_quantile(double p, double a) {
  require_probability(p);
  require_positive(a, "gamma shape");
  if (p == 0.0) return 0.0;
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  double high = std::max(1.0, a);
  while (regularized_lower_gamma(a, high) < p) high *= 2.0;
  double low = 0.0;
  for (int i = 0; i < 200 && high - low > 1e-14 * std::max(1.0, high); ++i) {
    const double mid = 0.5 * (low + high);
    (regularized_lower_gamma(a, mid) < p ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

}  // namespace linchpin
