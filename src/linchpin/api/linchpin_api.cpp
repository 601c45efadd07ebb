#include "linchpin/api/linchpin_api.hpp"

#include <fmt/format.h>

#include "linchpin/core/build_info.hpp"
#include "linchpin/io/results_store.hpp"
#include "linchpin/mechanisms/registry.hpp"
#include "linchpin/scenario/scenario_json.hpp"

namespace linchpin {

std::string engine_version() {
  return build_info::kVersion;
}
std::string engine_git_commit() {
  return build_info::kGitCommit;
}

ScenarioLoadOptions default_load_options() {
  ScenarioLoadOptions options;
  options.known_mechanisms = mechanism_schemas();
  return options;
}

Scenario load_scenario(const std::string& path) {
  return load_scenario_file(path, default_load_options());
}

Scenario load_scenario(const std::string& path, const std::vector<ScenarioOverride>& overrides) {
  ScenarioLoadOptions options = default_load_options();
  options.overrides = overrides;
  return load_scenario_file(path, options);
}

RunResponse run_scenario(const RunRequest& request) {
  Scenario scenario = load_scenario(request.scenario_path, request.overrides);
  RunOptions options;
  options.trials = request.trials.value_or(scenario.run_settings().trials);
  options.seed = request.seed.value_or(scenario.run_settings().seed);
  options.trace_trials =
      std::min(request.trace_trials.value_or(scenario.run_settings().trace_trials), options.trials);
  options.threads = std::max(1u, request.threads);
  options.cancel = request.cancel;
  options.progress = request.progress;
  if (options.trials == 0) {
    throw_input_error({}, "--trials", "the number of trials must be at least 1");
  }
  Simulation simulation(scenario);
  RunResponse response;
  response.out_path = request.out_path.empty() ? fmt::format("runs/{}.sqlite", scenario.info().name)
                                               : request.out_path;
  ResultsStore store(response.out_path, request.overwrite);
  RunRecord record;
  record.scenario_name = scenario.info().name;
  record.scenario_file = request.scenario_path;
  record.scenario_sha256 = scenario.definition().sha256;
  record.scenario_text = scenario.definition().text;
  record.resolved_scenario = scenario_to_json(scenario).dump();
  record.seed = options.seed;
  record.trials_requested = options.trials;
  record.threads = options.threads;
  record.trace_trials = options.trace_trials;
  record.engine_version = engine_version();
  record.git_commit = engine_git_commit();
  record.command_line = request.command_line;
  record.start_month = scenario.start_month().to_string();
  record.horizon_months = scenario.horizon_months();
  store.begin(record, simulation);
  options.consumer = &store;
  try {
    response.run = run_ensemble(simulation, options);
  } catch (const std::exception& error) {
    store.fail(error.what());
    throw;
  }
  store.finish(response.run, simulation);
  return response;
}

}  // namespace linchpin
