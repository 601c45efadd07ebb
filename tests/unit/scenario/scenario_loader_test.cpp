#include "linchpin/scenario/scenario_loader.hpp"

#include <gtest/gtest.h>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/scenario/scenario_json.hpp"
#include "test_support.hpp"

namespace linchpin {
namespace {

const std::string kMinimal = "tests/scenarios/minimal.yaml";

Scenario load_minimal() {
  return load_scenario((test::source_dir() / kMinimal).string());
}

std::vector<Diagnostic> errors_of(const std::string& text) {
  try {
    load_scenario_text(text, "inline.yaml", default_load_options());
  } catch (const InputError& error) {
    return error.diagnostics();
  }
  return {};
}

TEST(ScenarioLoader, ReadsTheMinimalScenario) {
  const Scenario scenario = load_minimal();
  EXPECT_EQ(scenario.info().name, "minimal");
  EXPECT_EQ(scenario.start_month().to_string(), "2026-12");
  EXPECT_EQ(scenario.horizon_months(), 36);
  ASSERT_EQ(scenario.actors().size(), 2u);
  EXPECT_EQ(scenario.actors()[1].cow_code, 902);
  const auto& office = scenario.politics().systems.at(0).offices.at(0);
  EXPECT_EQ(office.id, "president");
  EXPECT_EQ(office.term_limit, 2);
  EXPECT_EQ(office.recurrence_months, 48);
  EXPECT_EQ(office.incumbent_party_win_probability.kind, DistributionKind::beta);
  EXPECT_EQ(office.incumbent_party_win_probability.alpha, 9.0);
  ASSERT_EQ(office.elections.size(), 1u);
  EXPECT_EQ(office.elections[0].first.to_string(), "2028-11-07");
  ASSERT_EQ(scenario.theatres().size(), 1u);
  EXPECT_TRUE(scenario.theatres()[0].transitions[1][0].has_value());
  EXPECT_FALSE(scenario.theatres()[0].transitions[0][2].has_value());
  EXPECT_EQ(scenario.run_settings().trials, 500u);
  EXPECT_EQ(scenario.definition().sha256.size(), 64u);
}

TEST(ScenarioLoader, ResolvedJsonKeepsSources) {
  const auto json = scenario_to_json(load_minimal());
  EXPECT_EQ(json["scenario"]["name"], "minimal");
  EXPECT_EQ(json["event_processes"][0]["rate_per_month"]["distribution"], "triangular");
  EXPECT_EQ(json["event_processes"][0]["rate_per_month"]["source"], "test-fixture");
}

TEST(ScenarioLoader, ReportsEveryErrorInOnePass) {
  std::string text = test::read_text(test::source_dir() / kMinimal);
  const auto replace_once = [&](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  replace_once("horizon_months: 36", "horizon_month: 36");
  replace_once("actor: BBB", "actor: BBX");
  replace_once("{value: 0.8, source: test-fixture}", "{value: 1.8, source: test-fixture}");
  const auto errors = errors_of(text);
  ASSERT_EQ(errors.size(), 3u);  // misspelt key (no cascade), bad probability, bad actor
  std::string all;
  for (const auto& e : errors) all += e.format() + "\n";
  EXPECT_NE(all.find("unknown key 'horizon_month', did you mean 'horizon_months'?"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("unknown actor 'BBX', did you mean 'BBB'?"), std::string::npos) << all;
  EXPECT_NE(all.find("1.8 is out of range"), std::string::npos) << all;
  for (const auto& e : errors) {
    EXPECT_EQ(e.location.file, "inline.yaml");
    EXPECT_GT(e.location.line, 0);
  }
}

TEST(ScenarioLoader, PointsAtTheOffendingLineAndColumn) {
  const std::string text =
      "linchpin: 1\n"
      "scenario: {name: x, start: 2026-12, horizon_months: 12}\n"
      "sources:\n"
      "  - {id: s, kind: dataset, citation: c}\n"
      "actors:\n"
      "  - id: A\n"
      "    name: A\n"
      "    kind: sate\n";
  const auto errors = errors_of(text);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].location.line, 8);
  EXPECT_EQ(errors[0].location.column, 11);
  EXPECT_EQ(errors[0].key_path, "actors[0].kind");
  EXPECT_NE(errors[0].message.find("did you mean 'state'?"), std::string::npos);
}

TEST(ScenarioLoader, DistributionsAreCheckedAgainstTheirRange) {
  const std::string head =
      "linchpin: 1\n"
      "scenario: {name: x, start: 2026-12, horizon_months: 12}\n"
      "sources:\n"
      "  - {id: s, kind: dataset, citation: c}\n"
      "actors:\n"
      "  - {id: A, name: A, kind: state}\n"
      "event_processes:\n"
      "  - id: e\n"
      "    name: e\n"
      "    actor: A\n";
  EXPECT_TRUE(
      errors_of(head +
                "    rate_per_month: {distribution: uniform, low: 0.5, high: 2, source: s}\n")
          .empty());
  EXPECT_EQ(
      errors_of(head + "    rate_per_month: {distribution: uniform, low: -1, high: 2, source: s}\n")
          .size(),
      1u);
  EXPECT_EQ(
      errors_of(head + "    rate_per_month: {distribution: normal, mean: 1, sd: 1, source: s}\n")
          .size(),
      1u);
  EXPECT_TRUE(errors_of(head + "    rate_per_month: {distribution: normal, mean: 1, sd: 1, low: 0, "
                               "high: 5, source: s}\n")
                  .empty());
  EXPECT_EQ(errors_of(head + "    rate_per_month: {value: 1}\n").size(), 1u);  // no source
  EXPECT_EQ(
      errors_of(head +
                "    rate_per_month: {distribution: beta, alpha: 1, beta: 1, mean: 3, source: s}\n")
          .size(),
      1u);
}

}  // namespace
}  // namespace linchpin

