#pragma once
// Pillar ablation: the scenario as given, and without each of the alliance's pillars (the
// Mutual Defense Treaty's obligation, the Armistice/UN Command channel, the Combined Forces
// Command) and without all three, run with common random numbers (same seed, same trials), and
// each outcome's and series' difference from the baseline with a paired 95% interval.
// The essay's thesis, put to the test. Documented in docs/analysis/pillars.md.
#include <cstdint>
#include <string>
#include <vector>

#include "linchpin/scenario/scenario.hpp"

namespace linchpin::analysis {

struct PillarVariant {
  std::string name;  // "baseline", "no_mdt", ...
  std::string description;
  std::vector<InstrumentKind> removed;  // instrument kinds taken out of every alliance
};

// baseline, no_mdt (treaty_commitment), no_unc (crisis_channel), no_cfc (combined_command),
// no_pillars (all three).
std::vector<PillarVariant> default_pillar_variants();

// The scenario with every instrument of the given kinds removed from every alliance. Quantities
// keep their key paths, so each trial samples the same values as in the original.
Scenario without_instruments(const Scenario& scenario, const std::vector<InstrumentKind>& kinds);

// A paired comparison of one quantity between a variant and the baseline over the same trials.
struct PairedDifference {
  std::string variant;
  std::string quantity;  // outcome name, or series name (the series' mean over the horizon)
  std::string kind;      // "outcome" or "series_mean"
  double baseline = 0.0;
  double value = 0.0;
  double difference = 0.0;  // value - baseline
  double low = 0.0;         // paired 95% interval of the difference
  double high = 0.0;
};

// Mean and normal-approximation 95% interval of per-trial differences (sample sd / sqrt(n)).
struct MeanInterval {
  double mean = 0.0;
  double low = 0.0;
  double high = 0.0;
};
MeanInterval paired_mean_interval(const std::vector<double>& differences);

struct PillarAblationResult {
  std::vector<PillarVariant> variants;
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
  std::vector<PairedDifference> differences;  // every variant except the baseline
};

// Series whose horizon means are compared: names ending in one of these suffixes.
std::vector<std::string> default_compared_series_suffixes();

// Runs every variant for trials 0..trials-1 with `seed` on `threads` threads. Results do not
// depend on the thread count (per-trial values are reduced in trial order).
PillarAblationResult run_pillar_ablation(const Scenario& scenario,
                                         const std::vector<PillarVariant>& variants,
                                         std::uint64_t trials, std::uint64_t seed,
                                         unsigned threads);

// Writes the result to a new SQLite file (tables pillar_run, pillar_differences).
void write_pillar_ablation(const std::string& path, const Scenario& scenario,
                           const PillarAblationResult& result, bool overwrite);

}  // namespace linchpin::analysis
