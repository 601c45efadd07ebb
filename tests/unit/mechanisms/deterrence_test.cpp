// The deterrence mechanism in a whole simulation: war is absorbing from its side.
#include "linchpin/mechanisms/deterrence.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/engine/simulation.hpp"
#include "linchpin/scenario/scenario_loader.hpp"
#include "test_support.hpp"

namespace linchpin {
namespace {

// Replaces the deterrence parameter line `key: ...` (which must exist) with `key: value`.
std::string set_parameter(std::string text, const std::string& key, const std::string& value) {
  const std::regex line("\n      " + key + ": [^\n]*");
  EXPECT_TRUE(std::regex_search(text, line)) << key;
  return std::regex_replace(text, line, "\n      " + key + ": " + value,
                            std::regex_constants::format_first_only);
}

class TensionRecorder final : public MonthObserver {
 public:
  explicit TensionRecorder(const Simulation& simulation) {
    for (std::size_t m = 0; m < simulation.metrics().size(); ++m)
      if (simulation.metrics()[m].spec.name == "deterrence.us-rok.tension") column_ = m;
  }
  void observe(int, const std::vector<double>& values) override {
    tension.push_back(values[column_]);
  }
  std::vector<double> tension;

 private:
  std::size_t column_ = 0;
};

TEST(Deterrence, NoCrisisOrTensionChangeFollowsAWarMonth) {
  // Frequent crises that escalate whenever force is used on both sides: wars happen early.
  std::string text = test::read_text(test::source_dir() / "scenarios" / "korea-2026.yaml");
  text = set_parameter(text, "escalation_probability", "{value: 1, source: assumption-deterrence}");
  text = set_parameter(text, "crisis_intercept", "{value: -1, source: assumption-deterrence}");
  const auto scenario = load_scenario_text(text, "war.yaml", default_load_options());
  const Simulation simulation(scenario);
  int wars = 0;
  for (std::uint64_t trial = 0; trial < 60; ++trial) {
    TensionRecorder recorder(simulation);
    const auto outcome = simulation.run_trial(7, trial, true, recorder);
    int war_month = -1;
    for (const auto& traced : outcome.events)
      if (traced.event.kind == "deterrence.war") {
        EXPECT_EQ(war_month, -1) << "a second war in trial " << trial;
        war_month = traced.event.month_index;
      }
    if (war_month < 0) continue;
    ++wars;
    for (const auto& traced : outcome.events) {
      if (traced.event.kind.rfind("deterrence.", 0) != 0) continue;
      EXPECT_LE(traced.event.month_index, war_month)
          << traced.event.kind << " after the war in trial " << trial;
    }
    // Tension is frozen from the war month on (metric index = month index).
    for (std::size_t m = std::size_t(war_month) + 1; m < recorder.tension.size(); ++m)
      EXPECT_EQ(recorder.tension[m], recorder.tension[std::size_t(war_month)]) << trial;
  }
  EXPECT_GT(wars, 10) << "the variant should produce wars; the test checks nothing otherwise";
}

}  // namespace
}  // namespace linchpin
