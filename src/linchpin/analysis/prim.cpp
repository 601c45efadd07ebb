// PRIM peeling and pasting; see prim.hpp.
#include "linchpin/analysis/prim.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "linchpin/core/error.hpp"

namespace linchpin::analysis {

namespace {

void check_inputs(const Design& inputs, std::span<const double> outputs,
                  const PrimOptions& options) {
  if (inputs.rows == 0 || inputs.columns == 0)
    throw_input_error({}, "inputs", "at least one row and one input");
  if (outputs.size() != inputs.rows)
    throw_input_error({}, "outputs",
                      fmt::format("one output per row ({}, got {})", inputs.rows, outputs.size()));
  for (double y : outputs)
    if (!(y >= 0.0) || !std::isfinite(y))
      throw_input_error({}, "outputs", "finite, non-negative outputs (coverage is a share)");
  const auto share = [](double v) { return v > 0.0 && v < 1.0; };
  if (!share(options.peel_alpha) || !share(options.paste_alpha) || !(options.min_mass >= 0.0) ||
      !(options.min_mass < 1.0))
    throw_input_error({}, "prim", "peel_alpha, paste_alpha in (0, 1) and min_mass in [0, 1)");
}

bool inside(const Design& inputs, std::size_t row, const PrimBox& box) {
  for (std::size_t i = 0; i < inputs.columns; ++i) {
    const double x = inputs(row, i);
    if (x < box.lower[i] || x > box.upper[i]) return false;
  }
  return true;
}

double total_of(std::span<const double> outputs) {
  double total = 0.0;
  for (double y : outputs) total += y;
  return total;
}

}  // namespace

PrimBox data_bounds(const Design& inputs) {
  PrimBox box{std::vector<double>(inputs.columns, std::numeric_limits<double>::infinity()),
              std::vector<double>(inputs.columns, -std::numeric_limits<double>::infinity())};
  for (std::size_t r = 0; r < inputs.rows; ++r)
    for (std::size_t i = 0; i < inputs.columns; ++i) {
      box.lower[i] = std::min(box.lower[i], inputs(r, i));
      box.upper[i] = std::max(box.upper[i], inputs(r, i));
    }
  return box;
}

PrimStatistics box_statistics(const Design& inputs, std::span<const double> outputs,
                              const PrimBox& box, const PrimBox& bounds) {
  PrimStatistics stats;
  stats.box = box;
  double sum = 0.0;
  for (std::size_t r = 0; r < inputs.rows; ++r)
    if (inside(inputs, r, box)) {
      ++stats.points;
      sum += outputs[r];
    }
  const double total = total_of(outputs);
  stats.coverage = total > 0.0 ? sum / total : 0.0;
  stats.density = stats.points ? sum / double(stats.points) : 0.0;
  stats.mass = double(stats.points) / double(inputs.rows);
  for (std::size_t i = 0; i < inputs.columns; ++i)
    if (box.lower[i] > bounds.lower[i] || box.upper[i] < bounds.upper[i])
      stats.restricted.push_back(i);
  return stats;
}

std::vector<PrimStatistics> prim_peel(const Design& inputs, std::span<const double> outputs,
                                      const PrimOptions& options) {
  check_inputs(inputs, outputs, options);
  const PrimBox bounds = data_bounds(inputs);
  const double total = total_of(outputs);
  const std::size_t n = inputs.rows;
  const std::size_t d = inputs.columns;
  std::vector<std::size_t> in_box(n);
  for (std::size_t r = 0; r < n; ++r) in_box[r] = r;
  double box_sum = total;
  PrimBox box = bounds;
  std::vector<PrimStatistics> trajectory;
  const auto record = [&] {
    PrimStatistics stats;
    stats.box = box;
    stats.points = in_box.size();
    stats.coverage = total > 0.0 ? box_sum / total : 0.0;
    stats.density = box_sum / double(in_box.size());
    stats.mass = double(in_box.size()) / double(n);
    for (std::size_t i = 0; i < d; ++i)
      if (box.lower[i] > bounds.lower[i] || box.upper[i] < bounds.upper[i])
        stats.restricted.push_back(i);
    trajectory.push_back(std::move(stats));
  };
  record();
  std::vector<double> values;
  values.reserve(n);
  while (true) {
    const std::size_t m = in_box.size();
    const auto slice = std::max<std::size_t>(1, std::size_t(std::floor(options.peel_alpha * m)));
    if (m <= slice) break;
    // Best candidate: (input, side, new limit, rows left, output sum left).
    struct Candidate {
      std::size_t input = 0;
      bool lower = true;
      double limit = 0.0;
      std::size_t left = 0;
      double sum = 0.0;
    } best;
    bool found = false;
    for (std::size_t i = 0; i < d; ++i) {
      values.clear();
      for (const auto r : in_box) values.push_back(inputs(r, i));
      for (const bool lower : {true, false}) {
        // Lower side: keep x >= the slice-th smallest value; upper: keep x <= the slice-th largest.
        const std::size_t k = lower ? slice : m - 1 - slice;
        std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(k), values.end());
        const double limit = values[k];
        std::size_t left = 0;
        double sum = 0.0;
        for (const auto r : in_box) {
          const double x = inputs(r, i);
          if (lower ? x >= limit : x <= limit) {
            ++left;
            sum += outputs[r];
          }
        }
        if (left == m || left == 0) continue;  // ties: nothing (or everything) peeled
        if (double(left) / double(n) < options.min_mass) continue;
        const double mean = sum / double(left);
        const double best_mean = found ? best.sum / double(best.left) : 0.0;
        if (!found || mean > best_mean || (mean == best_mean && left > best.left)) {
          best = {i, lower, limit, left, sum};
          found = true;
        }
      }
    }
    if (!found) break;
    (best.lower ? box.lower : box.upper)[best.input] = best.limit;
    std::erase_if(in_box, [&](std::size_t r) {
      const double x = inputs(r, best.input);
      return best.lower ? x < best.limit : x > best.limit;
    });
    box_sum = best.sum;
    record();
  }
  return trajectory;
}

