#pragma once
// The results database: one SQLite file per run, schema documented in docs/io/results.md.
// Everything is written in transactions, so an interrupted or killed run leaves a valid file
// whose runs.status says how far it got.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "linchpin/engine/ensemble_runner.hpp"
#include "linchpin/io/database.hpp"

namespace linchpin {

inline constexpr int kResultsSchemaVersion = 2;  // 2: table outcomes_no_war

struct RunRecord {
  std::string scenario_name;
  std::string scenario_file;
  std::string scenario_sha256;
  std::string scenario_text;
  std::string resolved_scenario;  // JSON
  std::uint64_t seed = 0;
  std::uint64_t trials_requested = 0;
  unsigned threads = 1;
  std::uint64_t trace_trials = 0;
  std::string engine_version;
  std::string git_commit;
  std::string command_line;
  std::string start_month;
  int horizon_months = 0;
};

class ResultsStore final : public TrialConsumer {
 public:
  // Creates a new results file. An existing file is an InputError unless `overwrite`.
  ResultsStore(const std::string& path, bool overwrite);
  ~ResultsStore() override;

  // Records the run and the declared metrics and outcomes with status "running".
  void begin(const RunRecord& record, const Simulation& simulation);
  // Per-trial summaries and traced events; committed in batches.
  void consume(std::vector<TrialOutcome>& batch) override;
  // Writes the aggregated tables and the final status ("completed" or "interrupted").
  void finish(const EnsembleRun& run, const Simulation& simulation);
  // Marks the run as failed with a message (best effort).
  void fail(const std::string& message);

 private:
  void commit_pending();
  Database db_;
  std::int64_t run_id_ = 0;
  std::vector<std::string> outcome_names_;
  std::string start_month_;
  bool in_transaction_ = false;
  std::uint64_t pending_trials_ = 0;
  std::chrono::steady_clock::time_point last_commit_;
};

}  // namespace linchpin
