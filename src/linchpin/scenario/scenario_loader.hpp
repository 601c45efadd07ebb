#pragma once
// Reads and validates a scenario file; reports every problem at once as an InputError.
#include <string>
#include <vector>

#include "linchpin/scenario/scenario.hpp"

namespace linchpin {

struct ScenarioLoadOptions {
  // Names of the mechanisms the engine knows; a scenario naming any other is invalid.
  std::vector<std::string> known_mechanisms;
  // Files larger than this are rejected before parsing.
  std::size_t max_file_bytes = 8u << 20;
};

// Throws InputError listing every problem found; never returns a partially valid scenario.
Scenario load_scenario_file(const std::string& path, const ScenarioLoadOptions& options);
Scenario load_scenario_text(const std::string& text, const std::string& file_name,
                            const ScenarioLoadOptions& options);

}  // namespace linchpin
