#pragma once
// The list of mechanisms, in the order they act each month. Adding a mechanism adds one line.
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/mechanism_schema.hpp"

namespace linchpin {

struct MechanismEntry {
  std::string_view name;
  std::string_view summary;
  std::unique_ptr<Mechanism> (*make)(const Scenario& scenario);
  std::vector<ParameterSchema> (*parameters)();  // tunable parameters with sourced defaults
};

// In monthly execution order.
std::span<const MechanismEntry> mechanism_registry();
std::vector<std::string> mechanism_names();
// What the scenario loader checks mechanism sections against.
std::vector<MechanismSchema> mechanism_schemas();

// The scenario's mechanisms, in registry order, skipping those the scenario disables.
std::vector<std::unique_ptr<Mechanism>> build_mechanisms(const Scenario& scenario);

}  // namespace linchpin