namespace linchpin {
namespace {

const std::string kSmall =
    "linchpin: 1\n"
    "scenario: {name: x, start: 2026-12, horizon_months: 12}\n"
    "sources:\n"
    "  - {id: s, kind: dataset, citation: c}\n"
    "actors:\n"
    "  - id: A\n"
    "    name: A\n"
    "    kind: state\n"
    "    capabilities: {year: 2022, source: s, milex: missing, milper: 1, irst: 2, pec: 3, tpop: "
    "10, upop: 5}\n";

TEST(ScenarioLoader, MissingCapabilityComponentIsKeptMissing) {
  const Scenario scenario = load_scenario_text(kSmall, "inline.yaml", default_load_options());
  const auto& capabilities = *scenario.actors()[0].capabilities;
  EXPECT_FALSE(capabilities.milex.has_value());
  EXPECT_EQ(*capabilities.milper, 1.0);
  EXPECT_EQ(scenario_to_json(scenario)["actors"][0]["capabilities"]["milex"], "missing");
}

TEST(ScenarioLoader, MechanismParametersDefaultOverrideAndUnknown) {
  const Scenario defaults = load_scenario_text(kSmall, "inline.yaml", default_load_options());
  const auto* section = defaults.mechanism_section("event_processes");
  ASSERT_NE(section, nullptr);
  EXPECT_EQ(section->parameters.at("rolling_window_months").value, 12.0);
  EXPECT_EQ(section->parameters.at("rolling_window_months").source, "linchpin-default");

  const Scenario overridden =
      load_scenario_text(kSmall +
                             "mechanisms:\n  event_processes: {parameters: {rolling_window_months: "
                             "{value: 6, source: s}}}\n",
                         "inline.yaml", default_load_options());
  EXPECT_EQ(
      overridden.mechanism_section("event_processes")->parameters.at("rolling_window_months").value,
      6.0);

  try {
    load_scenario_text(kSmall +
                           "mechanisms:\n  event_processes: {parameters: {rolling_window_month: "
                           "{value: 6, source: s}}}\n",
                       "inline.yaml", default_load_options());
    FAIL();
  } catch (const InputError& error) {
    ASSERT_EQ(error.diagnostics().size(), 1u);
    EXPECT_NE(error.diagnostics()[0].message.find("did you mean 'rolling_window_months'?"),
              std::string::npos)
        << error.diagnostics()[0].format();
  }
  EXPECT_THROW(load_scenario_text(kSmall + "mechanisms:\n  event_processes: {parameters: "
                                           "{rolling_window_months: {value: 0.5, source: s}}}\n",
                                  "inline.yaml", default_load_options()),
               InputError);
}

}  // namespace
}  // namespace linchpin

