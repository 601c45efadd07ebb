// Monotonicity claims of the alliance mechanisms' docs, checked trial by trial with common
// random numbers: the same seed and trial numbers under two scenario variants, every month
// compared. A claim holds only if it holds on every path, not just on average.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/engine/simulation.hpp"
#include "linchpin/scenario/scenario_loader.hpp"
#include "test_support.hpp"

namespace linchpin {
namespace {

constexpr int kTrials = 200;
constexpr std::uint64_t kSeed = 424242;

// Per trial, per month, the values of the named metrics.
class Recorder final : public MonthObserver {
 public:
  Recorder(const Simulation& simulation, const std::vector<std::string>& names) {
    for (const auto& name : names) {
      for (std::size_t m = 0; m < simulation.metrics().size(); ++m)
        if (simulation.metrics()[m].spec.name == name) columns_.push_back(m);
    }
    EXPECT_EQ(columns_.size(), names.size()) << "a metric is missing";
  }
  void observe(int, const std::vector<double>& values) override {
    for (std::size_t c = 0; c < columns_.size(); ++c) series[c].push_back(values[columns_[c]]);
  }
  std::map<std::size_t, std::vector<double>> series;

 private:
  std::vector<std::size_t> columns_;
};

std::vector<std::vector<double>> run(const std::string& text, const std::string& metric) {
  const auto scenario = load_scenario_text(text, "variant.yaml", default_load_options());
  const Simulation simulation(scenario);
  std::vector<std::vector<double>> result;
  for (int trial = 0; trial < kTrials; ++trial) {
    Recorder recorder(simulation, {metric});
    simulation.run_trial(kSeed, std::uint64_t(trial), false, recorder);
    result.push_back(recorder.series[0]);
  }
  return result;
}

std::string korea_2026() {
  return test::read_text(test::source_dir() / "scenarios" / "korea-2026.yaml");
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Counts (trial, month) pairs where `lower` exceeds `upper`, and checks the variants differ
// somewhere (otherwise the property would hold vacuously).
void expect_dominated(const std::vector<std::vector<double>>& lower,
                      const std::vector<std::vector<double>>& upper) {
  int violations = 0;
  int differing = 0;
  for (std::size_t t = 0; t < lower.size(); ++t) {
    for (std::size_t m = 0; m < lower[t].size(); ++m) {
      if (lower[t][m] > upper[t][m] + 1e-12) ++violations;
      if (lower[t][m] != upper[t][m]) ++differing;
    }
  }
  EXPECT_EQ(violations, 0);
  EXPECT_GT(differing, 0) << "the variants never differ: the comparison is vacuous";
}

TEST(AllianceProperties, RaisingTheBurdenSharingDemandNeverRaisesCohesion) {
  const auto base = korea_2026();
  const auto raised =
      replace_once(base, "  burden_sharing: {enabled: true}\n",
                   "  burden_sharing: {parameters: {demand_shift: {value: 0.3, source: "
                   "episodes-record}}}\n");
  expect_dominated(run(raised, "cohesion.us-rok.cohesion"), run(base, "cohesion.us-rok.cohesion"));
}

TEST(AllianceProperties, RaisingTheBurdenSharingDemandNeverLowersFriction) {
  const auto base = korea_2026();
  const auto raised =
      replace_once(base, "  burden_sharing: {enabled: true}\n",
                   "  burden_sharing: {parameters: {demand_shift: {value: 0.3, source: "
                   "episodes-record}}}\n");
  expect_dominated(run(base, "cohesion.us-rok.friction"), run(raised, "cohesion.us-rok.friction"));
}

std::string without_trilateral(const std::string& base) {
  const auto begin = base.find("  - id: us-rok-japan\n");
  const auto end = base.find("  - id: prc-dprk\n");
  EXPECT_NE(begin, std::string::npos);
  EXPECT_NE(end, std::string::npos);
  std::string text = base;
  text.erase(begin, end - begin);
  return text;
}

TEST(AllianceProperties, RemovingTheTrilateralPartnershipNeverLowersAbandonmentFear) {
  const auto base = korea_2026();
  expect_dominated(run(base, "cohesion.us-rok.abandonment_fear"),
                   run(without_trilateral(base), "cohesion.us-rok.abandonment_fear"));
}

TEST(AllianceProperties, MoreDistractionNeverLowersAbandonmentFear) {
  const auto base = korea_2026();
  const auto distracted = replace_once(
      base, "  us_attention: {enabled: true}\n",
      "  us_attention: {parameters: {attention_scale: {value: 1.5, source: episodes-record}}}\n");
  expect_dominated(run(base, "cohesion.us-rok.abandonment_fear"),
                   run(distracted, "cohesion.us-rok.abandonment_fear"));
}

TEST(AllianceProperties, ABindingTroopFloorNeverLowersTroops) {
  // The 2026 scenario cites the FY2026 NDAA floor; without it withdrawals are likelier.
  const auto base = korea_2026();
  const auto no_floor = replace_once(
      base, "      statutory_floor: {value: 28500, source: ndaa-fy2026, unit: \"personnel\"}\n",
      "");
  expect_dominated(run(no_floor, "force_posture.us-rok.troops"),
                   run(base, "force_posture.us-rok.troops"));
}

}  // namespace
}  // namespace linchpin
