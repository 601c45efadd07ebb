#include "linchpin/bargaining/scenario_issue.hpp"

#include <fmt/format.h>

#include "linchpin/core/text.hpp"

namespace linchpin::bargaining {

BargainingProblem bargaining_problem(const Scenario& scenario, const ContestedIssue& issue) {
  BargainingProblem problem;
  problem.name = issue.id;
  problem.description = issue.title;
  problem.dimensions = {issue.id};
  problem.scale_min = issue.scale_min;
  problem.scale_max = issue.scale_max;
  problem.location = issue.location;
  for (const auto& stakeholder : issue.stakeholders) {
    BargainingActor actor;
    actor.name = stakeholder.id;
    actor.description = fmt::format("{} ({}, {})", stakeholder.name,
                                    enum_name(kStakeholderKindNames, stakeholder.kind),
                                    scenario.actors().at(std::size_t(stakeholder.actor)).id);
    actor.capability = stakeholder.capability;
    actor.positions = {stakeholder.position};
    actor.saliences = {stakeholder.salience};
    actor.location = stakeholder.location;
    problem.actors.push_back(std::move(actor));
  }
  return problem;
}

const ContestedIssue& find_contested_issue(const Scenario& scenario, const std::string& id) {
  std::vector<std::string> ids;
  for (const auto& issue : scenario.contested_issues()) {
    if (issue.id == id) return issue;
    ids.push_back(issue.id);
  }
  const SourceLocation where{scenario.definition().file, 0, 0};
  if (ids.empty())
    throw_input_error(
        where, "contested_issues",
        fmt::format("unknown issue '{}': the scenario declares no contested issues", id));
  std::string hint = did_you_mean(id, ids);
  throw_input_error(
      where, "contested_issues",
      fmt::format("unknown issue '{}'{}; the scenario declares {}", id, hint, quoted_list(ids)));
}

}  // namespace linchpin::bargaining
