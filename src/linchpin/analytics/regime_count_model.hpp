#pragma once
// Regime-switching (Markov-modulated, hidden Markov) count model: a hidden regime follows a Markov
// chain; given the regime, the step's count is Poisson or negative binomial. Fitted by maximum
// likelihood with Baum-Welch EM (Zucchini, MacDonald & Langrock 2016, ch. 4); ranges by a
// parametric bootstrap. Used for the DPRK launch record, docs/models/event_processes.md.
#include <array>
#include <cstdint>
#include <vector>

#include "linchpin/core/enum_names.hpp"

namespace linchpin::analytics {

enum class CountDistribution { poisson, negative_binomial };
inline constexpr std::array<EnumName<CountDistribution>, 2> kCountDistributionNames{{
    {CountDistribution::poisson, "poisson"},
    {CountDistribution::negative_binomial, "negative_binomial"},
}};

// Negative-binomial size at or above which a regime is reported as Poisson (the fit's upper bound).
inline constexpr double kPoissonLimitSize = 1.0e4;

// One step is whatever the counts are per (a year for the yearly record).
struct RegimeCountModel {
  CountDistribution distribution = CountDistribution::negative_binomial;
  std::vector<double> initial;                  // P(regime at the first step)
  std::vector<std::vector<double>> transition;  // transition[i][j] = P(j next | i now)
  std::vector<double> mean;                     // mean count per step in each regime
  std::vector<double> size;  // NB size r (variance = mean + mean^2 / r); ignored for Poisson
  int regimes() const { return int(mean.size()); }
};

// log P(Y = y) for a Poisson(mean) or negative binomial(mean, size) count.
double count_log_pmf(CountDistribution distribution, double mean, double size, int y);
// P(Y >= threshold).
double count_upper_tail(CountDistribution distribution, double mean, double size, int threshold);

struct ForwardResult {
  double log_likelihood = 0.0;
  std::vector<std::vector<double>> filtered;  // filtered[t][k] = P(regime k at t | y_1..y_t)
};

// Scaled forward algorithm. Throws linchpin::Error on an inconsistent model or a negative count.
ForwardResult forward_filter(const RegimeCountModel& model, const std::vector<int>& counts);
// Forward-backward: P(regime k at t | all counts).
std::vector<std::vector<double>> smoothed_probabilities(const RegimeCountModel& model,
                                                        const std::vector<int>& counts);
// Stationary distribution of the transition matrix (power iteration from uniform).
std::vector<double> stationary_distribution(const std::vector<std::vector<double>>& transition);
// Regime probabilities `steps` steps after `probabilities`.
std::vector<double> propagate(const std::vector<std::vector<double>>& transition,
                              std::vector<double> probabilities, int steps);
// P(count >= threshold) for a step whose regime has the given probabilities.
double probability_at_least(const RegimeCountModel& model, const std::vector<double>& regime,
                            int threshold);

// The per-month chain whose 12-step matrix equals a 2-regime yearly matrix (exact: same
// stationary distribution, eigenvalue lambda^(1/12)). Throws linchpin::Error for other regime
// counts or a non-positive eigenvalue (no monthly chain embeds such a yearly matrix).
std::vector<std::vector<double>> monthly_transition(const std::vector<std::vector<double>>& yearly);

struct RegimeFitOptions {
  int regimes = 2;
  CountDistribution distribution = CountDistribution::negative_binomial;
  int max_iterations = 5000;
  double tolerance = 1e-10;  // stop when the log-likelihood gains less than this
  // Dirichlet prior on each transition row: this many pseudo-transitions added to every cell
  // (a MAP estimate). 0 = pure maximum likelihood, which puts a regime seen to end never (the
  // DPRK testing regime since 2014) on the boundary P(leave) = 0, i.e. absorbing.
  double transition_pseudo_count = 1.0;
  int bootstrap_replicates = 200;
  std::uint64_t bootstrap_seed = 20251231;
};

// Bootstrap 5th / 50th / 95th percentiles and standard deviation of one parameter.
struct ParameterRange {
  double low = 0.0;
  double median = 0.0;
  double high = 0.0;
  double sd = 0.0;
};

struct RegimeCountFit {
  RegimeCountModel model;       // regimes ordered by increasing mean (0 = most restrained)
  double log_likelihood = 0.0;  // of the data, without the transition prior
  double log_posterior = 0.0;   // log-likelihood + the Dirichlet prior's log density (no constant)
  int iterations = 0;
  bool converged = false;
  int parameters = 0;  // free parameters, for AIC/BIC
  std::vector<std::vector<double>> smoothed;
  std::vector<double> filtered_last;  // P(regime at the last step | all counts)
  int first_year = 0;
  int last_year = 0;
  // Complete-data standard errors (regime assignment taken as known, so too small when regimes
  // overlap; the bootstrap shows that part): se(mean_k) = sqrt((m + m^2/r) / n_k) with n_k the
  // expected years in regime k; se(transition_ij) = sqrt(p (1 - p) / (n_i + K c)) with n_i the
  // expected transitions out of regime i and c the pseudo-count.
  std::vector<double> mean_se;
  std::vector<std::vector<double>> transition_se;
  // Parametric bootstrap (refits of series simulated from the fit): ranges of mean[k], size[k],
  // transition[k][j]; empty when no replicates were asked for.
  std::vector<ParameterRange> mean_range;
  std::vector<ParameterRange> size_range;
  std::vector<std::vector<ParameterRange>> transition_range;
  int bootstrap_replicates = 0;  // replicates whose refit converged and was kept
};

// Fits the model to consecutive counts by EM from a deterministic grid of starting values and
// keeps the best. Throws linchpin::Error when there are fewer counts than 3 x regimes or none is
// positive.
RegimeCountFit fit_regime_count_model(const std::vector<int>& counts,
                                      const RegimeFitOptions& options);

struct YearCount {
  int year = 0;
  int count = 0;
};

// Fits on the records with first year <= year <= last_year, which must be consecutive years
// (the backtest calls it once per forecast origin with last_year = origin - 1).
RegimeCountFit fit_regime_count_model(const std::vector<YearCount>& record, int last_year,
                                      const RegimeFitOptions& options);

// Rate per regime of a second count series driven by the same regimes (e.g. nuclear tests): the
// smoothed-probability-weighted Poisson MLE sum_t w_tk n_t / sum_t w_tk.
std::vector<double> modulated_poisson_rates(const std::vector<std::vector<double>>& smoothed,
                                            const std::vector<int>& counts);

// The 90% ranges the scenarios carry (what `linchpin data fit-regimes` prints and the backtest
// refits write), low <= estimate <= high.
struct EstimateRange {
  double low = 0.0;
  double estimate = 0.0;
  double high = 0.0;
};
// Regime i's yearly mean: estimate -+ 1.645 complete-data se, floored at 5% of the estimate.
EstimateRange regime_rate_range(const RegimeCountFit& fit, std::size_t i);
// Two regimes: the monthly probability of leaving regime i, from the yearly estimate -+ 1.645 se
// (floored at 20% of it, capped at half the room the other switch leaves so the yearly matrix
// keeps a positive eigenvalue), kept around the estimate, each end taken to a month.
EstimateRange regime_switch_range(const RegimeCountFit& fit, std::size_t i);
// A modulated series' yearly rate in regime i: rate -+ 1.645 sqrt(rate / regime-years),
// floored at 5% of the rate.
EstimateRange modulated_rate_range(const RegimeCountFit& fit, const std::vector<double>& rates,
                                   std::size_t i);

}  // namespace linchpin::analytics
