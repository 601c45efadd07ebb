#include "linchpin/analytics/regime_count_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "linchpin/core/error.hpp"
#include "linchpin/core/random_stream.hpp"

namespace linchpin::analytics {
namespace {

using Matrix = std::vector<std::vector<double>>;

void check_model(const RegimeCountModel& model) {
  const auto k = std::size_t(model.regimes());
  if (k == 0 || model.initial.size() != k || model.transition.size() != k ||
      (model.distribution == CountDistribution::negative_binomial && model.size.size() != k))
    throw Error(
        "regime count model: initial, transition, mean and size must have one entry a regime");
  for (const auto& row : model.transition)
    if (row.size() != k) throw Error("regime count model: the transition matrix must be square");
}

void check_counts(const std::vector<int>& counts) {
  for (int y : counts)
    if (y < 0) throw Error(fmt::format("regime count model: negative count {}", y));
}

double size_of(const RegimeCountModel& model, std::size_t k) {
  return model.distribution == CountDistribution::poisson ? kPoissonLimitSize : model.size[k];
}

// Emission probabilities of step t, scaled by exp(-shift) so that at least one is 1.
std::vector<double> emissions(const RegimeCountModel& model, int y, double& shift) {
  const auto k = std::size_t(model.regimes());
  std::vector<double> logs(k);
  for (std::size_t i = 0; i < k; ++i)
    logs[i] = count_log_pmf(model.distribution, model.mean[i], size_of(model, i), y);
  shift = *std::max_element(logs.begin(), logs.end());
  for (auto& value : logs) value = std::exp(value - shift);
  return logs;
}

struct ForwardBackward {
  double log_likelihood = 0.0;
  Matrix alpha;  // normalised forward probabilities
  Matrix beta;   // scaled backward quantities
  Matrix p;      // scaled emissions
  std::vector<double> scale;
};

ForwardBackward forward_backward(const RegimeCountModel& model, const std::vector<int>& counts) {
  const auto k = std::size_t(model.regimes());
  const auto n = counts.size();
  ForwardBackward fb;
  fb.alpha.assign(n, std::vector<double>(k));
  fb.beta.assign(n, std::vector<double>(k, 1.0));
  fb.p.resize(n);
  fb.scale.resize(n);
  for (std::size_t t = 0; t < n; ++t) {
    double shift = 0.0;
    fb.p[t] = emissions(model, counts[t], shift);
    double total = 0.0;
    for (std::size_t j = 0; j < k; ++j) {
      double prior = 0.0;
      if (t == 0) {
        prior = model.initial[j];
      } else {
        for (std::size_t i = 0; i < k; ++i) prior += fb.alpha[t - 1][i] * model.transition[i][j];
      }
      fb.alpha[t][j] = prior * fb.p[t][j];
      total += fb.alpha[t][j];
    }
    if (!(total > 0.0)) {
      fb.log_likelihood = -std::numeric_limits<double>::infinity();
      return fb;
    }
    for (auto& value : fb.alpha[t]) value /= total;
    fb.scale[t] = total;
    fb.log_likelihood += std::log(total) + shift;
  }
  for (std::size_t t = n - 1; t-- > 0;) {
    for (std::size_t i = 0; i < k; ++i) {
      double sum = 0.0;
      for (std::size_t j = 0; j < k; ++j)
        sum += model.transition[i][j] * fb.p[t + 1][j] * fb.beta[t + 1][j];
      fb.beta[t][i] = sum / fb.scale[t + 1];
    }
  }
  return fb;
}

Matrix posterior_from(const ForwardBackward& fb) {
  Matrix gamma = fb.alpha;
  for (std::size_t t = 0; t < gamma.size(); ++t) {
    double total = 0.0;
    for (std::size_t k = 0; k < gamma[t].size(); ++k) total += (gamma[t][k] *= fb.beta[t][k]);
    for (auto& value : gamma[t]) value /= total;
  }
  return gamma;
}

double weighted_nb_log_likelihood(const std::vector<int>& counts,
                                  const std::vector<double>& weights, double mean, double size) {
  double sum = 0.0;
  for (std::size_t t = 0; t < counts.size(); ++t)
    if (weights[t] > 0.0)
      sum +=
          weights[t] * count_log_pmf(CountDistribution::negative_binomial, mean, size, counts[t]);
  return sum;
}

// Golden-section search for the NB size on a log scale (the weighted log-likelihood in log r is
// unimodal for the data sets the model is used on; the bounds keep a near-Poisson regime finite).
double best_size(const std::vector<int>& counts, const std::vector<double>& weights, double mean) {
  double lo = std::log(1e-3);
  double hi = std::log(kPoissonLimitSize);
  const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
  double x1 = hi - ratio * (hi - lo);
  double x2 = lo + ratio * (hi - lo);
  double f1 = weighted_nb_log_likelihood(counts, weights, mean, std::exp(x1));
  double f2 = weighted_nb_log_likelihood(counts, weights, mean, std::exp(x2));
  for (int iteration = 0; iteration < 120 && hi - lo > 1e-9; ++iteration) {
    if (f1 < f2) {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + ratio * (hi - lo);
      f2 = weighted_nb_log_likelihood(counts, weights, mean, std::exp(x2));
    } else {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - ratio * (hi - lo);
      f1 = weighted_nb_log_likelihood(counts, weights, mean, std::exp(x1));
    }
  }
  return std::exp(0.5 * (lo + hi));
}

double log_prior(const RegimeCountModel& model, double pseudo_count) {
  if (pseudo_count <= 0.0) return 0.0;
  double sum = 0.0;
  for (const auto& row : model.transition)
    for (double p : row) sum += pseudo_count * std::log(std::max(p, 1e-300));
  return sum;
}

struct EmResult {
  RegimeCountModel model;
  double log_likelihood = -std::numeric_limits<double>::infinity();
  double objective = -std::numeric_limits<double>::infinity();
  int iterations = 0;
  bool converged = false;
};

EmResult run_em(RegimeCountModel model, const std::vector<int>& counts,
                const RegimeFitOptions& options) {
  const auto k = std::size_t(model.regimes());
  const auto n = counts.size();
  EmResult result;
  double previous = -std::numeric_limits<double>::infinity();
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    const auto fb = forward_backward(model, counts);
    if (!std::isfinite(fb.log_likelihood)) return result;
    // EM (with the MAP transition step) never decreases log-likelihood + log prior.
    const double objective = fb.log_likelihood + log_prior(model, options.transition_pseudo_count);
    result.model = model;
    result.log_likelihood = fb.log_likelihood;
    result.objective = objective;
    result.iterations = iteration;
    if (objective - previous < options.tolerance && iteration > 1) {
      result.converged = true;
      return result;
    }
    previous = objective;
    const auto gamma = posterior_from(fb);
    Matrix xi_sum(k, std::vector<double>(k, 0.0));
    for (std::size_t t = 0; t + 1 < n; ++t) {
      Matrix xi(k, std::vector<double>(k));
      double total = 0.0;
      for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j < k; ++j)
          total += xi[i][j] =
              fb.alpha[t][i] * model.transition[i][j] * fb.p[t + 1][j] * fb.beta[t + 1][j];
      for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j < k; ++j) xi_sum[i][j] += xi[i][j] / total;
    }
    model.initial = gamma[0];
    for (std::size_t i = 0; i < k; ++i) {
      const double c = std::max(options.transition_pseudo_count, 0.0);
      const double row = std::accumulate(xi_sum[i].begin(), xi_sum[i].end(), 0.0) + c * double(k);
      if (row > 0.0)
        for (std::size_t j = 0; j < k; ++j) model.transition[i][j] = (xi_sum[i][j] + c) / row;
      std::vector<double> weights(n);
      double weight = 0.0;
      double weighted = 0.0;
      for (std::size_t t = 0; t < n; ++t) {
        weights[t] = gamma[t][i];
        weight += weights[t];
        weighted += weights[t] * counts[t];
      }
      // The NB mean MLE for a given size is the weighted sample mean, whatever the size.
      model.mean[i] = std::max(weight > 0.0 ? weighted / weight : 0.0, 1e-8);
      if (model.distribution == CountDistribution::negative_binomial && weight > 0.0)
        model.size[i] = best_size(counts, weights, model.mean[i]);
    }
  }
  return result;
}

