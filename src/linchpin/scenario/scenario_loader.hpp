#pragma once
// Reads and validates a scenario file; reports every problem at once as an InputError.
#include <string>
#include <vector>

#include "linchpin/scenario/mechanism_schema.hpp"
#include "linchpin/scenario/scenario.hpp"

namespace linchpin {

// One `--set key.path=VALUE` applied to the scenario after reading and before validation. The
// path names YAML keys separated by '.', with list items as `name[3]` (0-based) or `name[id]`
// (the item whose `id` is that); VALUE is YAML (a number, text, or a mapping such as a
// distribution `{distribution: uniform, low: 0.3, high: 0.45}`). A number given where the scenario
// has a quantity (or for a mechanism parameter) becomes `{value: N, source: linchpin-override}`;
// a mapping without a `source` gets that source. Docs: docs/scenario.md, "Overrides".
struct ScenarioOverride {
  std::string key_path;
  std::string value;
};

// Parses "key.path=VALUE"; throws InputError naming `origin` when there is no '=' or no path.
ScenarioOverride parse_override(const std::string& text, const std::string& origin = "--set");

struct ScenarioLoadOptions {
  // The mechanisms the engine knows and their parameters; a scenario naming any other
  // mechanism or parameter is invalid.
  std::vector<MechanismSchema> known_mechanisms;
  // Files larger than this are rejected before parsing.
  std::size_t max_file_bytes = 8u << 20;
  // Applied in order; the stored scenario text records them after the file's text.
  std::vector<ScenarioOverride> overrides;
};

// Throws InputError listing every problem found; never returns a partially valid scenario.
Scenario load_scenario_file(const std::string& path, const ScenarioLoadOptions& options);
Scenario load_scenario_text(const std::string& text, const std::string& file_name,
                            const ScenarioLoadOptions& options);

}  // namespace linchpin
