#pragma once
// Reader for KTAB's SMP scenario CSV format:
//   line 1: scenario name, description, number of actors, number of dimensions[, ignored...]
//   line 2: Actor, Description, Power, <dim 1 position>, <dim 1 salience>, ...
//   then one row per actor: name, description, capability, position, salience, ...
// Positions are on KTAB's [0, 100] scale (kept as the problem's scale); saliences are
// percentages in [0, 100] summing to at most 100 per actor (stored divided by 100).
// A trailing comma on any line is allowed. Errors are reported as file:line:col.
#include <filesystem>
#include <string>
#include <string_view>

#include "linchpin/bargaining/bargaining_problem.hpp"

namespace linchpin::bargaining {

// Parses KTAB CSV text; `file` names the source in error messages.
BargainingProblem parse_ktab_csv(std::string_view text, const std::string& file);

// Reads a KTAB CSV file; throws InputError (unreadable file, malformed content).
BargainingProblem read_ktab_csv(const std::filesystem::path& path);

}  // namespace linchpin::bargaining
