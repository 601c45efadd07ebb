// The alliance mechanisms' hazard defaults are fits on the repository's episode record
// (data/episodes, data/leaders; docs/models/calibration.md). This test refits them from the data
// and checks each built-in default, so a change to the record or the fit cannot silently leave
// the mechanisms on stale numbers.
#include "linchpin/analytics/alliance_calibration.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

#include "linchpin/mechanisms/exercises.hpp"
#include "linchpin/mechanisms/force_posture.hpp"
#include "linchpin/mechanisms/trade_coercion.hpp"
#include "linchpin/mechanisms/trilateral.hpp"
#include "test_support.hpp"

namespace linchpin::analytics {
namespace {

double default_of(const std::vector<ParameterSchema>& schema, const std::string& name) {
  for (const auto& parameter : schema)
    if (parameter.name == name) return parameter.default_value;
  ADD_FAILURE() << "no parameter " << name;
  return 0.0;
}

TEST(AllianceCalibration, DefaultsAreTheFitsOnTheEpisodeRecord) {
  const auto record = read_episode_record(test::source_dir() / "data");
  std::map<std::string, PoissonRateFit> fits;
  for (const auto& c : calibrate_alliance_hazards(record)) {
    fmt::print("{}: {} events / {} months; b0 {:.4f} (se {:.4f}), b1 {:.4f} (se {:.4f})\n", c.name,
               c.fit.events, c.fit.exposure_months, c.fit.coefficients[0], c.fit.standard_errors[0],
               c.fit.coefficients[1], c.fit.standard_errors[1]);
    fits[c.name] = c.fit;
  }
  struct Check {
    std::string fit;
    std::vector<ParameterSchema> schema;
    std::string intercept;
    std::string slope;
    double events;
  };
  std::map<std::string, double> centres;
  for (const auto& c : calibrate_alliance_hazards(record)) centres[c.name] = c.centre;
  const std::vector<Check> checks = {
      {"force_posture.withdrawal_announcement", ForcePostureMechanism::parameter_schema(),
       "announcement_intercept", "announcement_slope", 5},
      {"force_posture.withdrawal_threat", ForcePostureMechanism::parameter_schema(),
       "threat_intercept", "threat_slope", 4},
      {"exercises.suspension", ExercisesMechanism::parameter_schema(), "suspension_intercept",
       "suspension_slope", 7},
      {"trilateral.lapse", TrilateralMechanism::parameter_schema(), "lapse_intercept",
       "lapse_slope", 3},
      {"trade_coercion.coercion", TradeCoercionMechanism::parameter_schema(), "coercion_intercept",
       "coercion_slope", 3},
  };
  for (const auto& check : checks) {
    SCOPED_TRACE(check.fit);
    ASSERT_TRUE(fits.count(check.fit));
    const auto& fit = fits.at(check.fit);
    EXPECT_EQ(fit.events, check.events);
    // Defaults are the fits rounded to four decimals.
    EXPECT_NEAR(default_of(check.schema, check.intercept), fit.coefficients[0], 5e-5);
    EXPECT_NEAR(default_of(check.schema, check.slope), fit.coefficients[1], 5e-5);
    // The covariate is centred; the default centre is the fit's.
    const std::string centre = check.slope.substr(0, check.slope.size() - 5) + "centre";
    EXPECT_NEAR(default_of(check.schema, centre), centres.at(check.fit), 5e-5);
  }
}

// The backtest scenario (korea-2000) enters fits on the record up to 2015-12 only; this prints
// them and checks the scenario's values.
TEST(AllianceCalibration, BacktestScenarioUsesPre2016Fits) {
  const auto record = read_episode_record(test::source_dir() / "data");
  const auto fits = calibrate_alliance_hazards(record, Month::from_year_month(2015, 12));
  const std::string scenario =
      test::read_text(test::source_dir() / "scenarios" / "korea-2000.yaml");
  const std::map<std::string, std::pair<std::string, std::string>> keys = {
      {"force_posture.withdrawal_announcement", {"announcement_intercept", "announcement_slope"}},
      {"force_posture.withdrawal_threat", {"threat_intercept", "threat_slope"}},
      {"exercises.suspension", {"suspension_intercept", "suspension_slope"}},
      {"trilateral.lapse", {"lapse_intercept", "lapse_slope"}},
      {"trade_coercion.coercion", {"coercion_intercept", "coercion_slope"}},
  };
  for (const auto& c : fits) {
    fmt::print("pre-2016 {}: {} events / {} months; b0 {:.4f} (se {:.4f}), b1 {:.4f} (se {:.4f})\n",
               c.name, c.fit.events, c.fit.exposure_months, c.fit.coefficients[0],
               c.fit.standard_errors[0], c.fit.coefficients[1], c.fit.standard_errors[1]);
    const auto& [intercept, slope] = keys.at(c.name);
    const std::string prefix = intercept.substr(0, intercept.size() - 10);
    // Every line `linchpin calibrate --last 2015-12` prints is in the scenario as printed.
    const std::string lines = calibration_yaml(c, prefix, "episodes-record-pre2016");
    std::size_t begin = 0;
    while (begin < lines.size()) {
      const std::size_t end = lines.find('\n', begin);
      const std::string line = lines.substr(begin, end - begin);
      EXPECT_NE(scenario.find(line), std::string::npos) << "korea-2000.yaml should have " << line;
      begin = end + 1;
    }
  }
}

// korea-2026 and korea-2023 enter the fits on the whole record, drawn jointly.
TEST(AllianceCalibration, CurrentScenariosUseTheWholeRecordFits) {
  const auto record = read_episode_record(test::source_dir() / "data");
  const auto fits = calibrate_alliance_hazards(record);
  for (const char* file : {"korea-2026.yaml", "korea-2023.yaml"}) {
    const std::string scenario = test::read_text(test::source_dir() / "scenarios" / file);
    for (const auto& c : fits) {
      const std::string prefix = c.name == "force_posture.withdrawal_announcement" ? "announcement"
                                 : c.name == "force_posture.withdrawal_threat"     ? "threat"
                                 : c.name == "exercises.suspension"                ? "suspension"
                                 : c.name == "trilateral.lapse"                    ? "lapse"
                                                                                   : "coercion";
      const std::string lines = calibration_yaml(c, prefix, "episodes-record");
      std::size_t begin = 0;
      while (begin < lines.size()) {
        const std::size_t end = lines.find('\n', begin);
        const std::string line = lines.substr(begin, end - begin);
        EXPECT_NE(scenario.find(line), std::string::npos) << file << " should have " << line;
        begin = end + 1;
      }
    }
  }
}

TEST(AllianceCalibration, LeadersAreFoundForEveryEpisodeMonth) {
  const auto record = read_episode_record(test::source_dir() / "data");
  EXPECT_EQ(record.episodes.size(), 81u);
  for (const auto& episode : record.episodes)
    EXPECT_NE(term_in_office(record.us_terms, episode.start), nullptr) << episode.start.to_string();
  // The 2025-05 threat came under acting president Lee Ju-ho: it goes to the outgoing Yoon.
  const auto* rok = term_in_office(record.rok_terms, Month::from_year_month(2025, 5));
  ASSERT_NE(rok, nullptr);
  EXPECT_EQ(rok->leader, "Yoon Suk Yeol");
}

}  // namespace
}  // namespace linchpin::analytics
