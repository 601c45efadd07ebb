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
                   "start,end,kind,actors,description\n"
                   "1953-12,,troop_withdrawal_announced,USA,x\n"
                   "1950-01,,troop_withdrawal_announced,USA,x\n"
                   "2018-06,,exercise_suspended,USA,x\n"
                   "1985-06,,exercise_suspended,USA,x\n"
                   "2018-06,,withdrawal_threat,USA,x\n"
                   "2019-07,,trilateral,KOR,Rupture: export controls\n"
                   "2023-03,,trilateral,KOR,Restoration: summit\n"
                   "1991-01,,prc_economic_coercion,CHN,before normalisation\n"
                   "2000-06,,prc_economic_coercion,CHN,garlic\n"
                   "2017-03,,thaad,CHN,PRC economic coercion: tourism ban\n"
                   "2016-07,,thaad,USA,Deployment decision\n");
  const auto rows = default_base_rate_rows(sample_mids(), path.string(), 1953, 2025);
  // Outcome -> count of its first row (the suspension row over 1953-2025; a second row repeats
  // it over the fit window 1988-2025).
  std::map<std::string, int> count;
  for (const auto& row : rows) count.emplace(row.outcome, row.historical_count);
  EXPECT_EQ(count.at("deterrence.us-rok.mid"), 2);
  EXPECT_EQ(count.at("deterrence.us-rok.mid_display_of_force"), 2);
  EXPECT_EQ(count.at("deterrence.us-rok.mid_use_of_force"), 1);
  EXPECT_EQ(count.at("deterrence.us-rok.fatal_mid"), 1);
  EXPECT_EQ(count.at("deterrence.us-rok.war"), 0);
  EXPECT_EQ(count.at("force_posture.us-rok.withdrawal_decision"), 1);
  EXPECT_EQ(count.at("exercises.us-rok.suspension"), 2);
  int fit_window_suspensions = -1;
  for (const auto& row : rows)
    if (row.outcome == "exercises.us-rok.suspension" && row.first_year == 1988)
      fit_window_suspensions = row.historical_count;
  EXPECT_EQ(fit_window_suspensions, 1);  // the 1985 row is before the fit window
  EXPECT_EQ(count.at("force_posture.us-rok.withdrawal_threat"), 1);
  EXPECT_EQ(count.at("trilateral.us-rok-japan.lapse"), 1);  // 'Rupture:' rows only
  EXPECT_EQ(count.at("trade_coercion.ROK.coercion"), 2);    // from 1992, with the THAAD row
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
  std::set<std::string> covered;
  for (const auto& row : one.rows) covered.insert(row.outcome);
  EXPECT_EQ(one.left_out.size() + covered.size(), outcomes.size());
  // MID onsets are at least their use-of-force subset, on average and in every trial's count.
  EXPECT_GE(one.rows[0].simulated_per_decade, one.rows[2].simulated_per_decade);
  EXPECT_GT(one.rows[0].simulated_per_decade, 0.0);
  const auto markdown = base_rates_markdown(one, "linchpin base-rates");
  EXPECT_NE(markdown.find("| `deterrence.us-rok.fatal_mid` |"), std::string::npos);
}

}  // namespace
}  // namespace linchpin::analysis
