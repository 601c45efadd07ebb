// The Korea scenarios' DPRK launch and nuclear-test regime models are fits on the record in
// data/history/dprk_launch_record.csv (docs/models/event_processes.md). This test refits them
// and checks every fitted number the scenarios cite, so a change to the record or the fit cannot
// leave the scenarios on stale values.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "linchpin/analytics/data/year_count_reader.hpp"
#include "linchpin/analytics/regime_count_model.hpp"
#include "linchpin/api/linchpin_api.hpp"
#include "test_support.hpp"

namespace linchpin::analytics {
namespace {

struct Expected {
  RegimeCountFit fit;
  std::vector<std::vector<double>> monthly;
  std::vector<double> initial;  // regime probabilities in the scenario's first month
  std::vector<double> test_rates;
};

Expected refit(int last_year, int filter_year, int months_to_start) {
  const auto record = (test::source_dir() / "data/history/dprk_launch_record.csv").string();
  const auto launches = read_year_counts(record, "dprk_missile_launch_events").require_clean();
  const auto tests = read_year_counts(record, "dprk_nuclear_tests").require_clean();
  RegimeFitOptions options;
  options.bootstrap_replicates = 0;
  Expected e;
  e.fit = fit_regime_count_model(launches.records, last_year, options);
  std::vector<int> counts, test_counts;
  for (const auto& row : launches.records)
    if (row.year >= e.fit.first_year && row.year <= filter_year) counts.push_back(row.count);
  for (const auto& row : tests.records)
    if (row.year >= e.fit.first_year && row.year <= last_year) test_counts.push_back(row.count);
  e.monthly = monthly_transition(e.fit.model.transition);
  e.initial =
      propagate(e.monthly, forward_filter(e.fit.model, counts).filtered.back(), months_to_start);
  e.test_rates = modulated_poisson_rates(e.fit.smoothed, test_counts);
  fmt::print(
      "fit <= {}: means {:.4f} {:.4f}, sizes {:.4f} {:.4f}, monthly switch {:.6f} {:.6f}, "
      "start {:.4f} {:.4f}, tests/month {:.6f} {:.6f}\n",
      last_year, e.fit.model.mean[0], e.fit.model.mean[1], e.fit.model.size[0], e.fit.model.size[1],
      e.monthly[0][1], e.monthly[1][0], e.initial[0], e.initial[1], e.test_rates[0] / 12,
      e.test_rates[1] / 12);
  return e;
}

// Scenario values are rounded for readability: 3 significant digits (plus an absolute slack for
// values near zero).
void expect_close(double scenario, double fitted, const std::string& what) {
  EXPECT_NEAR(scenario, fitted, 0.006 * std::abs(fitted) + 2e-5) << what;
}

// The fitted value a scenario quantity cites: a triangular's mode, otherwise its nominal value.
double cited(const Quantity& q) {
  return q.kind == DistributionKind::triangular ? q.mode : q.nominal();
}

void check_scenario(const std::string& file, const Expected& e) {
  const auto scenario = load_scenario((test::source_dir() / file).string());
  const EventProcess* launches = nullptr;
  const EventProcess* tests = nullptr;
  for (const auto& process : scenario.event_processes()) {
    if (process.id == "dprk-missile-launch-events") launches = &process;
    if (process.id == "dprk-nuclear-tests") tests = &process;
  }
  ASSERT_NE(launches, nullptr);
  ASSERT_NE(tests, nullptr);
  ASSERT_EQ(launches->regimes.size(), 2u) << file;
  for (std::size_t k = 0; k < 2; ++k) {
    const auto& regime = launches->regimes[k];
    const auto where = fmt::format("{} regime {}", file, regime.id);
    expect_close(cited(regime.rate_per_month), e.fit.model.mean[k] / 12.0, where + " rate");
    ASSERT_TRUE(regime.dispersion_per_year.has_value()) << where;
    expect_close(cited(*regime.dispersion_per_year), e.fit.model.size[k], where + " size");
    expect_close(cited(regime.initial_probability), e.initial[k], where + " initial");
    ASSERT_EQ(regime.switch_per_month.size(), 1u) << where;
    expect_close(cited(regime.switch_per_month[0].second), e.monthly[k][1 - k], where + " switch");
    // The range drawn per trial contains the fit.
    EXPECT_LE(regime.rate_per_month.support_low(), e.fit.model.mean[k] / 12.0 * 1.006) << where;
    EXPECT_GE(regime.rate_per_month.support_high(), e.fit.model.mean[k] / 12.0 * 0.994) << where;
  }
  ASSERT_EQ(tests->modulated_by, 0) << file;
  for (std::size_t k = 0; k < 2; ++k)
    expect_close(cited(tests->rate_per_regime[k]), e.test_rates[k] / 12.0,
                 fmt::format("{} nuclear tests regime {}", file, k));
}

TEST(DprkRegimeFit, Korea2026CitesTheFitOnTheRecordTo2025) {
  // Start 2026-12: the regime after December 2025, 12 months ahead.
  check_scenario("scenarios/korea-2026.yaml", refit(2025, 2025, 12));
}

TEST(DprkRegimeFit, Korea2000CitesTheFitOnTheCalibrationWindow) {
  // Fit on <= 2015 (the backtest's calibration window); start 2000-01: the regime filtered at
  // December 1999, one month ahead.
  check_scenario("scenarios/korea-2000.yaml", refit(2015, 1999, 1));
}

}  // namespace
}  // namespace linchpin::analytics
