// Regression tier: each folder under tests/regression holds case.json (scenario, trials, seed)
// and expected.json (outcome counts and selected quantiles). A change in any number fails the
// test; after an intended change, regenerate with LINCHPIN_UPDATE_REGRESSION=1 and review the
// diff of expected.json in the commit.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/engine/ensemble_runner.hpp"
#include "test_support.hpp"

namespace linchpin {
namespace {

nlohmann::json summarize_case(const nlohmann::json& spec) {
  const Scenario scenario =
      load_scenario((test::source_dir() / spec["scenario"].get<std::string>()).string());
  const Simulation simulation(scenario);
  RunOptions options;
  options.trials = spec["trials"].get<std::uint64_t>();
  options.seed = spec["seed"].get<std::uint64_t>();
  options.threads = 2;
  const auto run = run_ensemble(simulation, options);
  nlohmann::json result;
  result["trials"] = run.trials_completed;
  result["events"] = run.summary.total_events;
  for (const auto& outcome : run.summary.outcomes)
    result["outcomes"][outcome.name] = outcome.occurred;
  const int horizon = scenario.horizon_months();
  std::vector<int> months = {0, std::min(12, horizon), std::min(60, horizon), horizon};
  months.erase(std::unique(months.begin(), months.end()), months.end());
  for (const auto& series : run.summary.metrics) {
    for (int month : months) {
      result["metrics"][series.info.spec.name][std::to_string(month)] = {
          series.mean[month], series.q05[month], series.q50[month], series.q95[month]};
    }
  }
  return result;
}

void compare(const nlohmann::json& expected, const nlohmann::json& actual,
             const std::string& path) {
  if (expected.is_number_float() || actual.is_number_float()) {
    const double a = expected.get<double>();
    const double b = actual.get<double>();
    EXPECT_NEAR(a, b, 1e-9 * std::max(1.0, std::fabs(a))) << path;
    return;
  }
  if (expected.is_object()) {
    ASSERT_TRUE(actual.is_object()) << path;
    for (const auto& [key, value] : expected.items()) {
      ASSERT_TRUE(actual.contains(key)) << path << "." << key << " is missing";
      compare(value, actual[key], path + "." + key);
    }
    for (const auto& [key, value] : actual.items())
      EXPECT_TRUE(expected.contains(key)) << path << "." << key << " is new";
    return;
  }
  if (expected.is_array()) {
    ASSERT_EQ(expected.size(), actual.size()) << path;
    for (std::size_t i = 0; i < expected.size(); ++i)
      compare(expected[i], actual[i], path + "[" + std::to_string(i) + "]");
    return;
  }
  EXPECT_EQ(expected, actual) << path;
}

TEST(Regression, EveryCaseMatchesItsExpectedResults) {
  const auto root = test::source_dir() / "tests/regression";
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    const auto case_file = entry.path() / "case.json";
    if (!std::filesystem::exists(case_file)) continue;
    ++cases;
    SCOPED_TRACE(entry.path().filename().string());
    const auto spec = nlohmann::json::parse(test::read_text(case_file));
    const auto actual = summarize_case(spec);
    const auto expected_file = entry.path() / "expected.json";
    if (test::update_requested("LINCHPIN_UPDATE_REGRESSION")) {
      test::write_text(expected_file, actual.dump(1) + "\n");
      continue;
    }
    ASSERT_TRUE(std::filesystem::exists(expected_file))
        << "no expected.json; generate it with LINCHPIN_UPDATE_REGRESSION=1";
    compare(nlohmann::json::parse(test::read_text(expected_file)), actual, "");
  }
  EXPECT_GE(cases, 3);
}

}  // namespace
}  // namespace linchpin
