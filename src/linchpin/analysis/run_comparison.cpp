#include "linchpin/analysis/run_comparison.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "linchpin/io/results_reader.hpp"

namespace linchpin::analysis {

Interval newcombe_difference_interval(std::uint64_t occurred_a, std::uint64_t trials_a,
                                      std::uint64_t occurred_b, std::uint64_t trials_b) {
  const double pa = trials_a ? double(occurred_a) / double(trials_a) : 0.0;
  const double pb = trials_b ? double(occurred_b) / double(trials_b) : 0.0;
  const Interval a = wilson_interval(occurred_a, trials_a);
  const Interval b = wilson_interval(occurred_b, trials_b);
  const double d = pb - pa;
  return {d - std::sqrt((pb - b.low) * (pb - b.low) + (a.high - pa) * (a.high - pa)),
          d + std::sqrt((b.high - pb) * (b.high - pb) + (pa - a.low) * (pa - a.low))};
}

OutcomeComparison paired_indicator_difference(const std::vector<std::uint64_t>& a,
                                              const std::vector<std::uint64_t>& b,
                                              std::uint64_t trials) {
  OutcomeComparison result;
  if (trials == 0) return result;
  std::vector<std::uint64_t> only_a, only_b;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only_a));
  std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(only_b));
  const double n = double(trials);
  result.probability_a = double(a.size()) / n;
  result.probability_b = double(b.size()) / n;
  // d_t = 1 where only b has the outcome, -1 where only a has it, 0 elsewhere.
  const double mean = (double(only_b.size()) - double(only_a.size())) / n;
  const double second_moment = (double(only_b.size()) + double(only_a.size())) / n;
  const double variance = trials > 1 ? (second_moment - mean * mean) * n / (n - 1.0) : 0.0;
  const double half = 1.959963984540054 * std::sqrt(std::max(0.0, variance) / n);
  result.difference = mean;
  result.low = mean - half;
  result.high = mean + half;
  return result;
}

RunComparison compare_runs(const std::string& path_a, const std::string& path_b) {
  const StoredResults a = read_results(path_a);
  const StoredResults b = read_results(path_b);
  RunComparison comparison;
  comparison.path_a = path_a;
  comparison.path_b = path_b;
  comparison.scenario_a = a.run.scenario_name;
  comparison.scenario_b = b.run.scenario_name;
  comparison.trials_a = a.run.trials_completed;
  comparison.trials_b = b.run.trials_completed;
  // Trials are numbered 0..n-1 in every completed or interrupted run (blocks finish in order of
  // their numbers only when complete), so pairing needs the same seed and the same count.
  comparison.paired = a.run.seed == b.run.seed && comparison.trials_a == comparison.trials_b &&
                      a.run.status == "completed" && b.run.status == "completed";
  comparison.pairing_note =
      comparison.paired
          ? fmt::format("paired: both runs used seed {} and trials 0..{}, so trial t of one shares "
                        "its random streams with trial t of the other (common random numbers)",
                        a.run.seed, comparison.trials_a - 1)
          : fmt::format("unpaired: {} (seeds {} and {}, {} and {} trials); intervals treat the "
                        "runs as independent samples (Newcombe's hybrid score interval)",
                        a.run.seed != b.run.seed ? "different seeds"
                        : comparison.trials_a != comparison.trials_b
                            ? "different trial counts"
                            : "a run did not complete",
                        a.run.seed, b.run.seed, comparison.trials_a, comparison.trials_b);
  std::map<std::string, const StoredOutcome*> in_b;
  for (const auto& outcome : b.outcomes) in_b[outcome.name] = &outcome;
  std::set<std::string> in_a;
  const auto trials_a = comparison.paired ? read_outcome_trials(path_a)
                                          : std::map<std::string, std::vector<std::uint64_t>>{};
  const auto trials_b = comparison.paired ? read_outcome_trials(path_b)
                                          : std::map<std::string, std::vector<std::uint64_t>>{};
  static const std::vector<std::uint64_t> kNone;
  for (const auto& outcome : a.outcomes) {
    in_a.insert(outcome.name);
    const auto other = in_b.find(outcome.name);
    if (other == in_b.end()) {
      comparison.only_in_a.push_back(outcome.name);
      continue;
    }
    OutcomeComparison row;
    if (comparison.paired) {
      const auto ta = trials_a.find(outcome.name);
      const auto tb = trials_b.find(outcome.name);
      row = paired_indicator_difference(ta == trials_a.end() ? kNone : ta->second,
                                        tb == trials_b.end() ? kNone : tb->second,
                                        comparison.trials_a);
    } else {
      row.probability_a = outcome.probability;
      row.probability_b = other->second->probability;
      row.difference = row.probability_b - row.probability_a;
      const Interval interval = newcombe_difference_interval(
          outcome.occurred, outcome.trials, other->second->occurred, other->second->trials);
      row.low = interval.low;
      row.high = interval.high;
    }
    row.outcome = outcome.name;
    comparison.outcomes.push_back(row);
  }
  for (const auto& outcome : b.outcomes)
    if (!in_a.count(outcome.name)) comparison.only_in_b.push_back(outcome.name);
  return comparison;
}

}  // namespace linchpin::analysis
