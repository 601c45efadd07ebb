#pragma once
// Contested issues declared in a scenario, as the bargaining models' input.
#include <string>
#include <vector>

#include "linchpin/bargaining/bargaining_problem.hpp"
#include "linchpin/scenario/scenario.hpp"

namespace linchpin::bargaining {

// The issue as a one-dimensional problem: one actor per stakeholder (name = stakeholder id,
// description = its name, kind and state), the issue's scale, and each stakeholder's place in
// the scenario file as its location.
BargainingProblem bargaining_problem(const Scenario& scenario, const ContestedIssue& issue);

// The issue with this id; an unknown id throws InputError at the scenario file, with a
// suggestion for a near miss and the list of issue ids.
const ContestedIssue& find_contested_issue(const Scenario& scenario, const std::string& id);

}  // namespace linchpin::bargaining
