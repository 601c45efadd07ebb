#pragma once
// Streaming, order-free aggregation of trials: integer counts and fixed-bin histograms only,
// so merging partial aggregates in any order gives bit-identical results and memory does not
// grow with the number of trials.
#include <cstdint>
#include <string>
#include <vector>

#include "linchpin/core/statistics.hpp"
#include "linchpin/engine/simulation.hpp"

namespace linchpin {

__extension__ using FixedPointSum = __int128;

// Bins for one metric: continuous metrics get kContinuousBins equal bins over [lower, upper];
// discrete metrics get one bin per whole number (wider bins only past kMaxBins values).
struct MetricBinning {
  double lower = 0.0;
  double width = 1.0;
  int bins = 1;
  bool discrete = false;

  static constexpr int kContinuousBins = 1000;
  static constexpr int kMaxBins = 4096;
  static MetricBinning for_metric(const MetricSpec& spec);
  int bin_of(double value) const;  // -1 below range, `bins` above
};

// Quantile q of a histogram (counts per bin, plus below/above-range counts).
// Discrete: the smallest value whose cumulative share reaches q. Continuous: linear
// interpolation inside the bin where the cumulative share reaches q.
double histogram_quantile(const MetricBinning& binning, const std::uint32_t* counts,
                          std::uint64_t below, std::uint64_t above, double q);

struct OutcomeEstimate {
  std::string name;
  std::string mechanism;
  std::string description;
  std::uint64_t occurred = 0;
  std::uint64_t trials = 0;
  double probability = 0.0;
  Interval interval;               // Wilson 95%
  // The same estimate over the trials in which no war began within the horizon (war is
  // absorbing, so these are the peacetime futures).
  std::uint64_t occurred_no_war = 0;
  std::uint64_t trials_no_war = 0;
  double probability_no_war = 0.0;
  Interval interval_no_war;
  std::vector<double> cumulative;  // per month index: share of trials with onset <= month
};

struct MetricSeries {
  MetricInfo info;
  std::vector<double> mean, q05, q25, q50, q75, q95;  // per month index 0..horizon
  std::vector<std::uint64_t> out_of_range;            // per month index
};

struct EnsembleSummary {
  std::uint64_t trials = 0;
  std::uint64_t total_events = 0;
  std::vector<OutcomeEstimate> outcomes;
  std::vector<MetricSeries> metrics;
};

class EnsembleAggregate final : public MonthObserver {
 public:
  explicit EnsembleAggregate(const Simulation& simulation);

  void observe(int month_index, const std::vector<double>& metric_values) override;
  void add_trial(const TrialOutcome& outcome);
  void merge(const EnsembleAggregate& other);
  std::uint64_t trials() const { return trials_; }
  EnsembleSummary summarize() const;

 private:
  const Simulation& simulation_;
  int months_ = 0;  // horizon + 1
  std::vector<MetricBinning> binning_;
  std::vector<std::size_t> histogram_offset_;  // per metric, into counts_
  std::vector<std::uint32_t> counts_;
  std::vector<std::uint64_t> below_;  // per metric x month
  std::vector<std::uint64_t> above_;
  std::vector<FixedPointSum> sums_;  // fixed-point sums (value * 2^24) per metric x month
  std::uint64_t trials_ = 0;
  std::uint64_t events_ = 0;
  std::vector<std::uint64_t> outcome_counts_;
  std::uint64_t trials_no_war_ = 0;
  std::vector<std::uint64_t> outcome_counts_no_war_;
  std::vector<std::uint64_t> onset_counts_;  // per outcome x month
};

}  // namespace linchpin
