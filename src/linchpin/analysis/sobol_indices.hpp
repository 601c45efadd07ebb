#pragma once
// Variance-based (Sobol') sensitivity indices from model outputs on a Saltelli design
// (sampling_design.hpp): first-order S1 with the Saltelli et al. (2010) estimator, total ST with
// Jansen's (1999) estimator, optionally second-order S2 (Saltelli 2002), each with a percentile
// bootstrap interval over resampled base rows. Documented in docs/analysis/sensitivity.md.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace linchpin::analysis {

// A point estimate and its bootstrap interval.
struct IndexEstimate {
  double value = 0.0;
  double low = 0.0;
  double high = 0.0;
};

struct SobolOptions {
  std::size_t bootstrap = 1000;  // resamples; 0 = no intervals (low = high = value)
  double confidence = 0.95;      // percentile interval level
  std::uint64_t seed = 0;        // RandomStream(seed, resample, "analysis.sobol_bootstrap")
  bool second_order = false;     // the outputs come from a second-order design
};

struct SobolIndices {
  std::vector<IndexEstimate> first_order;   // S1, one per input
  std::vector<IndexEstimate> total_order;   // ST, one per input
  std::vector<IndexEstimate> second_order;  // S2 row-major d x d, (i, j) filled for i < j
  double variance = 0.0;                    // of the outputs of A and B together
  std::size_t base_samples = 0;
};

// `outputs` are the model's values at the rows of saltelli_design(base_samples, dimensions,
// options.second_order), in the same order. Throws InputError on a length mismatch or when the
// outputs have zero variance.
SobolIndices sobol_indices(std::span<const double> outputs, std::size_t base_samples,
                           std::size_t dimensions, const SobolOptions& options = {});

// Lower and upper percentile of `values` at the given two-sided level (sorts `values`); the
// order statistics are interpolated linearly (type 7 of Hyndman & Fan 1996).
IndexEstimate percentile_interval(double estimate, std::vector<double>& values, double confidence);

}  // namespace linchpin::analysis
