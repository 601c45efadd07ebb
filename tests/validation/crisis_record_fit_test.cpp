// The Korean MID record read from COW MID 5.0 matches a hand count of its rows, and the
// deterrence parameters in the scenarios are the fits `linchpin data fit-crisis-game` produces
// (korea-2000: fitted on 1953-2015, the backtest's calibration years; korea-2026: 1953-2025).
// Needs ../shared/data; skipped without it.
#include <gtest/gtest.h>

#include <filesystem>

#include "linchpin/analysis/crisis_record_fit.hpp"
#include "linchpin/analytics/data/mid_reader.hpp"
#include "linchpin/api/linchpin_api.hpp"
#include "test_support.hpp"

namespace linchpin::analysis {
namespace {

std::filesystem::path shared() {
  return std::filesystem::path(LINCHPIN_SHARED_DATA_DIR);
}

bool shared_data_present() {
  return std::filesystem::exists(shared() / analytics::MidFiles::cow) &&
         std::filesystem::exists(shared() / "NMC-60-abridged.csv");
}

TEST(CrisisRecordFit, CowKoreanMidsMatchAHandCountOfTheRows) {
  if (!shared_data_present()) GTEST_SKIP() << "shared data not found at " << shared();
  const auto cow =
      analytics::read_cow_mid_dyad_years((shared() / analytics::MidFiles::cow).string());
  const auto mids = analytics::korean_mids_from_cow(cow.rows.records, 1953, 2014);
  // Counted by hand from the 732-731 and 2-731 rows (docs/models/deterrence.md lists them).
  const auto c = analytics::count_korean_mids(mids, 1953, 2014);
  EXPECT_EQ(c.onsets, 33);
  EXPECT_EQ(c.display_of_force, 31);
  EXPECT_EQ(c.use_of_force, 23);
  EXPECT_EQ(c.fatal, 13);
  EXPECT_EQ(c.war, 0);
  EXPECT_EQ(mids.front().id, "2244");  // 1954, the first dispute after the armistice
  EXPECT_EQ(mids.back().id, "4706");   // 2014
}

void expect_scenario_holds_fit(const std::string& scenario_file, int last_year) {
  const auto fit = fit_crisis_record(shared().string(),
                                     (test::source_dir() / kProjectMidsFile).string(), last_year);
  const auto scenario = load_scenario((test::source_dir() / scenario_file).string());
  const auto* section = scenario.mechanism_section("deterrence");
  ASSERT_NE(section, nullptr);
  for (const auto& [name, expected] : fit.parameters) {
    const auto it = section->parameters.find(name);
    ASSERT_NE(it, section->parameters.end()) << scenario_file << " lacks " << name;
    const auto& q = it->second;
    SCOPED_TRACE(scenario_file + ": " + name +
                 " (rerun `linchpin data fit-crisis-game "
                 "--last-year " +
                 std::to_string(last_year) + "`)");
    ASSERT_EQ(q.kind, expected.kind);
    if (q.kind == DistributionKind::fixed) {
      EXPECT_NEAR(q.value, expected.value, 1e-9);
    }
    if (q.kind == DistributionKind::empirical) {
      EXPECT_EQ(q.draw_group, expected.draw_group);
      ASSERT_EQ(q.values.size(), expected.values.size());
      for (std::size_t i = 0; i < q.values.size(); ++i)
        EXPECT_NEAR(q.values[i], expected.values[i], 1e-9) << "row " << i;
    }
    EXPECT_NEAR(q.mean, expected.mean, 1e-9);
    EXPECT_NEAR(q.sd, expected.sd, 1e-9);
    EXPECT_NEAR(q.alpha, expected.alpha, 1e-9);
    EXPECT_NEAR(q.beta, expected.beta, 1e-9);
    EXPECT_EQ(q.has_low, expected.has_low);
    EXPECT_EQ(q.has_high, expected.has_high);
    if (q.has_low) {
      EXPECT_NEAR(q.low, expected.low, 1e-9);
    }
    if (q.has_high) {
      EXPECT_NEAR(q.high, expected.high, 1e-9);
    }
  }
}

TEST(CrisisRecordFit, Korea2000HoldsTheFitOnTheYearsToTheBacktestCutoff) {
  if (!shared_data_present()) GTEST_SKIP() << "shared data not found at " << shared();
  expect_scenario_holds_fit("scenarios/korea-2000.yaml", 2015);
}

TEST(CrisisRecordFit, Korea2026HoldsTheFitOnAllYears) {
  if (!shared_data_present()) GTEST_SKIP() << "shared data not found at " << shared();
  expect_scenario_holds_fit("scenarios/korea-2026.yaml", 2025);
}

}  // namespace
}  // namespace linchpin::analysis
