// Test functions with closed-form indices; see sensitivity_test_functions.hpp.
#include "linchpin/analysis/sensitivity_test_functions.hpp"

#include <cmath>
#include <numbers>

namespace linchpin::analysis {

double ishigami(std::span<const double> unit, double a, double b) {
  constexpr double pi = std::numbers::pi;
  const double x1 = -pi + 2.0 * pi * unit[0];
  const double x2 = -pi + 2.0 * pi * unit[1];
  const double x3 = -pi + 2.0 * pi * unit[2];
  const double s2 = std::sin(x2);
  const double x3_squared = x3 * x3;
  return std::sin(x1) * (1.0 + b * x3_squared * x3_squared) + a * s2 * s2;
}

double sobol_g(std::span<const double> unit, std::span<const double> a) {
  double product = 1.0;
  for (std::size_t i = 0; i < a.size(); ++i)
    product *= (std::abs(4.0 * unit[i] - 2.0) + a[i]) / (1.0 + a[i]);
  return product;
}

AnalyticIndices ishigami_indices(double a, double b) {
  constexpr double pi = std::numbers::pi;
  const double pi4 = std::pow(pi, 4);
  const double pi8 = pi4 * pi4;
  const double v1 = 0.5 * (1.0 + b * pi4 / 5.0) * (1.0 + b * pi4 / 5.0);
  const double v2 = a * a / 8.0;
  const double v13 = b * b * pi8 * (1.0 / 18.0 - 1.0 / 50.0);
  const double v = v1 + v2 + v13;
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}, v};
}

AnalyticIndices sobol_g_indices(std::span<const double> a) {
  std::vector<double> partial(a.size());
  double product = 1.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    partial[i] = 1.0 / (3.0 * (1.0 + a[i]) * (1.0 + a[i]));
    product *= 1.0 + partial[i];
  }
  AnalyticIndices result;
  result.variance = product - 1.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    result.first_order.push_back(partial[i] / result.variance);
    result.total_order.push_back(partial[i] * product / (1.0 + partial[i]) / result.variance);
  }
  return result;
}

}  // namespace linchpin::analysis
