#include "linchpin/analysis/base_rates.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/engine/simulation.hpp"
#include "test_support.hpp"

namespace linchpin::analysis {
namespace {

std::vector<analytics::KoreanMid> sample_mids() {
  return {{"a", 1960, 4, 1}, {"b", 1970, 3, 0}, {"c", 2030, 4, 0}};
}

TEST(BaseRates, HistoricalCountsUseTheWindowAndTheEpisodeKinds) {
  const auto path = std::filesystem::temp_directory_path() / "base_rates_episodes.csv";
  test::write_text(path,
                   "start,end,kind,actors\n"
                   "1953-12,,troop_withdrawal_announced,USA\n"
                   "1950-01,,troop_withdrawal_announced,USA\n"
                   "2018-06,,exercise_suspended,USA\n"
                   "2018-06,,withdrawal_threat,USA\n");
  const auto rows = default_base_rate_rows(sample_mids(), path.string(), 1953, 2025);
  std::map<std::string, int> count;
  for (const auto& row : rows) count[row.outcome] = row.historical_count;
  EXPECT_EQ(count.at("deterrence.us-rok.mid"), 2);
  EXPECT_EQ(count.at("deterrence.us-rok.mid_display_of_force"), 2);
  EXPECT_EQ(count.at("deterrence.us-rok.mid_use_of_force"), 1);
  EXPECT_EQ(count.at("deterrence.us-rok.fatal_mid"), 1);
  EXPECT_EQ(count.at("deterrence.us-rok.war"), 0);
  EXPECT_EQ(count.at("force_posture.us-rok.withdrawal_decision"), 1);
  EXPECT_EQ(count.at("exercises.us-rok.suspension"), 1);
  std::filesystem::remove(path);
}

TEST(BaseRates, RowsNameRealOutcomesAndResultsDoNotDependOnThreads) {
  const auto scenario =
      load_scenario((test::source_dir() / "scenarios" / "korea-2026.yaml").string());
  const auto rows = default_base_rate_rows(
      sample_mids(), (test::source_dir() / "data/episodes/us_rok_alliance_episodes.csv").string(),
      1953, 2025);
  const auto one = run_base_rates(scenario, rows, 40, 11, 1);
  const auto two = run_base_rates(scenario, rows, 40, 11, 2);
  const Simulation simulation(scenario);
  std::set<std::string> outcomes;
  for (const auto& o : simulation.outcomes()) outcomes.insert(o.spec.name);
  ASSERT_EQ(one.rows.size(), two.rows.size());
  for (std::size_t r = 0; r < one.rows.size(); ++r) {
    EXPECT_TRUE(outcomes.count(one.rows[r].outcome)) << one.rows[r].outcome;
    EXPECT_EQ(one.rows[r].simulated_per_decade, two.rows[r].simulated_per_decade);
    EXPECT_EQ(one.rows[r].simulated_high, two.rows[r].simulated_high);
  }
  EXPECT_EQ(one.left_out.size() + one.rows.size(), outcomes.size());
  // MID onsets are at least their use-of-force subset, on average and in every trial's count.
  EXPECT_GE(one.rows[0].simulated_per_decade, one.rows[2].simulated_per_decade);
  EXPECT_GT(one.rows[0].simulated_per_decade, 0.0);
  const auto markdown = base_rates_markdown(one, "linchpin base-rates");
  EXPECT_NE(markdown.find("| `deterrence.us-rok.fatal_mid` |"), std::string::npos);
}

}  // namespace
}  // namespace linchpin::analysis
