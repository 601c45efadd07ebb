#include "linchpin/analysis/rate_consistency.hpp"

#include "linchpin/analysis/forecast_scores.hpp"

namespace linchpin::analysis {

std::vector<RateConsistency> fitted_rates_consistency(
    const Scenario& scenario, const HistoricalRecord& record,
    const std::vector<BacktestSeries>& series, int first_year, int last_year, std::uint64_t trials,
    std::uint64_t seed, unsigned threads, double level, double variance_factor) {
  const auto counts =
      simulate_yearly_counts(scenario, series, first_year, last_year, trials, seed, threads);
  std::vector<RateConsistency> out;
  for (std::size_t s = 0; s < series.size(); ++s) {
    RateConsistency row;
    row.series = series[s];
    std::vector<double> observed;
    std::vector<double> simulated;
    for (int year = first_year; year <= last_year; ++year) {
      const auto year_it = record.find(year);
      if (year_it == record.end()) continue;
      const auto value = year_it->second.find(series[s].column);
      if (value == year_it->second.end()) continue;
      observed.push_back(value->second);
      const auto& trials_of_year = counts[s][std::size_t(year - first_year)];
      simulated.insert(simulated.end(), trials_of_year.begin(), trials_of_year.end());
    }
    row.years = int(observed.size());
    const auto o = mean_variance(observed);
    const auto m = mean_variance(simulated);
    for (double v : observed) row.observed_total += v;
    row.observed_mean = o.mean;
    row.observed_variance = o.variance;
    const auto interval = poisson_mean_interval(row.observed_total, double(row.years), level);
    row.observed_low = interval.low;
    row.observed_high = interval.high;
    row.simulated_mean = m.mean;
    row.simulated_variance = m.variance;
    row.mean_inside = row.years > 0 && m.mean >= interval.low && m.mean <= interval.high;
    if (row.observed_variance > 0.0) {
      const double ratio = m.variance / row.observed_variance;
      row.variance_within_factor = ratio >= 1.0 / variance_factor && ratio <= variance_factor;
    } else {
      row.variance_within_factor = m.variance <= variance_factor * row.observed_high;
    }
    out.push_back(row);
  }
  return out;
}

}  // namespace linchpin::analysis