void order_by_mean(RegimeCountModel& model) {
  const auto k = std::size_t(model.regimes());
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return model.mean[a] < model.mean[b]; });
  RegimeCountModel sorted = model;
  for (std::size_t a = 0; a < k; ++a) {
    sorted.initial[a] = model.initial[order[a]];
    sorted.mean[a] = model.mean[order[a]];
    if (!model.size.empty()) sorted.size[a] = model.size[order[a]];
    for (std::size_t b = 0; b < k; ++b)
      sorted.transition[a][b] = model.transition[order[a]][order[b]];
  }
  model = sorted;
}

double quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const double position = q * double(values.size() - 1);
  const auto below = std::size_t(std::floor(position));
  const auto above = std::min(below + 1, values.size() - 1);
  return values[below] + (position - double(below)) * (values[above] - values[below]);
}

ParameterRange range_of(const std::vector<double>& values) {
  ParameterRange range;
  if (values.empty()) return range;
  range.low = quantile(values, 0.05);
  range.median = quantile(values, 0.5);
  range.high = quantile(values, 0.95);
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
  double squares = 0.0;
  for (double v : values) squares += (v - mean) * (v - mean);
  range.sd = values.size() > 1 ? std::sqrt(squares / double(values.size() - 1)) : 0.0;
  return range;
}

