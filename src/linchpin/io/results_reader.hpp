#pragma once
// Reads a results database back into memory for `show`, `report` and the bindings.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace linchpin {

struct StoredRun {
  std::string scenario_name;
  std::string scenario_file;
  std::string scenario_sha256;
  std::uint64_t seed = 0;
  std::uint64_t trials_requested = 0;
  std::uint64_t trials_completed = 0;
  unsigned threads = 0;
  std::string engine_version;
  std::string git_commit;
  std::string start_month;
  int horizon_months = 0;
  std::string started_at;
  std::string finished_at;
  double seconds = 0.0;
  std::string status;
  std::string message;
};

struct StoredOutcome {
  std::string name;
  std::string mechanism;
  std::string description;
  std::uint64_t occurred = 0;
  std::uint64_t trials = 0;
  double probability = 0.0;
  double ci_low = 0.0;
  double ci_high = 0.0;
  // Over the trials with no war within the horizon (table outcomes_no_war).
  std::uint64_t occurred_no_war = 0;
  std::uint64_t trials_no_war = 0;
  double probability_no_war = 0.0;
  double ci_low_no_war = 0.0;
  double ci_high_no_war = 0.0;
};

struct StoredSeries {
  std::string name;
  std::string mechanism;
  std::string unit;
  std::string description;
  std::string kind;
  double lower = 0.0;
  double upper = 1.0;
  std::vector<std::string> months;
  std::vector<double> mean, q05, q25, q50, q75, q95;
};

struct StoredResults {
  std::string path;
  int schema_version = 0;
  StoredRun run;
  std::vector<StoredOutcome> outcomes;
  std::vector<StoredSeries> series;
  std::map<std::string, std::uint64_t> event_counts_traced;  // event kind -> count in traces
};

// Throws InputError if the file is missing or not a Linchpin results database.
StoredResults read_results(const std::string& path);

struct StoredEvent {
  int month_index = 0;
  std::string month;
  std::string mechanism;
  std::string kind;
  std::string actors;
  double magnitude = 0.0;
  std::string detail;
};

// The traced events of one trial, in order; empty when the trial was not traced.
std::vector<StoredEvent> read_trial_events(const std::string& path, std::uint64_t trial);
// Trials whose events were traced.
std::vector<std::uint64_t> read_traced_trials(const std::string& path);

// Per outcome (in the database's order), the trials in which it occurred: table trial_outcomes.
std::map<std::string, std::vector<std::uint64_t>> read_outcome_trials(const std::string& path);

}  // namespace linchpin
