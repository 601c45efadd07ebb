// Morris elementary effects; see morris_effects.hpp.
#include "linchpin/analysis/morris_effects.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "linchpin/core/error.hpp"
#include "linchpin/core/random_stream.hpp"

namespace linchpin::analysis {

Design elementary_effects(const Design& design, std::span<const double> outputs,
                          std::size_t trajectories) {
  const std::size_t d = design.columns;
  const std::size_t points = d + 1;
  if (d == 0 || trajectories < 2 || design.rows != trajectories * points)
    throw_input_error({}, "design",
                      fmt::format("{} trajectories of d + 1 points (got {} rows, {} columns)",
                                  trajectories, design.rows, d));
  if (outputs.size() != design.rows)
    throw_input_error(
        {}, "outputs",
        fmt::format("one output per design row ({}, got {})", design.rows, outputs.size()));
  Design effects(trajectories, d);
  std::vector<bool> moved(d);
  for (std::size_t t = 0; t < trajectories; ++t) {
    std::fill(moved.begin(), moved.end(), false);
    for (std::size_t s = 0; s < d; ++s) {
      const std::size_t row = t * points + s;
      std::size_t changed = d;
      for (std::size_t i = 0; i < d; ++i) {
        if (design(row + 1, i) == design(row, i)) continue;
        if (changed != d)
          throw_input_error(
              {}, "design",
              fmt::format("one input changed per step (trajectory {}, step {})", t, s));
        changed = i;
      }
      if (changed == d || moved[changed])
        throw_input_error(
            {}, "design",
            fmt::format("each input moved exactly once (trajectory {}, step {})", t, s));
      moved[changed] = true;
      const double step = design(row + 1, changed) - design(row, changed);
      effects(t, changed) = (outputs[row + 1] - outputs[row]) / step;
    }
  }
  return effects;
}

MorrisEffects morris_effects(const Design& design, std::span<const double> outputs,
                             std::size_t trajectories, const MorrisOptions& options) {
  if (!(options.confidence > 0.0 && options.confidence < 1.0))
    throw_input_error({}, "confidence", "a level strictly between 0 and 1");
  MorrisEffects result;
  result.elementary_effects = elementary_effects(design, outputs, trajectories);
  const Design& ee = result.elementary_effects;
  const std::size_t r = trajectories;
  const std::size_t d = design.columns;
  std::vector<double> mu_star(d, 0.0);
  result.mu.assign(d, 0.0);
  result.sigma.assign(d, 0.0);
  for (std::size_t t = 0; t < r; ++t)
    for (std::size_t i = 0; i < d; ++i) {
      result.mu[i] += ee(t, i);
      mu_star[i] += std::abs(ee(t, i));
    }
  for (std::size_t i = 0; i < d; ++i) {
    result.mu[i] /= double(r);
    mu_star[i] /= double(r);
    double squares = 0.0;
    for (std::size_t t = 0; t < r; ++t)
      squares += (ee(t, i) - result.mu[i]) * (ee(t, i) - result.mu[i]);
    result.sigma[i] = std::sqrt(squares / double(r - 1));
  }
  // Bootstrap mu* over trajectories, one stream per resample; buffers allocated once.
  const std::size_t reps = options.bootstrap;
  std::vector<double> boot(reps * d, 0.0);
  std::vector<std::uint32_t> picks(r);
  for (std::size_t b = 0; b < reps; ++b) {
    RandomStream stream(options.seed, b, "analysis.morris_bootstrap");
    for (auto& p : picks) p = stream.index(std::uint32_t(r));
    for (std::size_t i = 0; i < d; ++i) {
      double sum = 0.0;
      for (const auto t : picks) sum += std::abs(ee(t, i));
      boot[i * reps + b] = sum / double(r);
    }
  }
  std::vector<double> column(reps);
  for (std::size_t i = 0; i < d; ++i) {
    std::copy_n(boot.begin() + std::ptrdiff_t(i * reps), reps, column.begin());
    result.mu_star.push_back(percentile_interval(mu_star[i], column, options.confidence));
  }
  return result;
}

}  // namespace linchpin::analysis
