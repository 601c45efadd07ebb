#include "linchpin/analysis/forecast_scores.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

#include "linchpin/core/random_stream.hpp"

namespace linchpin::analysis {

namespace {
constexpr double kTail = 1e-12;
constexpr int kMaxSupport = 100000;

// F(k) of a pmf, 1 beyond its last entry and 0 below 0.
double cdf_at(const CountPmf& pmf, int k) {
  if (k < 0) return 0.0;
  if (std::size_t(k) >= pmf.size()) return 1.0;
  double total = 0.0;
  for (int i = 0; i <= k; ++i) total += pmf[std::size_t(i)];
  return std::min(1.0, total);
}

double poisson_log_term(double mean, int k) {
  return double(k) * std::log(mean) - mean - std::lgamma(double(k) + 1.0);
}

// P(X <= n) for X ~ Poisson(mean).
double poisson_cdf(double mean, int n) {
  if (n < 0) return 0.0;
  if (mean <= 0.0) return 1.0;
  double total = 0.0;
  for (int k = 0; k <= n; ++k) total += std::exp(poisson_log_term(mean, k));
  return std::min(1.0, total);
}

// The mean at which a decreasing function of it crosses `target` (bisection).
template <class F>
double solve_decreasing(F f, double target, double high) {
  double low = 0.0;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (low + high);
    if (f(mid) > target)
      low = mid;
    else
      high = mid;
  }
  return 0.5 * (low + high);
}
}  // namespace

CountPmf empirical_pmf(const std::vector<double>& counts) {
  if (counts.empty()) return {1.0};
  double largest = 0.0;
  for (double c : counts) largest = std::max(largest, c);
  CountPmf pmf(std::size_t(std::llround(largest)) + 1, 0.0);
  for (double c : counts) pmf[std::size_t(std::llround(std::max(0.0, c)))] += 1.0;
  for (double& p : pmf) p /= double(counts.size());
  return pmf;
}

CountPmf poisson_pmf(double mean) {
  if (!(mean > 0.0)) return {1.0};
  CountPmf pmf;
  double total = 0.0;
  for (int k = 0; k < kMaxSupport; ++k) {
    const double p = std::exp(poisson_log_term(mean, k));
    pmf.push_back(p);
    total += p;
    if (double(k) > mean && 1.0 - total < kTail) break;
  }
  return pmf;
}

CountPmf negative_binomial_pmf(double mean, double variance) {
  if (!(mean > 0.0) || variance <= mean) return poisson_pmf(mean);
  const double size = mean * mean / (variance - mean);
  const double p = size / (size + mean);
  CountPmf pmf;
  double total = 0.0;
  for (int k = 0; k < kMaxSupport; ++k) {
    const double log_p = std::lgamma(double(k) + size) - std::lgamma(size) -
                         std::lgamma(double(k) + 1.0) + size * std::log(p) +
                         double(k) * std::log1p(-p);
    pmf.push_back(std::exp(log_p));
    total += pmf.back();
    if (double(k) > mean && 1.0 - total < kTail) break;
  }
  return pmf;
}

double ranked_probability_score(const CountPmf& pmf, int observed) {
  const int last = std::max(int(pmf.size()) - 1, observed);
  double score = 0.0;
  double cdf = 0.0;
  for (int k = 0; k <= last; ++k) {
    if (std::size_t(k) < pmf.size()) cdf = std::min(1.0, cdf + pmf[std::size_t(k)]);
    const double step = k >= observed ? 1.0 : 0.0;
    score += (cdf - step) * (cdf - step);
  }
  return score;
}

double brier_any_event(const CountPmf& pmf, int observed) {
  const double p_any = pmf.empty() ? 0.0 : std::max(0.0, 1.0 - pmf[0]);
  const double outcome = observed >= 1 ? 1.0 : 0.0;
  return (p_any - outcome) * (p_any - outcome);
}

CountPmf floored_pmf(const CountPmf& pmf, int observed, double pseudo_trials) {
  const int last = std::max(int(pmf.size()) - 1, observed);
  const double e = 1.0 / (pseudo_trials + 1.0);
  CountPmf out(std::size_t(last) + 1, e / double(last + 1));
  for (std::size_t k = 0; k < pmf.size(); ++k) out[k] += (1.0 - e) * pmf[k];
  return out;
}

double log_score(const CountPmf& pmf, int observed, double pseudo_trials) {
  return -std::log(floored_pmf(pmf, observed, pseudo_trials)[std::size_t(observed)]);
}

double randomised_pit(const CountPmf& pmf, int observed, double v) {
  const double below = cdf_at(pmf, observed - 1);
  return below + v * (cdf_at(pmf, observed) - below);
}

