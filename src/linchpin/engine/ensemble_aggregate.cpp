#include "linchpin/engine/ensemble_aggregate.hpp"

#include <algorithm>
#include <cmath>

namespace linchpin {

namespace {
constexpr double kFixedPointScale = 16777216.0;  // 2^24
}

MetricBinning MetricBinning::for_metric(const MetricSpec& spec) {
  MetricBinning binning;
  binning.lower = spec.lower;
  if (spec.kind == MetricKind::discrete) {
    binning.discrete = true;
    const double values = std::floor(spec.upper - spec.lower) + 1.0;
    const double width = std::max(1.0, std::ceil(values / kMaxBins));
    binning.width = width;
    binning.bins = int(std::ceil(values / width));
  } else {
    binning.bins = kContinuousBins;
    binning.width = (spec.upper - spec.lower) / kContinuousBins;
  }
  return binning;
}

int MetricBinning::bin_of(double value) const {
  const double position =
      discrete ? std::floor((value - lower + 0.5) / width) : std::floor((value - lower) / width);
  if (position < 0.0) {
    // Values within a rounding error of the lower bound belong to the first bin.
    return value >= lower - 1e-9 * std::max(1.0, std::fabs(lower)) ? 0 : -1;
  }
  if (position >= bins) {
    if (discrete) return bins;
    const double upper = lower + width * bins;
    return value <= upper + 1e-9 * std::max(1.0, std::fabs(upper)) ? bins - 1 : bins;
  }
  return int(position);
}

double histogram_quantile(const MetricBinning& binning, const std::uint32_t* counts,
                          std::uint64_t below, std::uint64_t above, double q) {
  std::uint64_t total = below + above;
  for (int b = 0; b < binning.bins; ++b) total += counts[b];
  if (total == 0) return std::nan("");
  const double target = q * double(total);
  double cumulative = double(below);
  if (cumulative >= target && below > 0) return binning.lower;
  for (int b = 0; b < binning.bins; ++b) {
    const double count = counts[b];
    if (count == 0) continue;
    if (cumulative + count >= target) {
      if (binning.discrete) return binning.lower + b * binning.width;
      const double fraction = std::clamp((target - cumulative) / count, 0.0, 1.0);
      return binning.lower + (b + fraction) * binning.width;
    }
    cumulative += count;
  }
  return binning.lower + binning.bins * binning.width;
}

EnsembleAggregate::EnsembleAggregate(const Simulation& simulation)
    : simulation_(simulation), months_(simulation.horizon_months() + 1) {
  std::size_t offset = 0;
  for (const auto& metric : simulation.metrics()) {
    binning_.push_back(MetricBinning::for_metric(metric.spec));
    histogram_offset_.push_back(offset);
    offset += std::size_t(binning_.back().bins) * months_;
  }
  counts_.assign(offset, 0);
  const std::size_t cells = simulation.metrics().size() * months_;
  below_.assign(cells, 0);
  above_.assign(cells, 0);
  sums_.assign(cells, 0);
  outcome_counts_.assign(simulation.outcomes().size(), 0);
  outcome_counts_no_war_.assign(simulation.outcomes().size(), 0);
  onset_counts_.assign(simulation.outcomes().size() * months_, 0);
}

void EnsembleAggregate::observe(int month_index, const std::vector<double>& values) {
  for (std::size_t m = 0; m < values.size(); ++m) {
    const auto& binning = binning_[m];
    const std::size_t cell = m * months_ + month_index;
    if (std::isnan(values[m])) {  // a mechanism bug; counted, never binned or summed
      ++above_[cell];
      continue;
    }
    const int bin = binning.bin_of(values[m]);
    if (bin < 0) {
      ++below_[cell];
    } else if (bin >= binning.bins) {
      ++above_[cell];
    } else {
      ++counts_[histogram_offset_[m] + std::size_t(month_index) * binning.bins + bin];
    }
    // Round half away from zero to 2^-24 fixed point; the 64-bit conversion is one instruction,
    // the 128-bit one a library call, so use it only for values far outside any metric range.
    const double scaled = values[m] * kFixedPointScale;
    if (std::fabs(scaled) < 9.0e18) {
      sums_[cell] += static_cast<std::int64_t>(scaled + (scaled >= 0.0 ? 0.5 : -0.5));
    } else {
      sums_[cell] += static_cast<FixedPointSum>(std::nearbyint(scaled));
    }
  }
}

void EnsembleAggregate::add_trial(const TrialOutcome& outcome) {
  ++trials_;
  events_ += outcome.event_count;
  const bool no_war = outcome.war_month < 0;
  if (no_war) ++trials_no_war_;
  for (std::size_t o = 0; o < outcome.outcome_months.size(); ++o) {
    const int month = outcome.outcome_months[o];
    if (month < 0) continue;
    ++outcome_counts_[o];
    if (no_war) ++outcome_counts_no_war_[o];
    ++onset_counts_[o * months_ + month];
  }
}

void EnsembleAggregate::merge(const EnsembleAggregate& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  for (std::size_t i = 0; i < below_.size(); ++i) {
    below_[i] += other.below_[i];
    above_[i] += other.above_[i];
    sums_[i] += other.sums_[i];
  }
  trials_ += other.trials_;
  events_ += other.events_;
  trials_no_war_ += other.trials_no_war_;
  for (std::size_t i = 0; i < outcome_counts_.size(); ++i) {
    outcome_counts_[i] += other.outcome_counts_[i];
    outcome_counts_no_war_[i] += other.outcome_counts_no_war_[i];
  }
  for (std::size_t i = 0; i < onset_counts_.size(); ++i) onset_counts_[i] += other.onset_counts_[i];
}

EnsembleSummary EnsembleAggregate::summarize() const {
  EnsembleSummary summary;
  summary.trials = trials_;
  summary.total_events = events_;
  const auto& outcomes = simulation_.outcomes();
  for (std::size_t o = 0; o < outcomes.size(); ++o) {
    OutcomeEstimate estimate;
    estimate.name = outcomes[o].spec.name;
    estimate.mechanism = outcomes[o].mechanism;
    estimate.description = outcomes[o].spec.description;
    estimate.occurred = outcome_counts_[o];
    estimate.trials = trials_;
    estimate.probability = trials_ ? double(outcome_counts_[o]) / double(trials_) : 0.0;
    estimate.interval = wilson_interval(outcome_counts_[o], trials_);
    estimate.occurred_no_war = outcome_counts_no_war_[o];
    estimate.trials_no_war = trials_no_war_;
    estimate.probability_no_war =
        trials_no_war_ ? double(outcome_counts_no_war_[o]) / double(trials_no_war_) : 0.0;
    estimate.interval_no_war = wilson_interval(outcome_counts_no_war_[o], trials_no_war_);
    std::uint64_t cumulative = 0;
    for (int month = 0; month < months_; ++month) {
      cumulative += onset_counts_[o * months_ + month];
      estimate.cumulative.push_back(trials_ ? double(cumulative) / double(trials_) : 0.0);
    }
    summary.outcomes.push_back(std::move(estimate));
  }
  const auto& metrics = simulation_.metrics();
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    MetricSeries series;
    series.info = metrics[m];
    const auto& binning = binning_[m];
    for (int month = 0; month < months_; ++month) {
      const std::size_t cell = m * months_ + month;
      const std::uint32_t* counts =
          counts_.data() + histogram_offset_[m] + std::size_t(month) * binning.bins;
      series.mean.push_back(trials_ ? double(sums_[cell]) / kFixedPointScale / double(trials_)
                                    : std::nan(""));
      series.q05.push_back(histogram_quantile(binning, counts, below_[cell], above_[cell], 0.05));
      series.q25.push_back(histogram_quantile(binning, counts, below_[cell], above_[cell], 0.25));
      series.q50.push_back(histogram_quantile(binning, counts, below_[cell], above_[cell], 0.50));
      series.q75.push_back(histogram_quantile(binning, counts, below_[cell], above_[cell], 0.75));
      series.q95.push_back(histogram_quantile(binning, counts, below_[cell], above_[cell], 0.95));
      series.out_of_range.push_back(below_[cell] + above_[cell]);
    }
    summary.metrics.push_back(std::move(series));
  }
  return summary;
}

}  // namespace linchpin
