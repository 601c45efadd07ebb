#include "linchpin/mechanisms/pendulum.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <vector>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/engine/simulation.hpp"

namespace linchpin {
namespace {

std::vector<StanceDimension> unit_dimensions(int n) {
  std::vector<StanceDimension> dimensions;
  for (int i = 0; i < n; ++i)
    dimensions.push_back(StanceDimension{fmt::format("d{}", i), "", 0.0, 1.0});
  return dimensions;
}

TEST(StanceDiscordance, MoonTrumpFromTheCoding) {
  // data/leaders: Trump 1st term (0.3, 0.9, 0.6, 0.2, 0.4), Moon (0.5, 0.6, 0.9, 0.7, 0.2).
  const std::vector<double> trump = {0.3, 0.9, 0.6, 0.2, 0.4};
  const std::vector<double> moon = {0.5, 0.6, 0.9, 0.7, 0.2};
  EXPECT_NEAR(stance_discordance(trump, moon, unit_dimensions(5)), 0.30, 1e-12);
  EXPECT_EQ(stance_discordance(moon, moon, unit_dimensions(5)), 0.0);
  EXPECT_NEAR(stance_discordance(moon, trump, unit_dimensions(5)), 0.30, 1e-12);  // symmetric
}

TEST(StanceDiscordance, NormalisesByEachScale) {
  std::vector<StanceDimension> dimensions = {{"a", "", 0.0, 10.0}, {"b", "", -1.0, 1.0}};
  const std::vector<double> x = {0.0, -1.0};
  const std::vector<double> y = {10.0, 1.0};
  EXPECT_NEAR(stance_discordance(x, y, dimensions), 1.0, 1e-12);
}

TEST(PendulumMechanism, TracksAlliesWithExecutivesAndFlagsDiscordantPairs) {
  const std::string party = R"(
        - id: P
          name: P
          stances: {s: {value: %VALUE%, source: s}}
)";
  auto system = [&](const std::string& actor, const std::string& value) {
    std::string p = party;
    p.replace(p.find("%VALUE%"), 7, value);
    return "    - actor: " + actor + "\n      parties:" + p +
           "      offices:\n"
           "        - id: leader\n"
           "          kind: executive\n"
           "          incumbent: {party: P, since: 2020-01}\n"
           "          term_limit: 1\n"
           "          elections: [{date: 2030-01, kind: general, source: s}]\n"
           "          incumbent_party_win_probability: {value: 1, source: s}\n";
  };
  const std::string text = std::string(
                               "linchpin: 1\n"
                               "scenario: {name: x, start: 2026-12, horizon_months: 6}\n"
                               "sources: [{id: s, kind: assumption, citation: test}]\n"
                               "actors:\n"
                               "  - {id: A, name: A, kind: state}\n"
                               "  - {id: B, name: B, kind: state}\n"
                               "  - {id: C, name: C, kind: state}\n"
                               "alliances:\n"
                               "  - {id: ab, name: AB, kind: defense_pact, members: [A, B], "
                               "treaty: t, signed: 2000-01, source: s}\n"
                               "  - {id: ac, name: AC, kind: defense_pact, members: [A, C], "
                               "treaty: t, signed: 2000-01, source: s}\n"
                               "politics:\n"
                               "  stance_dimensions: [{id: s, description: s, low: 0, high: 1}]\n"
                               "  actors:\n") +
                           system("A", "0.2") + system("B", "0.7");
  const Scenario scenario = load_scenario_text(text, "inline.yaml", default_load_options());
  const Simulation simulation(scenario);
  // Only A-B is tracked: C has no executive office.
  std::size_t metric = simulation.metrics().size();
  for (std::size_t i = 0; i < simulation.metrics().size(); ++i)
    if (simulation.metrics()[i].spec.name == "pendulum.ab.discordance") metric = i;
  ASSERT_LT(metric, simulation.metrics().size());
  for (const auto& info : simulation.metrics())
    EXPECT_NE(info.spec.name, "pendulum.ac.discordance");
  class Last final : public MonthObserver {
   public:
    void observe(int, const std::vector<double>& values) override { last = values; }
    std::vector<double> last;
  } observer;
  const auto outcome = simulation.run_trial(1, 0, false, observer);
  EXPECT_NEAR(observer.last[metric], 0.5, 1e-12);
  std::size_t flagged = simulation.outcomes().size();
  for (std::size_t i = 0; i < simulation.outcomes().size(); ++i)
    if (simulation.outcomes()[i].spec.name == "pendulum.ab.discordant_pair") flagged = i;
  ASSERT_LT(flagged, simulation.outcomes().size());
  EXPECT_EQ(outcome.outcome_months[flagged], 0);  // 0.5 >= 0.30 from the start month
}

}  // namespace
}  // namespace linchpin