double pit_value_function(const CountPmf& pmf, int observed, double u) {
  const double below = cdf_at(pmf, observed - 1);
  const double at = cdf_at(pmf, observed);
  // At a count the pmf gives no mass (below == at), the PIT is the point `at`.
  if (u >= at) return 1.0;
  if (u <= below) return 0.0;
  return (u - below) / (at - below);
}

std::vector<double> pit_histogram(const std::vector<CountPmf>& pmfs,
                                  const std::vector<int>& observed, int bins) {
  std::vector<double> histogram(std::size_t(std::max(bins, 1)), 0.0);
  for (std::size_t c = 0; c < pmfs.size() && c < observed.size(); ++c)
    for (std::size_t b = 0; b < histogram.size(); ++b) {
      const double lo = double(b) / double(histogram.size());
      const double hi = double(b + 1) / double(histogram.size());
      // The outer edges are 0 and 1 exactly, so every case adds a mass of 1 even when its PIT
      // is the point 0 or 1.
      const double upper =
          b + 1 == histogram.size() ? 1.0 : pit_value_function(pmfs[c], observed[c], hi);
      const double lower = b == 0 ? 0.0 : pit_value_function(pmfs[c], observed[c], lo);
      histogram[b] += upper - lower;
    }
  return histogram;
}

CountPmf baseline_pmf(Forecaster baseline, const std::vector<double>& history) {
  if (history.empty()) return {1.0};
  switch (baseline) {
    case Forecaster::poisson:
      return poisson_pmf(mean_variance(history).mean);
    case Forecaster::negative_binomial: {
      const auto moments = mean_variance(history);
      return negative_binomial_pmf(moments.mean, moments.variance);
    }
    case Forecaster::persistence:
      return poisson_pmf(history.back());
    case Forecaster::bootstrap_last5:
      return empirical_pmf(std::vector<double>(
          history.end() - std::ptrdiff_t(std::min<std::size_t>(5, history.size())), history.end()));
    case Forecaster::model:
      break;
  }
  return {1.0};
}

MeanVariance mean_variance(const std::vector<double>& values) {
  MeanVariance out;
  if (values.empty()) return out;
  for (double v : values) out.mean += v;
  out.mean /= double(values.size());
  if (values.size() < 2) return out;
  for (double v : values) out.variance += (v - out.mean) * (v - out.mean);
  out.variance /= double(values.size() - 1);
  return out;
}

Skill skill_score(const std::vector<double>& model, const std::vector<double>& baseline,
                  std::uint64_t seed, int resamples) {
  Skill out;
  const std::size_t n = std::min(model.size(), baseline.size());
  out.cases = int(n);
  const auto skill_of = [](double m, double b) {
    return b > 0.0 ? 1.0 - m / b : std::numeric_limits<double>::quiet_NaN();
  };
  double m = 0.0, b = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    m += model[i];
    b += baseline[i];
  }
  out.skill = skill_of(m, b);
  out.low = out.high = out.skill;
  if (n == 0 || resamples <= 0) return out;
  RandomStream stream(seed, 0, "backtest.skill_bootstrap");
  std::vector<double> draws;
  for (int r = 0; r < resamples; ++r) {
    double mr = 0.0, br = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto j = stream.index(std::uint32_t(n));
      mr += model[j];
      br += baseline[j];
    }
    const double s = skill_of(mr, br);
    // A resample whose baseline scores 0 has no defined skill; it counts as no skill either way.
    draws.push_back(std::isnan(s) ? 0.0 : s);
  }
  std::sort(draws.begin(), draws.end());
  const auto at = [&](double q) {
    const auto rank = std::size_t(std::ceil(q * double(draws.size())));
    return draws[std::min(draws.size(), std::max<std::size_t>(1, rank)) - 1];
  };
  out.low = at(0.05);
  out.high = at(0.95);
  return out;
}

RateInterval poisson_mean_interval(double total, double periods, double level) {
  RateInterval out;
  if (!(periods > 0.0)) return out;
  const double tail = (1.0 - level) / 2.0;
  const int n = int(std::llround(std::max(0.0, total)));
  const double ceiling = double(n) + 50.0 + 20.0 * std::sqrt(double(n) + 1.0);
  // Lower: P(X >= n | mu) = tail, i.e. P(X <= n - 1 | mu) = 1 - tail (0 when n = 0).
  if (n > 0)
    out.low =
        solve_decreasing([&](double mu) { return poisson_cdf(mu, n - 1); }, 1.0 - tail, ceiling);
  // Upper: P(X <= n | mu) = tail.
  out.high = solve_decreasing([&](double mu) { return poisson_cdf(mu, n); }, tail, ceiling);
  out.low /= periods;
  out.high /= periods;
  return out;
}

}  // namespace linchpin::analysis