int draw_index(RandomStream& stream, const std::vector<double>& probabilities) {
  const double u = stream.uniform();
  double cumulative = 0.0;
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    cumulative += probabilities[i];
    if (u < cumulative) return int(i);
  }
  return int(probabilities.size()) - 1;
}

int draw_count(RandomStream& stream, const RegimeCountModel& model, int regime) {
  double mean = model.mean[std::size_t(regime)];
  if (model.distribution == CountDistribution::negative_binomial) {
    const double size = model.size[std::size_t(regime)];
    mean *= stream.gamma(size) / size;  // gamma-Poisson mixture = negative binomial
  }
  return int(stream.poisson(mean));
}

RegimeCountFit fit_without_bootstrap(const std::vector<int>& counts,
                                     const RegimeFitOptions& options) {
  const int k = options.regimes;
  if (k < 1) throw Error("regime count model: at least one regime is needed");
  if (int(counts.size()) < 3 * k)
    throw Error(
        fmt::format("regime count model: {} counts are too few for {} regimes", counts.size(), k));
  check_counts(counts);
  if (std::none_of(counts.begin(), counts.end(), [](int y) { return y > 0; }))
    throw Error("regime count model: every count is zero, so no rate can be fitted");
  std::vector<double> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end());
  EmResult best;
  // Deterministic starts: regime means at spread quantiles or spread between the extremes,
  // persistent or fickle chains, strongly or weakly over-dispersed regimes.
  for (int spread = 0; spread < 2; ++spread)
    for (double stay : {0.6, 0.9})
      for (double size : {1.0, 20.0}) {
        RegimeCountModel start;
        start.distribution = options.distribution;
        for (int i = 0; i < k; ++i) {
          const double q = (i + 0.5) / k;
          const double at = spread == 0 ? quantile(sorted, q)
                                        : sorted.front() + q * (sorted.back() - sorted.front());
          start.mean.push_back(at + 0.25 + 0.5 * i);
          start.size.push_back(size);
          start.initial.push_back(1.0 / k);
          std::vector<double> row(std::size_t(k), k > 1 ? (1.0 - stay) / (k - 1) : 1.0);
          row[std::size_t(i)] = k > 1 ? stay : 1.0;
          start.transition.push_back(row);
        }
        auto result = run_em(start, counts, options);
        if (result.objective > best.objective) best = result;
      }
  if (!std::isfinite(best.objective))
    throw Error("regime count model: no starting value gave a finite likelihood");
  RegimeCountFit fit;
  fit.model = best.model;
  if (fit.model.distribution == CountDistribution::poisson)
    fit.model.size.assign(std::size_t(k), kPoissonLimitSize);
  order_by_mean(fit.model);
  fit.log_likelihood = best.log_likelihood;
  fit.log_posterior = best.objective;
  fit.iterations = best.iterations;
  fit.converged = best.converged;
  fit.parameters = (k - 1) + k * (k - 1) + k +
                   (options.distribution == CountDistribution::negative_binomial ? k : 0);
  fit.smoothed = smoothed_probabilities(fit.model, counts);
  for (std::size_t i = 0; i < std::size_t(k); ++i) {
    double years = 0.0;
    double transitions = 0.0;  // expected transitions out of i = years in i before the last
    for (std::size_t t = 0; t < counts.size(); ++t) {
      years += fit.smoothed[t][i];
      if (t + 1 < counts.size()) transitions += fit.smoothed[t][i];
    }
    const double m = fit.model.mean[i];
    const double r =
        options.distribution == CountDistribution::poisson ? INFINITY : fit.model.size[i];
    fit.mean_se.push_back(years > 0.0 ? std::sqrt((m + m * m / r) / years) : INFINITY);
    fit.transition_se.emplace_back();
    const double n = transitions + double(k) * std::max(options.transition_pseudo_count, 0.0);
    for (double p : fit.model.transition[i])
      fit.transition_se.back().push_back(n > 0.0 ? std::sqrt(p * (1.0 - p) / n) : INFINITY);
  }
  fit.filtered_last = forward_filter(fit.model, counts).filtered.back();
  return fit;
}

}  // namespace

