#include "linchpin/scenario/quantity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "linchpin/core/statistics.hpp"

namespace linchpin {

Quantity Quantity::constant(double value, std::string source) {
  Quantity quantity;
  quantity.value = value;
  quantity.source = std::move(source);
  return quantity;
}

double Quantity::nominal() const {
  switch (kind) {
    case DistributionKind::fixed:
      return value;
    case DistributionKind::uniform:
      return 0.5 * (low + high);
    case DistributionKind::normal:
      return mean;
    case DistributionKind::triangular:
      return (low + mode + high) / 3.0;
    case DistributionKind::beta:
      return alpha / (alpha + beta);
    case DistributionKind::empirical: {
      double total = 0.0;
      for (double v : values) total += v;
      return values.empty() ? 0.0 : total / double(values.size());
    }
  }
  return value;
}

double Quantity::support_low() const {
  switch (kind) {
    case DistributionKind::fixed:
      return value;
    case DistributionKind::uniform:
    case DistributionKind::triangular:
      return low;
    case DistributionKind::normal:
      return has_low ? low : -std::numeric_limits<double>::infinity();
    case DistributionKind::beta:
      return 0.0;
    case DistributionKind::empirical:
      return values.empty() ? 0.0 : *std::min_element(values.begin(), values.end());
  }
  return value;
}

double Quantity::support_high() const {
  switch (kind) {
    case DistributionKind::fixed:
      return value;
    case DistributionKind::uniform:
    case DistributionKind::triangular:
      return high;
    case DistributionKind::normal:
      return has_high ? high : std::numeric_limits<double>::infinity();
    case DistributionKind::beta:
      return 1.0;
    case DistributionKind::empirical:
      return values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
  }
  return value;
}

double Quantity::sample(RandomStream& stream) const {
  switch (kind) {
    case DistributionKind::fixed:
      return value;
    case DistributionKind::uniform:
      return low + (high - low) * stream.uniform();
    case DistributionKind::normal: {
      // Inverse-CDF sampling restricted to the truncation interval: one uniform per draw.
      const double lower = has_low ? normal_cdf((low - mean) / sd) : 0.0;
      const double upper = has_high ? normal_cdf((high - mean) / sd) : 1.0;
      const double u = lower + (upper - lower) * stream.uniform();
      double x = mean + sd * normal_quantile(u);
      if (has_low && x < low) x = low;
      if (has_high && x > high) x = high;
      return x;
    }
    case DistributionKind::triangular: {
      const double u = stream.uniform();
      const double width = high - low;
      if (width <= 0.0) return low;
      const double split = (mode - low) / width;
      if (u < split) return low + std::sqrt(u * width * (mode - low));
      return high - std::sqrt((1.0 - u) * width * (high - mode));
    }
    case DistributionKind::beta:
      return stream.beta(alpha, beta);
    case DistributionKind::empirical: {
      if (values.empty()) return 0.0;
      const auto row = std::min(values.size() - 1, std::size_t(stream.uniform() * values.size()));
      return values[row];
    }
  }
  return value;
}

double Quantity::sample_for_trial(std::uint64_t seed, std::uint64_t trial) const {
  if (!is_random()) return value;
  // A draw group shares one stream, so its members take the same row in a trial.
  RandomStream stream(seed, trial,
                      kind == DistributionKind::empirical && !draw_group.empty()
                          ? "parameter-group:" + draw_group
                          : "parameter:" + key_path);
  return sample(stream);
}

namespace {
// The truncated normal's draw from a uniform in [0, 1): inverse CDF inside the bounds.
double truncated_normal_from_uniform(const Quantity& q, double u01) {
  const double lower = q.has_low ? normal_cdf((q.low - q.mean) / q.sd) : 0.0;
  const double upper = q.has_high ? normal_cdf((q.high - q.mean) / q.sd) : 1.0;
  double x = q.mean + q.sd * normal_quantile(lower + (upper - lower) * u01);
  if (q.has_low && x < q.low) x = q.low;
  if (q.has_high && x > q.high) x = q.high;
  return x;
}

double own_uniform(const Quantity& q, std::uint64_t seed, std::uint64_t trial) {
  RandomStream stream(seed, trial, "parameter:" + q.key_path);
  return stream.uniform();
}

// Keeps Phi^-1 finite at the ends of [0, 1).
double clamp_unit(double u) {
  return std::clamp(u, 1e-16, 1.0 - 1e-16);
}
}  // namespace

double Quantity::normal_score_for_trial(std::uint64_t seed, std::uint64_t trial) const {
  if (kind != DistributionKind::normal) return 0.0;
  return normal_quantile(clamp_unit(own_uniform(*this, seed, trial)));
}

double Quantity::sample_correlated_for_trial(std::uint64_t seed, std::uint64_t trial,
                                             double partner_score) const {
  if (kind != DistributionKind::normal || correlation == 0.0) return sample_for_trial(seed, trial);
  const double own = normal_quantile(clamp_unit(own_uniform(*this, seed, trial)));
  const double score =
      correlation * partner_score + std::sqrt(1.0 - correlation * correlation) * own;
  return truncated_normal_from_uniform(*this, normal_cdf(score));
}

std::string Quantity::describe() const {
  switch (kind) {
    case DistributionKind::fixed:
      return fmt::format("{:g}", value);
    case DistributionKind::uniform:
      return fmt::format("uniform({:g}, {:g})", low, high);
    case DistributionKind::normal: {
      std::string text = fmt::format("normal(mean {:g}, sd {:g}", mean, sd);
      if (has_low) text += fmt::format(", low {:g}", low);
      if (has_high) text += fmt::format(", high {:g}", high);
      if (!correlated_with.empty())
        text += fmt::format(", correlation {:g} with {}", correlation, correlated_with);
      return text + ")";
    }
    case DistributionKind::triangular:
      return fmt::format("triangular({:g}, {:g}, {:g})", low, mode, high);
    case DistributionKind::beta:
      return fmt::format("beta({:g}, {:g})", alpha, beta);
    case DistributionKind::empirical:
      return fmt::format("empirical({} values{}{})", values.size(),
                         draw_group.empty() ? "" : ", group ", draw_group);
  }
  return "?";
}

}  // namespace linchpin
