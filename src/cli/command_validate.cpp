#include <fmt/format.h>

#include "commands.hpp"
#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/engine/simulation.hpp"

namespace linchpin::cli {

void add_validate_command(CLI::App& app, ValidateArgs& args) {
  auto* command = app.add_subcommand("validate", "Check scenario files and report every problem");
  command->add_option("files", args.files, "Scenario files (YAML)")->required();
  command->add_flag("-q,--quiet", args.quiet, "Print only errors");
  command->add_option("--set", args.overrides,
                      "Override a scenario value before validation: KEY.PATH=VALUE (repeatable)");
  command->footer(
      "Examples:\n"
      "  linchpin validate scenarios/korea-2026.yaml\n"
      "  linchpin validate scenarios/*.yaml\n"
      "Errors are printed as file:line:col: error: key.path: message. Exit code 2 if any file "
      "is invalid.");
}

int run_validate(const ValidateArgs& args) {
  int status = kExitOk;
  for (const auto& file : args.files) {
    try {
      std::vector<ScenarioOverride> overrides;
      for (const auto& text : args.overrides) overrides.push_back(parse_override(text));
      const Scenario scenario = load_scenario(file, overrides);
      const Simulation simulation(scenario);
      if (!args.quiet) {
        fmt::print(
            "{}: ok: scenario '{}', {} actors, {} mechanisms ({}), {} outcomes, {} "
            "series, {} sources\n",
            file, scenario.info().name, scenario.actors().size(),
            simulation.mechanism_names().size(), fmt::join(simulation.mechanism_names(), ", "),
            simulation.outcomes().size(), simulation.metrics().size(),
            scenario.definition().sources.size());
      }
    } catch (...) {
      const int code = report_exception();
      status = std::max(status, code);
    }
  }
  return status;
}

}  // namespace linchpin::cli
