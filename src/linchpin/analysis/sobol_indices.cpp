// Sobol' indices from a Saltelli design; see sobol_indices.hpp.
#include "linchpin/analysis/sobol_indices.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "linchpin/analysis/sampling_design.hpp"
#include "linchpin/core/error.hpp"
#include "linchpin/core/random_stream.hpp"

namespace linchpin::analysis {

namespace {

// The estimators over the base rows listed in `rows` (all rows, or one bootstrap resample).
// Outputs are centred on the A∪B mean first: the estimators are unchanged in expectation and
// lose less precision when the outputs carry a large common offset.
struct Estimator {
  std::span<const double> y;
  std::size_t n;
  std::size_t d;
  bool second_order;

  const double* block(std::size_t b) const { return y.data() + b * n; }

  // Writes S1[i], ST[i] and (if second order) S2[i*d+j]; returns the variance.
  double estimate(std::span<const std::uint32_t> rows, double* s1, double* st, double* s2) const {
    const double* a = block(0);
    const double* b = block(1);
    double sum = 0.0, sum_squares = 0.0;
    for (const auto j : rows) {
      sum += a[j] + b[j];
      sum_squares += a[j] * a[j] + b[j] * b[j];
    }
    const double count = 2.0 * double(rows.size());
    const double mean = sum / count;
    const double variance = sum_squares / count - mean * mean;
    for (std::size_t i = 0; i < d; ++i) {
      const double* ab = block(2 + i);
      double first = 0.0, total = 0.0;
      for (const auto j : rows) {
        // Saltelli et al. (2010) eq. (b): V_i ~ mean f(B)(f(A_B^i) - f(A)).
        first += b[j] * (ab[j] - a[j]);
        // Jansen (1999): E_{~i}V_i ~ mean (f(A) - f(A_B^i))^2 / 2.
        total += (a[j] - ab[j]) * (a[j] - ab[j]);
      }
      s1[i] = first / double(rows.size()) / variance;
      st[i] = 0.5 * total / double(rows.size()) / variance;
    }
    if (second_order) {
      // Saltelli (2002): V_ij ~ mean(f(B_A^i) f(A_B^j) - f(A) f(B)), closed index minus S1s.
      for (std::size_t i = 0; i < d; ++i) {
        const double* ba = block(2 + d + i);
        for (std::size_t k = i + 1; k < d; ++k) {
          const double* ab = block(2 + k);
          double closed = 0.0;
          for (const auto j : rows) closed += ba[j] * ab[j] - a[j] * b[j];
          s2[i * d + k] = closed / double(rows.size()) / variance - s1[i] - s1[k];
        }
      }
    }
    return variance;
  }
};

}  // namespace

IndexEstimate percentile_interval(double estimate, std::vector<double>& values, double confidence) {
  if (values.empty()) return {estimate, estimate, estimate};
  std::sort(values.begin(), values.end());
  const auto at = [&](double p) {
    const double h = p * double(values.size() - 1);
    const auto lo = std::size_t(std::floor(h));
    const auto hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (h - double(lo)) * (values[hi] - values[lo]);
  };
  const double tail = (1.0 - confidence) / 2.0;
  return {estimate, at(tail), at(1.0 - tail)};
}

SobolIndices sobol_indices(std::span<const double> outputs, std::size_t base_samples,
                           std::size_t dimensions, const SobolOptions& options) {
  const std::size_t n = base_samples;
  const std::size_t d = dimensions;
  if (n < 2 || d < 1) throw_input_error({}, "samples", "at least 2 base samples and 1 input");
  const std::size_t expected = saltelli_rows(n, d, options.second_order);
  if (outputs.size() != expected)
    throw_input_error(
        {}, "outputs",
        fmt::format("{} outputs for a Saltelli design of N = {}, d = {}{} (got {})", expected, n, d,
                    options.second_order ? " with second order" : "", outputs.size()));
  if (!(options.confidence > 0.0 && options.confidence < 1.0))
    throw_input_error({}, "confidence", "a level strictly between 0 and 1");
  double mean = 0.0;
  for (std::size_t j = 0; j < 2 * n; ++j) mean += outputs[j];
  mean /= double(2 * n);
  std::vector<double> centred(outputs.begin(), outputs.end());
  for (auto& value : centred) value -= mean;

  const Estimator estimator{centred, n, d, options.second_order};
  std::vector<std::uint32_t> rows(n);
  for (std::size_t j = 0; j < n; ++j) rows[j] = std::uint32_t(j);
  std::vector<double> s1(d), st(d), s2(options.second_order ? d * d : 0, 0.0);
  SobolIndices result;
  result.base_samples = n;
  result.variance = estimator.estimate(rows, s1.data(), st.data(), s2.data());
  if (!(result.variance > 0.0))
    throw_input_error({}, "outputs", "outputs that vary (their variance is zero)");

  // Bootstrap: resample base rows with replacement; each resample has its own stream so the
  // result does not depend on evaluation order. Buffers are allocated once.
  const std::size_t reps = options.bootstrap;
  std::vector<double> boot_s1(reps * d), boot_st(reps * d), boot_s2(reps * s2.size());
  std::vector<double> r1(d), rt(d), r2(s2.size(), 0.0);
  for (std::size_t r = 0; r < reps; ++r) {
    RandomStream stream(options.seed, r, "analysis.sobol_bootstrap");
    for (auto& row : rows) row = stream.index(std::uint32_t(n));
    estimator.estimate(rows, r1.data(), rt.data(), r2.data());
    for (std::size_t i = 0; i < d; ++i) {
      boot_s1[i * reps + r] = r1[i];
      boot_st[i * reps + r] = rt[i];
    }
    for (std::size_t k = 0; k < r2.size(); ++k) boot_s2[k * reps + r] = r2[k];
  }
  std::vector<double> column(reps);
  const auto interval = [&](const std::vector<double>& boot, std::size_t index, double value) {
    std::copy_n(boot.begin() + std::ptrdiff_t(index * reps), reps, column.begin());
    return percentile_interval(value, column, options.confidence);
  };
  for (std::size_t i = 0; i < d; ++i) {
    result.first_order.push_back(interval(boot_s1, i, s1[i]));
    result.total_order.push_back(interval(boot_st, i, st[i]));
  }
  if (options.second_order) {
    result.second_order.resize(d * d);
    for (std::size_t i = 0; i < d; ++i)
      for (std::size_t k = i + 1; k < d; ++k)
        result.second_order[i * d + k] = interval(boot_s2, i * d + k, s2[i * d + k]);
  }
  return result;
}

}  // namespace linchpin::analysis
