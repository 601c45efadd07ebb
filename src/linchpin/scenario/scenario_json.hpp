#pragma once
// The fully resolved scenario as JSON: every value after defaults, with its source; stored
// with each run so a result can always be traced to exactly what was simulated.
#include <nlohmann/json.hpp>

#include "linchpin/scenario/scenario.hpp"

namespace linchpin {

nlohmann::json quantity_to_json(const Quantity& quantity);
nlohmann::json scenario_to_json(const Scenario& scenario);

}  // namespace linchpin
