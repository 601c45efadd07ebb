#pragma once
// Morris (1991) elementary-effects screening from model outputs on a trajectory design
// (sampling_design.hpp morris_design): per input the mean effect mu, the mean absolute effect
// mu* (Campolongo, Cariboni & Saltelli 2007) with a bootstrap interval over trajectories, and
// the standard deviation sigma (non-linearity or interaction). Documented in
// docs/analysis/sensitivity.md.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "linchpin/analysis/sampling_design.hpp"
#include "linchpin/analysis/sobol_indices.hpp"

namespace linchpin::analysis {

struct MorrisOptions {
  std::size_t bootstrap = 1000;  // resamples of trajectories; 0 = no interval
  double confidence = 0.95;
  std::uint64_t seed = 0;  // RandomStream(seed, resample, "analysis.morris_bootstrap")
};

struct MorrisEffects {
  std::vector<double> mu;              // mean elementary effect
  std::vector<IndexEstimate> mu_star;  // mean absolute elementary effect, with interval
  std::vector<double> sigma;           // standard deviation (divisor r - 1)
  Design elementary_effects;           // r rows x d columns
};

// Elementary effects EE_i = (y(x + e_i D) - y(x)) / D of each trajectory, read from the design:
// the input that changes between consecutive points and by how much. D is in the design's own
// units (the unit hypercube for morris_design). Throws InputError if consecutive points do not
// differ in exactly one input or an input is not moved exactly once per trajectory.
Design elementary_effects(const Design& design, std::span<const double> outputs,
                          std::size_t trajectories);

MorrisEffects morris_effects(const Design& design, std::span<const double> outputs,
                             std::size_t trajectories, const MorrisOptions& options = {});

}  // namespace linchpin::analysis
