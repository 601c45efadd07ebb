#pragma once
// In-sample consistency of the fitted rates (docs/analysis/backtest.md): does the scenario,
// simulated over the years its rates were fitted on, reproduce the record's mean and variance of
// yearly counts? A fitted model that cannot reproduce its own calibration data is mis-specified
// (e.g. multipliers applied on top of hazards fitted without them).
#include <cstdint>
#include <vector>

#include "linchpin/analysis/backtest.hpp"

namespace linchpin::analysis {

struct RateConsistency {
  BacktestSeries series;
  int years = 0;                // record years with a value in the window
  double observed_total = 0.0;  // events in those years
  double observed_mean = 0.0;   // per year
  double observed_low = 0.0;    // exact (Garwood) interval of the yearly mean
  double observed_high = 0.0;
  double observed_variance = 0.0;       // sample variance of the yearly counts (n - 1)
  double simulated_mean = 0.0;          // over trials and years
  double simulated_variance = 0.0;      // of yearly counts, pooled over trials and years
  bool mean_inside = false;             // simulated mean inside [observed_low, observed_high]
  bool variance_within_factor = false;  // simulated/observed variance within [1/f, f]
};

// Simulates years first_year..last_year and compares per series. The variance check compares
// with `variance_factor`; when the observed variance is 0 it passes only if the simulated one is
// below `variance_factor` times the upper end of the observed mean's interval (a Poisson-like
// spread around a rate the record cannot tell from zero).
std::vector<RateConsistency> fitted_rates_consistency(
    const Scenario& scenario, const HistoricalRecord& record,
    const std::vector<BacktestSeries>& series, int first_year, int last_year, std::uint64_t trials,
    std::uint64_t seed, unsigned threads, double level = 0.9, double variance_factor = 2.0);

}  // namespace linchpin::analysis
