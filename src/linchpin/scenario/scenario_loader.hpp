#pragma once
// Reads and validates a scenario file; reports every problem at once as an InputError.
#include <string>
#include <vector>

#include "linchpin/scenario/mechanism_schema.hpp"
#include "linchpin/scenario/scenario.hpp"

namespace linchpin {

struct ScenarioLoadOptions {
  // The mechanisms the engine knows and their parameters; a scenario naming any other
  // mechanism or parameter is invalid.
  std::vector<MechanismSchema> known_mechanisms;
  // Files larger than this are rejected before parsing.
  std::size_t max_file_bytes = 8u << 20;
};

// Throws InputError listing every problem found; never returns a partially valid scenario.
Scenario load_scenario_file(const std::string& path, const ScenarioLoadOptions& options);
Scenario load_scenario_text(const std::string& text, const std::string& file_name,
                            const ScenarioLoadOptions& options);

}  // namespace linchpin
