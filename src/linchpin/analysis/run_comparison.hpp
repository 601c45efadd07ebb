#pragma once
// Two stored runs side by side: each outcome's probability in both and the difference with a
// 95% interval. When the runs share seed and trial numbers, trial t of one and trial t of the
// other used the same random streams (common random numbers, docs/engine/engine.md), so the
// difference is estimated from paired per-trial differences; otherwise the two estimates are
// independent and the interval is Newcombe's (1998) hybrid score interval for a difference of
// proportions. Documented in docs/analysis/compare.md.
#include <string>
#include <vector>

#include "linchpin/core/statistics.hpp"

namespace linchpin::analysis {

struct OutcomeComparison {
  std::string outcome;
  double probability_a = 0.0;
  double probability_b = 0.0;
  double difference = 0.0;  // b - a
  double low = 0.0;         // 95% interval of the difference
  double high = 0.0;
};

struct RunComparison {
  std::string path_a, path_b;
  std::string scenario_a, scenario_b;
  std::uint64_t trials_a = 0, trials_b = 0;
  bool paired = false;  // same seed and the same trials: common random numbers
  std::string pairing_note;
  std::vector<OutcomeComparison> outcomes;  // outcomes present in both runs, in A's order
  std::vector<std::string> only_in_a, only_in_b;
};

// Newcombe's method 10 (hybrid score) 95% interval for p_b - p_a from independent samples.
Interval newcombe_difference_interval(std::uint64_t occurred_a, std::uint64_t trials_a,
                                      std::uint64_t occurred_b, std::uint64_t trials_b);

// Paired differences of 0/1 indicators over trials 0..n-1: mean and normal 95% interval.
// `a` and `b` are the sorted trial numbers in which the outcome occurred in each run.
OutcomeComparison paired_indicator_difference(const std::vector<std::uint64_t>& a,
                                              const std::vector<std::uint64_t>& b,
                                              std::uint64_t trials);

// Reads two results databases (any run `linchpin run` wrote) and compares every shared outcome.
RunComparison compare_runs(const std::string& path_a, const std::string& path_b);

}  // namespace linchpin::analysis
