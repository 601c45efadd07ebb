#pragma once
// Proper scores of count forecasts and the naive baselines a model must beat
// (docs/analysis/backtest.md). A forecast is a probability mass function over the counts 0..K
// (index = count); mass beyond its last entry is zero. Pure functions, no state.
#include <array>
#include <cstdint>
#include <vector>

#include "linchpin/core/enum_names.hpp"

namespace linchpin::analysis {

using CountPmf = std::vector<double>;

// The empirical pmf of an ensemble of counts (non-negative integers stored as doubles).
CountPmf empirical_pmf(const std::vector<double>& counts);

// Poisson(mean) up to the count where the remaining tail is below 1e-12 (mean 0: a point mass at
// 0).
CountPmf poisson_pmf(double mean);

// Negative binomial with the given mean and variance (method of moments: size = mean^2 /
// (variance - mean)); Poisson(mean) when variance <= mean (not over-dispersed).
CountPmf negative_binomial_pmf(double mean, double variance);

// Ranked probability score (Epstein 1969; the discrete CRPS of Gneiting & Raftery 2007):
// sum over k = 0..max(K, y) of (F(k) - 1{y <= k})^2. Lower is better; 0 for a point mass on y.
double ranked_probability_score(const CountPmf& pmf, int observed);

// Brier (1950) score of the event "at least one": (P(count >= 1) - 1{y >= 1})^2.
double brier_any_event(const CountPmf& pmf, int observed);

// The floored pmf used by the log score: (1 - e) p_k + e / (K + 1) on 0..K with
// K = max(last count of the pmf, y) and e = 1 / (pseudo_trials + 1) — one pseudo-trial spread
// evenly over 0..K ("add-one" smoothing of an ensemble of pseudo_trials members).
CountPmf floored_pmf(const CountPmf& pmf, int observed, double pseudo_trials);

// Log score -log p(y) (Good 1952; Gneiting & Raftery 2007) of the floored pmf. Lower is better.
double log_score(const CountPmf& pmf, int observed, double pseudo_trials);

// Randomised PIT of a count (Czado, Gneiting & Held 2009): F(y - 1) + v (F(y) - F(y - 1)), v in
// (0, 1).
double randomised_pit(const CountPmf& pmf, int observed, double v);

// Czado, Gneiting & Held's non-randomised PIT value function F(u | y) at u in [0, 1]: the
// probability that the randomised PIT is at most u.
double pit_value_function(const CountPmf& pmf, int observed, double u);

// The non-randomised PIT histogram (the expectation of the randomised one) over `bins` equal
// bins; each case adds a total mass of 1, so the bins sum to the number of cases. A calibrated
// forecaster gives a flat histogram.
std::vector<double> pit_histogram(const std::vector<CountPmf>& pmfs,
                                  const std::vector<int>& observed, int bins);

// Who makes a forecast: the model's ensemble, or a naive baseline fitted on the record before
// the origin (the same forecast for every horizon: a forecast made at the origin cannot see later
// years).
enum class Forecaster { model, poisson, negative_binomial, persistence, bootstrap_last5 };
inline constexpr std::array<EnumName<Forecaster>, 5> kForecasterNames = {{
    {Forecaster::model, "model"},
    {Forecaster::poisson, "poisson"},
    {Forecaster::negative_binomial, "negative_binomial"},
    {Forecaster::persistence, "persistence"},
    {Forecaster::bootstrap_last5, "bootstrap_last5"},
}};

// A baseline's pmf from the record's counts before the origin (oldest first): Poisson at their
// mean; negative binomial at their mean and variance (Poisson when not over-dispersed);
// persistence = Poisson at the last count; bootstrap_last5 = the empirical pmf of the last five
// counts. `model` is not a baseline (returns a point mass at 0). Empty history: point mass at 0.
CountPmf baseline_pmf(Forecaster baseline, const std::vector<double>& history);

// Sample mean and (n - 1) variance; variance 0 when n < 2.
struct MeanVariance {
  double mean = 0.0;
  double variance = 0.0;
};
MeanVariance mean_variance(const std::vector<double>& values);

// Skill 1 - mean(model) / mean(baseline) over paired cases, with a percentile bootstrap interval
// from resampling the cases (`resamples` draws, stream (seed, 0, "backtest.skill_bootstrap")).
// NaN skill when the baseline's mean score is 0.
struct Skill {
  double skill = 0.0;
  double low = 0.0;   // 5%
  double high = 0.0;  // 95%
  int cases = 0;
};
Skill skill_score(const std::vector<double>& model, const std::vector<double>& baseline,
                  std::uint64_t seed, int resamples = 1000);

// Exact (Garwood 1936) central interval for a Poisson mean given `total` events in `periods`
// periods, per period: the means at which P(X >= total) and P(X <= total) equal (1 - level) / 2.
struct RateInterval {
  double low = 0.0;
  double high = 0.0;
};
RateInterval poisson_mean_interval(double total, double periods, double level);

}  // namespace linchpin::analysis