PrimStatistics prim_paste(const Design& inputs, std::span<const double> outputs,
                          const PrimStatistics& start, const PrimBox& bounds,
                          const PrimOptions& options) {
  check_inputs(inputs, outputs, options);
  const std::size_t d = inputs.columns;
  PrimStatistics current = box_statistics(inputs, outputs, start.box, bounds);
  std::vector<double> candidates;
  while (current.points > 0) {
    const auto slice =
        std::max<std::size_t>(1, std::size_t(std::ceil(options.paste_alpha * current.points)));
    double best_mean = current.density;
    PrimBox best_box;
    bool found = false;
    for (std::size_t i = 0; i < d; ++i) {
      for (const bool lower : {true, false}) {
        // Rows outside on this side of input i but inside on every other input.
        candidates.clear();
        for (std::size_t r = 0; r < inputs.rows; ++r) {
          const double x = inputs(r, i);
          if (lower ? x >= current.box.lower[i] : x <= current.box.upper[i]) continue;
          bool others = true;
          for (std::size_t k = 0; k < d && others; ++k)
            if (k != i)
              others = inputs(r, k) >= current.box.lower[k] && inputs(r, k) <= current.box.upper[k];
          if (others) candidates.push_back(x);
        }
        if (candidates.empty()) continue;
        const std::size_t take = std::min(slice, candidates.size()) - 1;
        // The take-th nearest value to the box on this side becomes the new limit.
        if (lower)
          std::nth_element(candidates.begin(), candidates.begin() + std::ptrdiff_t(take),
                           candidates.end(), std::greater<>());
        else
          std::nth_element(candidates.begin(), candidates.begin() + std::ptrdiff_t(take),
                           candidates.end());
        PrimBox widened = current.box;
        (lower ? widened.lower : widened.upper)[i] = candidates[take];
        const auto stats = box_statistics(inputs, outputs, widened, bounds);
        if (stats.density > best_mean) {
          best_mean = stats.density;
          best_box = widened;
          found = true;
        }
      }
    }
    if (!found) break;
    current = box_statistics(inputs, outputs, best_box, bounds);
  }
  return current;
}

std::size_t select_box(std::span<const PrimStatistics> trajectory, double min_density) {
  std::size_t best = trajectory.size();
  for (std::size_t k = 0; k < trajectory.size(); ++k)
    if (trajectory[k].density >= min_density &&
        (best == trajectory.size() || trajectory[k].coverage > trajectory[best].coverage))
      best = k;
  return best;
}

PrimResult prim_find_box(const Design& inputs, std::span<const double> outputs, double min_density,
                         const PrimOptions& options) {
  PrimResult result;
  result.trajectory = prim_peel(inputs, outputs, options);
  result.selected = select_box(result.trajectory, min_density);
  if (result.selected < result.trajectory.size())
    result.box = prim_paste(inputs, outputs, result.trajectory[result.selected],
                            data_bounds(inputs), options);
  return result;
}

}  // namespace linchpin::analysis