double count_log_pmf(CountDistribution distribution, double mean, double size, int y) {
  if (y < 0) return -std::numeric_limits<double>::infinity();
  if (mean <= 0.0) return y == 0 ? 0.0 : -std::numeric_limits<double>::infinity();
  if (distribution == CountDistribution::poisson)
    return y * std::log(mean) - mean - std::lgamma(y + 1.0);
  return std::lgamma(y + size) - std::lgamma(size) - std::lgamma(y + 1.0) +
         size * std::log(size / (size + mean)) + y * std::log(mean / (size + mean));
}

double count_upper_tail(CountDistribution distribution, double mean, double size, int threshold) {
  double below = 0.0;
  for (int y = 0; y < threshold; ++y) below += std::exp(count_log_pmf(distribution, mean, size, y));
  return std::clamp(1.0 - below, 0.0, 1.0);
}

ForwardResult forward_filter(const RegimeCountModel& model, const std::vector<int>& counts) {
  check_model(model);
  check_counts(counts);
  ForwardResult result;
  if (counts.empty()) return result;
  auto fb = forward_backward(model, counts);
  result.log_likelihood = fb.log_likelihood;
  result.filtered = std::move(fb.alpha);
  return result;
}

std::vector<std::vector<double>> smoothed_probabilities(const RegimeCountModel& model,
                                                        const std::vector<int>& counts) {
  check_model(model);
  check_counts(counts);
  if (counts.empty()) return {};
  const auto fb = forward_backward(model, counts);
  if (!std::isfinite(fb.log_likelihood))
    throw Error("regime count model: the counts have zero probability under the model");
  return posterior_from(fb);
}

std::vector<double> propagate(const std::vector<std::vector<double>>& transition,
                              std::vector<double> probabilities, int steps) {
  for (int s = 0; s < steps; ++s) {
    std::vector<double> next(probabilities.size(), 0.0);
    for (std::size_t i = 0; i < probabilities.size(); ++i)
      for (std::size_t j = 0; j < probabilities.size(); ++j)
        next[j] += probabilities[i] * transition[i][j];
    probabilities = next;
  }
  return probabilities;
}

std::vector<double> stationary_distribution(const std::vector<std::vector<double>>& transition) {
  std::vector<double> p(transition.size(), 1.0 / double(transition.size()));
  for (int round = 0; round < 100000; ++round) {
    const auto next = propagate(transition, p, 1);
    double change = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i) change += std::abs(next[i] - p[i]);
    p = next;
    if (change < 1e-14) break;
  }
  return p;
}

double probability_at_least(const RegimeCountModel& model, const std::vector<double>& regime,
                            int threshold) {
  double p = 0.0;
  for (std::size_t k = 0; k < regime.size(); ++k)
    p += regime[k] *
         count_upper_tail(model.distribution, model.mean[k], size_of(model, k), threshold);
  return p;
}

std::vector<std::vector<double>> monthly_transition(
    const std::vector<std::vector<double>>& yearly) {
  if (yearly.size() != 2 || yearly[0].size() != 2 || yearly[1].size() != 2)
    throw Error("monthly_transition: only 2-regime chains have a closed-form monthly root");
  const double a = yearly[0][1];
  const double b = yearly[1][0];
  const double lambda = 1.0 - a - b;
  if (!(lambda > 0.0))
    throw Error(fmt::format(
        "monthly_transition: the yearly chain's second eigenvalue {:.4f} is not positive, so "
        "no monthly chain has it as its 12-step matrix",
        lambda));
  if (a + b == 0.0) return {{1.0, 0.0}, {0.0, 1.0}};
  const double leave = 1.0 - std::pow(lambda, 1.0 / 12.0);
  const double am = a / (a + b) * leave;
  const double bm = b / (a + b) * leave;
  return {{1.0 - am, am}, {bm, 1.0 - bm}};
}

