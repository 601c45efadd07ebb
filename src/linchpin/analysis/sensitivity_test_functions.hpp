#pragma once
// Test functions with closed-form Sobol' indices, used to validate the sensitivity kernels:
// the Ishigami function (Ishigami & Homma 1990; indices in Sobol' & Levitan 1999) and the
// Sobol' G-function (Saltelli & Sobol' 1995). Documented in docs/analysis/sensitivity.md.
#include <span>
#include <vector>

namespace linchpin::analysis {

// f(x) = sin x1 + a sin^2 x2 + b x3^4 sin x1 on x in [-pi, pi]^3. `unit` is the point on the
// unit cube; x_i = -pi + 2 pi unit_i.
double ishigami(std::span<const double> unit, double a = 7.0, double b = 0.1);

// g(x) = prod_i (|4 x_i - 2| + a_i) / (1 + a_i) on x in [0, 1]^d.
double sobol_g(std::span<const double> unit, std::span<const double> a);

struct AnalyticIndices {
  std::vector<double> first_order;
  std::vector<double> total_order;
  double variance = 0.0;
};

// Ishigami: V1 = (1 + b pi^4/5)^2 / 2, V2 = a^2/8, V3 = 0, V13 = b^2 pi^8 (1/18 - 1/50),
// V = V1 + V2 + V13.
AnalyticIndices ishigami_indices(double a = 7.0, double b = 0.1);

// G-function: V_i = 1 / (3 (1 + a_i)^2), V = prod (1 + V_i) - 1, S_i = V_i / V,
// ST_i = V_i prod_{j != i} (1 + V_j) / V.
AnalyticIndices sobol_g_indices(std::span<const double> a);

}  // namespace linchpin::analysis
