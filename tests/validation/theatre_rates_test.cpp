// Theatre hazards from the UCDP/PRIO Armed Conflict Dataset v21.1: the file reads clean, the
// China-Taiwan conflict has the war years the theatres page cites, and the scenarios carry the
// priors a refit gives (korea-2000: data to 1999; korea-2023 and korea-2026: data to 2020).
// Needs ../shared/data; skipped without it.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <set>

#include "linchpin/analytics/conflict_base_rates.hpp"
#include "linchpin/api/linchpin_api.hpp"
#include "test_support.hpp"

namespace linchpin::analytics {
namespace {

std::filesystem::path ucdp_file() {
  return std::filesystem::path(LINCHPIN_SHARED_DATA_DIR) / UcdpFiles::acd_v21_1;
}

class TheatreRatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(ucdp_file()))
      GTEST_SKIP() << "UCDP/PRIO data not found at " << ucdp_file().string();
  }
};

TEST_F(TheatreRatesTest, FileReadsCleanAndCoversTheYears) {
  const auto data = read_ucdp_acd(ucdp_file().string());
  EXPECT_TRUE(data.rows.rejected.empty());
  EXPECT_EQ(data.version, "21.1");
  EXPECT_EQ(data.rows.records.size(), 2506u);
  std::set<int> years, taiwan_war_years;
  for (const auto& row : data.rows.records) {
    years.insert(row.year);
    if (row.conflict_id == kChinaTaiwanConflict && row.intensity_level == 2)
      taiwan_war_years.insert(row.year);
  }
  EXPECT_EQ(*years.begin(), 1946);
  EXPECT_EQ(*years.rbegin(), 2020);
  EXPECT_EQ(taiwan_war_years, (std::set<int>{1949, 1954, 1958}));
}

TEST_F(TheatreRatesTest, ScenarioPriorsAreTheFit) {
  const auto data = read_ucdp_acd(ucdp_file().string());
  struct Case {
    const char* file;
    int last_year;
    const char* source;
  };
  for (const Case& c : {Case{"scenarios/korea-2000.yaml", 1999, "ucdp-theatre-fit-1999"},
                        Case{"scenarios/korea-2023.yaml", 2020, "ucdp-theatre-fit-2020"},
                        Case{"scenarios/korea-2026.yaml", 2020, "ucdp-theatre-fit-2020"}}) {
    const Scenario scenario = load_scenario((test::source_dir() / c.file).string());
    std::set<std::string> assumption_sources;
    bool fit_source_listed = false;
    for (const auto& source : scenario.definition().sources) {
      if (source.kind == SourceKind::assumption) assumption_sources.insert(source.id);
      fit_source_listed = fit_source_listed || source.id == c.source;
    }
    EXPECT_TRUE(fit_source_listed) << c.file;
    for (const auto& record : kTheatreRecords) {
      const Theatre* theatre = nullptr;
      for (const auto& t : scenario.theatres())
        if (t.id == record.theatre_id) theatre = &t;
      ASSERT_NE(theatre, nullptr) << c.file << " " << record.theatre_id;
      const auto fit = fit_theatre_record(data.rows.records, record, c.last_year);
      for (const auto& prior : theatre_priors(fit, record)) {
        SCOPED_TRACE(std::string(c.file) + " " + record.theatre_id + " " +
                     std::to_string(int(prior.from)) + "->" + std::to_string(int(prior.to)));
        const auto& quantity = theatre->transitions[int(prior.from)][int(prior.to)];
        ASSERT_TRUE(quantity.has_value());
        if (!prior.fitted) {
          EXPECT_TRUE(assumption_sources.count(quantity->source)) << quantity->source;
          continue;
        }
        EXPECT_EQ(quantity->source, c.source);
        ASSERT_EQ(quantity->kind, DistributionKind::beta);
        // The scenarios carry the command's four significant digits.
        EXPECT_NEAR(quantity->alpha / prior.fitted->beta_alpha, 1.0, 1e-3);
        EXPECT_NEAR(quantity->beta / prior.fitted->beta_beta, 1.0, 1e-3);
      }
    }
  }
}

}  // namespace
}  // namespace linchpin::analytics