RegimeCountFit fit_regime_count_model(const std::vector<int>& counts,
                                      const RegimeFitOptions& options) {
  auto fit = fit_without_bootstrap(counts, options);
  if (options.bootstrap_replicates <= 0) return fit;
  const auto k = std::size_t(options.regimes);
  std::vector<std::vector<double>> means(k), sizes(k);
  std::vector<std::vector<std::vector<double>>> transitions(k, std::vector<std::vector<double>>(k));
  for (int b = 0; b < options.bootstrap_replicates; ++b) {
    RandomStream stream(options.bootstrap_seed, std::uint64_t(b),
                        purpose_id("regime_count_model:bootstrap"));
    std::vector<int> simulated(counts.size());
    int regime = draw_index(stream, fit.model.initial);
    for (std::size_t t = 0; t < counts.size(); ++t) {
      if (t > 0) regime = draw_index(stream, fit.model.transition[std::size_t(regime)]);
      simulated[t] = draw_count(stream, fit.model, regime);
    }
    RegimeCountFit refit;
    try {
      refit = fit_without_bootstrap(simulated, options);
    } catch (const Error&) {
      continue;  // e.g. an all-zero series: no rate to fit, the replicate is dropped
    }
    if (!refit.converged) continue;
    ++fit.bootstrap_replicates;
    for (std::size_t i = 0; i < k; ++i) {
      means[i].push_back(refit.model.mean[i]);
      sizes[i].push_back(refit.model.size[i]);
      for (std::size_t j = 0; j < k; ++j) transitions[i][j].push_back(refit.model.transition[i][j]);
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    fit.mean_range.push_back(range_of(means[i]));
    fit.size_range.push_back(range_of(sizes[i]));
    fit.transition_range.emplace_back();
    for (std::size_t j = 0; j < k; ++j)
      fit.transition_range[i].push_back(range_of(transitions[i][j]));
  }
  return fit;
}

RegimeCountFit fit_regime_count_model(const std::vector<YearCount>& record, int last_year,
                                      const RegimeFitOptions& options) {
  std::vector<YearCount> used;
  for (const auto& row : record)
    if (row.year <= last_year) used.push_back(row);
  std::sort(used.begin(), used.end(),
            [](const YearCount& a, const YearCount& b) { return a.year < b.year; });
  if (used.empty())
    throw Error(fmt::format("regime count model: no record at or before {}", last_year));
  std::vector<int> counts;
  for (std::size_t i = 0; i < used.size(); ++i) {
    if (i > 0 && used[i].year != used[i - 1].year + 1)
      throw Error(
          fmt::format("regime count model: the record jumps from {} to {}; years must be "
                      "consecutive",
                      used[i - 1].year, used[i].year));
    counts.push_back(used[i].count);
  }
  auto fit = fit_regime_count_model(counts, options);
  fit.first_year = used.front().year;
  fit.last_year = used.back().year;
  return fit;
}

std::vector<double> modulated_poisson_rates(const std::vector<std::vector<double>>& smoothed,
                                            const std::vector<int>& counts) {
  if (smoothed.size() != counts.size() || smoothed.empty())
    throw Error("modulated_poisson_rates: one row of regime probabilities per count is needed");
  std::vector<double> weight(smoothed[0].size(), 0.0), events(smoothed[0].size(), 0.0);
  for (std::size_t t = 0; t < counts.size(); ++t)
    for (std::size_t k = 0; k < weight.size(); ++k) {
      weight[k] += smoothed[t][k];
      events[k] += smoothed[t][k] * counts[t];
    }
  std::vector<double> rates(weight.size(), 0.0);
  for (std::size_t k = 0; k < weight.size(); ++k)
    if (weight[k] > 0.0) rates[k] = events[k] / weight[k];
  return rates;
}

EstimateRange regime_rate_range(const RegimeCountFit& fit, std::size_t i) {
  const double mean = fit.model.mean[i];
  const double se = fit.mean_se[i];
  return {std::max(mean - 1.645 * se, 0.05 * mean), mean, mean + 1.645 * se};
}

EstimateRange regime_switch_range(const RegimeCountFit& fit, std::size_t i) {
  const auto& m = fit.model;
  const std::size_t j = 1 - i;
  const auto monthly_leave = [&](double yearly_leave) {
    auto yearly = m.transition;
    yearly[i][j] = yearly_leave;
    yearly[i][i] = 1.0 - yearly_leave;
    return monthly_transition(yearly)[i][j];
  };
  const double p = m.transition[i][j];
  const double se = fit.transition_se[i][j];
  const double yearly_low = std::min(std::max(p - 1.645 * se, 0.2 * p), p);
  const double yearly_high =
      std::max(std::min(p + 1.645 * se, 0.5 * (1.0 - m.transition[j][i])), p);
  return {monthly_leave(yearly_low), monthly_transition(m.transition)[i][j],
          monthly_leave(yearly_high)};
}

EstimateRange modulated_rate_range(const RegimeCountFit& fit, const std::vector<double>& rates,
                                   std::size_t i) {
  double years = 0.0;
  for (const auto& row : fit.smoothed) years += row[i];
  const double se = std::sqrt(rates[i] / years);
  return {std::max(rates[i] - 1.645 * se, 0.05 * rates[i]), rates[i], rates[i] + 1.645 * se};
}

}  // namespace linchpin::analytics
