#include "linchpin/bargaining/scenario_issue.hpp"

#include <gtest/gtest.h>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/bargaining/expected_utility.hpp"
#include "test_support.hpp"

namespace linchpin::bargaining {
namespace {

TEST(ScenarioIssue, KoreaIssuesBecomeProblems) {
  const Scenario scenario =
      load_scenario((test::source_dir() / "scenarios" / "korea-2026.yaml").string());
  std::vector<std::string> ids;
  for (const auto& issue : scenario.contested_issues()) ids.push_back(issue.id);
  for (const char* id :
       {"burden-sharing", "combined-exercises", "rok-nuclear-option", "trade-tech-alignment"})
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;

  const auto& issue = find_contested_issue(scenario, "burden-sharing");
  const auto problem = bargaining_problem(scenario, issue);
  EXPECT_EQ(problem.name, "burden-sharing");
  EXPECT_EQ(problem.dimensions.size(), 1u);
  EXPECT_EQ(problem.scale_min, issue.scale_min);
  EXPECT_EQ(problem.scale_max, issue.scale_max);
  ASSERT_EQ(problem.actors.size(), issue.stakeholders.size());
  for (std::size_t i = 0; i < problem.actors.size(); ++i) {
    EXPECT_EQ(problem.actors[i].name, issue.stakeholders[i].id);
    EXPECT_EQ(problem.actors[i].capability, issue.stakeholders[i].capability);
    EXPECT_EQ(problem.actors[i].positions[0], issue.stakeholders[i].position);
    EXPECT_EQ(problem.actors[i].saliences[0], issue.stakeholders[i].salience);
    EXPECT_GT(problem.actors[i].location.line, 0);
  }
  // Every declared issue is a valid expected-utility problem.
  for (const auto& each : scenario.contested_issues())
    EXPECT_NO_THROW(validate_expected_utility_problem(bargaining_problem(scenario, each)))
        << each.id;

  try {
    find_contested_issue(scenario, "burden-sharng");
    ADD_FAILURE() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(error.diagnostics().front().message.find("did you mean 'burden-sharing'"),
              std::string::npos)
        << error.diagnostics().front().message;
  }
}

}  // namespace
}  // namespace linchpin::bargaining
