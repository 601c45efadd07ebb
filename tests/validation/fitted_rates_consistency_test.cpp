// Does korea-2000, simulated over the years its rates were fitted on (2001-2015), reproduce the
// record it was fitted to? For each fitted series: the simulated mean of yearly counts must lie
// inside the exact 90% Poisson interval of the observed mean, and the simulated variance of
// yearly counts within a factor 2 of the observed one (docs/analysis/backtest.md). A model that
// fails this is mis-specified for its own calibration data; the test is meant to fail until the
// fits and the mechanisms agree.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "linchpin/analysis/crisis_record_fit.hpp"
#include "linchpin/analysis/rate_consistency.hpp"
#include "linchpin/analytics/data/mid_reader.hpp"
#include "linchpin/api/linchpin_api.hpp"
#include "test_support.hpp"

namespace linchpin::analysis {
namespace {

TEST(FittedRatesConsistency, Korea2000ReproducesItsCalibrationYears) {
  const auto scenario =
      load_scenario((test::source_dir() / "scenarios" / "korea-2000.yaml").string());
  auto series = default_backtest_series();
  auto record = read_historical_record(
      (test::source_dir() / "data" / "history" / "korea_events_yearly.csv").string(), series);
  // The MID onsets come from COW MID 5.0 (shared data) and the project file; without the shared
  // data that series is left out, visibly, and the others are still checked.
  const std::filesystem::path shared(LINCHPIN_SHARED_DATA_DIR);
  if (std::filesystem::exists(shared / analytics::MidFiles::cow)) {
    add_korean_mid_onsets(
        record,
        read_korean_mid_series(shared.string(), (test::source_dir() / kProjectMidsFile).string()),
        kKoreanMidLastCodedYear);
  } else {
    fmt::print("shared data not found at {}: korea_mid_onsets not checked\n", shared.string());
    std::erase_if(series, [](const auto& s) { return s.column == kKoreaMidOnsetsColumn; });
  }
  // Series whose simulated process is fitted on the record: the regime-switching launch and
  // nuclear-test processes (fit on 1984-2015), the deterrence mechanism's MID onset rate (Korean
  // MIDs 1953-2015), and the alliance hazards behind withdrawal decisions and exercise
  // suspensions. KADIZ patrols are an assumption (none before 2019), not a fit, and are reported
  // but not asserted.
  const std::set<std::string> fitted = {"dprk_missile_launch_events", "dprk_nuclear_tests",
                                        kKoreaMidOnsetsColumn, "usfk_drawdown_decisions",
                                        "combined_exercise_suspensions"};
  const auto rows = fitted_rates_consistency(scenario, record, series, 2001, 2015, 300,
                                             scenario.run_settings().seed, 2);
  ASSERT_EQ(rows.size(), series.size());
  fmt::print("{:<32} {:>5} {:>8} {:>17} {:>8} {:>9} {:>9}\n", "series", "years", "obs.mean",
             "90% interval", "obs.var", "sim.mean", "sim.var");
  for (const auto& row : rows)
    fmt::print("{:<32} {:>5} {:>8.3f} [{:>6.3f}, {:>6.3f}] {:>8.3f} {:>9.3f} {:>9.3f}\n",
               row.series.column, row.years, row.observed_mean, row.observed_low, row.observed_high,
               row.observed_variance, row.simulated_mean, row.simulated_variance);
  for (const auto& row : rows) {
    if (!fitted.count(row.series.column)) continue;
    SCOPED_TRACE(row.series.column);
    EXPECT_EQ(row.years, 15);
    EXPECT_TRUE(row.mean_inside) << fmt::format(
        "simulated mean {:.3f}/yr outside the observed 90% interval [{:.3f}, {:.3f}] (observed "
        "{:.3f})",
        row.simulated_mean, row.observed_low, row.observed_high, row.observed_mean);
    // Known, documented exception (docs/analysis/backtest.md, "In-sample consistency"): the MID
    // record to 2014 is COW MID 5.0 whittled to one dispute per dyad-year, which caps the yearly
    // count and makes 2001-2015 under-dispersed (12 years with one onset, 3 with none: variance
    // 0.17 against a Poisson's 0.8). The simulated Poisson onsets are not coded that way, so the
    // variances cannot agree until the fit and the comparison both use the whittled coding
    // (years with an onset); the mean is asserted, the variance reported.
    if (row.series.column == kKoreaMidOnsetsColumn) {
      fmt::print("korea_mid_onsets variance not asserted (whittled record): simulated {:.3f}, "
                 "observed {:.3f}\n",
                 row.simulated_variance, row.observed_variance);
      continue;
    }
    EXPECT_TRUE(row.variance_within_factor)
        << fmt::format("simulated variance {:.3f} vs observed {:.3f} (factor 2 allowed)",
                       row.simulated_variance, row.observed_variance);
  }
}

}  // namespace
}  // namespace linchpin::analysis
