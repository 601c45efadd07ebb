#pragma once
// The library's front door: what the CLI, the Python bindings and the web server call.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "linchpin/engine/ensemble_runner.hpp"
#include "linchpin/scenario/scenario_loader.hpp"

namespace linchpin {

std::string engine_version();
std::string engine_git_commit();

// Load options that know every registered mechanism.
ScenarioLoadOptions default_load_options();
Scenario load_scenario(const std::string& path);
// The same with `--set key.path=VALUE` overrides applied before validation.
Scenario load_scenario(const std::string& path, const std::vector<ScenarioOverride>& overrides);

struct RunRequest {
  std::string scenario_path;
  std::vector<ScenarioOverride> overrides;  // --set key.path=VALUE, applied before validation
  std::optional<std::uint64_t> trials;  // default: the scenario's run.trials
  std::optional<std::uint64_t> seed;    // default: the scenario's run.seed
  std::optional<std::uint64_t> trace_trials;
  unsigned threads = 1;
  std::string out_path;  // default: runs/<scenario name>.sqlite
  bool overwrite = false;
  std::string command_line;
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct RunResponse {
  std::string out_path;
  EnsembleRun run;
};

// Validates the scenario, runs the ensemble and writes the results database. Throws
// InputError before anything is written if the scenario or options are invalid.
RunResponse run_scenario(const RunRequest& request);

}  // namespace linchpin