namespace linchpin {
namespace {

std::string with_office(const std::string& kind) {
  return "linchpin: 1\n"
         "scenario: {name: x, start: 2026-12, horizon_months: 12}\n"
         "sources: [{id: s, kind: assumption, citation: c}]\n"
         "actors: [{id: A, name: A, kind: state}]\n"
         "politics:\n"
         "  stance_dimensions: [{id: d, description: d, low: 0, high: 1}]\n"
         "  actors:\n"
         "    - actor: A\n"
         "      parties: [{id: P, name: P, stances: {d: {value: 0.5, source: s}}}]\n"
         "      offices:\n"
         "        - id: o\n"
         "          kind: " +
         kind +
         "\n"
         "          incumbent: {party: P, since: 2020-01, stances: {d: {value: 0.9, source: s}}}\n"
         "          term_limit: 1\n"
         "          elections: [{date: 2030-01, kind: general, source: s}]\n"
         "          incumbent_party_win_probability: {value: 0.5, source: s}\n";
}

TEST(ScenarioLoader, IncumbentStancesOnlyForExecutives) {
  const Scenario scenario =
      load_scenario_text(with_office("executive"), "inline.yaml", default_load_options());
  const auto& office = scenario.politics().systems[0].offices[0];
  ASSERT_EQ(office.incumbent_stances.size(), 1u);
  ASSERT_TRUE(office.incumbent_stances[0].has_value());
  EXPECT_EQ(office.incumbent_stances[0]->value, 0.9);
  EXPECT_THROW(
      load_scenario_text(with_office("legislature"), "inline.yaml", default_load_options()),
      InputError);
}

}  // namespace
}  // namespace linchpin

namespace linchpin {
namespace {

Scenario korea_with(const std::vector<std::string>& sets) {
  ScenarioLoadOptions options = default_load_options();
  for (const auto& text : sets) options.overrides.push_back(parse_override(text));
  return load_scenario_file((test::source_dir() / "scenarios/korea-2026.yaml").string(), options);
}

std::vector<Diagnostic> override_errors(const std::vector<std::string>& sets) {
  try {
    korea_with(sets);
  } catch (const InputError& error) {
    return error.diagnostics();
  }
  ADD_FAILURE() << "expected an InputError";
  return {};
}

TEST(ScenarioOverrides, NumberOnAParameterBecomesASourcedQuantity) {
  const Scenario scenario = korea_with({"mechanisms.force_posture.parameters.statutory_floor=0"});
  const auto& floor =
      scenario.mechanism_section("force_posture")->parameters.at("statutory_floor");
  EXPECT_EQ(floor.value, 0.0);
  EXPECT_EQ(floor.source, "linchpin-override");
  // The stored text records the override, so the run's provenance shows it.
  EXPECT_NE(scenario.definition().text.find("statutory_floor=0"), std::string::npos);
}

TEST(ScenarioOverrides, DistributionsAndListItemsById) {
  const Scenario scenario =
      korea_with({"mechanisms.cohesion.parameters.rupture_cohesion={distribution: uniform, low: "
                  "0.3, high: 0.45}",
                  "theatres[taiwan-strait].initial=crisis"});
  const auto& rupture = scenario.mechanism_section("cohesion")->parameters.at("rupture_cohesion");
  EXPECT_EQ(rupture.kind, DistributionKind::uniform);
  EXPECT_EQ(rupture.high, 0.45);
  for (const auto& theatre : scenario.theatres())
    if (theatre.id == "taiwan-strait") {
      EXPECT_EQ(theatre.initial, TheatreCondition::crisis);
    }
}

TEST(ScenarioOverrides, BadPathsAndValuesNameTheSetArgument) {
  // A path that leads nowhere is reported before validation.
  const auto path_errors = override_errors({"theatres[taiwan].initial=crisis"});
  ASSERT_EQ(path_errors.size(), 1u);
  EXPECT_EQ(path_errors[0].location.file, "--set theatres[taiwan].initial=crisis");
  EXPECT_NE(path_errors[0].message.find("no item 'taiwan'"), std::string::npos);
  // A value that fails validation is reported against the --set argument, not the file.
  const std::string rupture =
      "mechanisms.cohesion.parameters.rupture_cohesion={distribution: uniform, low: 0.3, high: "
      "1.45}";
  const auto value_errors = override_errors({rupture});
  ASSERT_EQ(value_errors.size(), 1u);
  EXPECT_EQ(value_errors[0].location.file, "--set " + rupture);
  EXPECT_THROW(parse_override("no-equals-sign"), InputError);
}

}  // namespace
}  // namespace linchpin
