#include "linchpin/analytics/regime_count_model.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "linchpin/core/error.hpp"
#include "linchpin/core/random_stream.hpp"

namespace linchpin::analytics {
namespace {

RegimeCountModel two_regime_poisson() {
  RegimeCountModel model;
  model.distribution = CountDistribution::poisson;
  model.initial = {0.5, 0.5};
  model.transition = {{0.9, 0.1}, {0.2, 0.8}};
  model.mean = {1.0, 5.0};
  model.size = {kPoissonLimitSize, kPoissonLimitSize};
  return model;
}

TEST(RegimeCountModel, NegativeBinomialPmfByHand) {
  // NB(y = 2; mean 3, size 2): p = 2/5; Gamma(4)/(Gamma(2) 2!) 0.4^2 0.6^2 = 3 * 0.16 * 0.36.
  EXPECT_NEAR(std::exp(count_log_pmf(CountDistribution::negative_binomial, 3.0, 2.0, 2)), 0.1728,
              1e-12);
  // Poisson(y = 3; mean 5) = 125 e^-5 / 6.
  EXPECT_NEAR(std::exp(count_log_pmf(CountDistribution::poisson, 5.0, 0.0, 3)),
              125.0 * std::exp(-5.0) / 6.0, 1e-14);
  // P(Y >= 1) = 1 - P(0); NB(0; 3, 2) = 0.4^2.
  EXPECT_NEAR(count_upper_tail(CountDistribution::negative_binomial, 3.0, 2.0, 1), 1.0 - 0.16,
              1e-12);
}

TEST(RegimeCountModel, ForwardLikelihoodOfTwoStepsByHand) {
  // Counts (0, 3): alpha1 = 0.5 (e^-1, e^-5); alpha2_j = sum_i alpha1_i G_ij p_j(3).
  const double p0 = std::exp(-1.0), p1 = std::exp(-5.0);
  const double q0 = std::exp(-1.0) / 6.0, q1 = 125.0 * std::exp(-5.0) / 6.0;
  const double a0 = 0.5 * p0, a1 = 0.5 * p1;
  const double b0 = (a0 * 0.9 + a1 * 0.2) * q0, b1 = (a0 * 0.1 + a1 * 0.8) * q1;
  const auto result = forward_filter(two_regime_poisson(), {0, 3});
  EXPECT_NEAR(result.log_likelihood, std::log(b0 + b1), 1e-12);
  EXPECT_NEAR(result.log_likelihood, -4.33116, 1e-4);  // 0.0131518 by hand
  EXPECT_NEAR(result.filtered[0][0], a0 / (a0 + a1), 1e-12);
  EXPECT_NEAR(result.filtered[1][1], b1 / (b0 + b1), 1e-12);
}

TEST(RegimeCountModel, ForwardAndSmoothedMatchASumOverAllRegimePaths) {
  RegimeCountModel model;
  model.distribution = CountDistribution::negative_binomial;
  model.initial = {0.7, 0.3};
  model.transition = {{0.8, 0.2}, {0.35, 0.65}};
  model.mean = {0.5, 9.0};
  model.size = {0.8, 3.0};
  const std::vector<int> counts = {0, 12, 4};
  double total = 0.0;
  double middle_in_1 = 0.0;
  for (int path = 0; path < 8; ++path) {
    const int s[3] = {path & 1, (path >> 1) & 1, (path >> 2) & 1};
    double p = model.initial[std::size_t(s[0])];
    for (int t = 0; t < 3; ++t) {
      if (t > 0) p *= model.transition[std::size_t(s[t - 1])][std::size_t(s[t])];
      p *= std::exp(count_log_pmf(model.distribution, model.mean[std::size_t(s[t])],
                                  model.size[std::size_t(s[t])], counts[std::size_t(t)]));
    }
    total += p;
    if (s[1] == 1) middle_in_1 += p;
  }
  EXPECT_NEAR(forward_filter(model, counts).log_likelihood, std::log(total), 1e-12);
  EXPECT_NEAR(smoothed_probabilities(model, counts)[1][1], middle_in_1 / total, 1e-12);
}

TEST(RegimeCountModel, StationaryAndMonthlyRoot) {
  const std::vector<std::vector<double>> yearly = {{0.9, 0.1}, {0.3, 0.7}};
  const auto pi = stationary_distribution(yearly);
  EXPECT_NEAR(pi[0], 0.75, 1e-10);  // 0.3 / (0.1 + 0.3)
  const auto monthly = monthly_transition(yearly);
  // Twelve monthly steps reproduce the yearly matrix.
  for (std::size_t from = 0; from < 2; ++from) {
    std::vector<double> p(2, 0.0);
    p[from] = 1.0;
    const auto after = propagate(monthly, p, 12);
    EXPECT_NEAR(after[0], yearly[from][0], 1e-12);
    EXPECT_NEAR(after[1], yearly[from][1], 1e-12);
  }
  EXPECT_THROW(monthly_transition({{0.2, 0.8}, {0.7, 0.3}}), Error);  // eigenvalue -0.5
}

TEST(RegimeCountModel, MixtureTailProbability) {
  const auto model = two_regime_poisson();
  const double expected = 0.25 * count_upper_tail(CountDistribution::poisson, 1.0, 0.0, 4) +
                          0.75 * (1.0 - std::exp(-5.0) * (1.0 + 5.0 + 12.5 + 125.0 / 6.0));
  EXPECT_NEAR(probability_at_least(model, {0.25, 0.75}, 4), expected, 1e-12);
}

TEST(RegimeCountModel, RecoversSimulatedParameters) {
  RegimeCountModel truth;
  truth.distribution = CountDistribution::negative_binomial;
  truth.initial = {1.0, 0.0};
  truth.transition = {{0.9, 0.1}, {0.2, 0.8}};
  truth.mean = {0.6, 12.0};
  truth.size = {2.0, 4.0};
  RandomStream stream(7, 0, purpose_id("regime_count_model_test"));
  std::vector<int> counts;
  int regime = 0;
  for (int t = 0; t < 3000; ++t) {
    if (t > 0) regime = stream.uniform() < truth.transition[std::size_t(regime)][1] ? 1 : 0;
    const double size = truth.size[std::size_t(regime)];
    counts.push_back(
        int(stream.poisson(truth.mean[std::size_t(regime)] * stream.gamma(size) / size)));
  }
  RegimeFitOptions options;
  options.bootstrap_replicates = 0;
  options.transition_pseudo_count = 0.0;  // maximum likelihood
  const auto fit = fit_regime_count_model(counts, options);
  EXPECT_TRUE(fit.converged);
  EXPECT_NEAR(fit.model.mean[0], 0.6, 0.1);
  EXPECT_NEAR(fit.model.mean[1], 12.0, 0.8);
  EXPECT_NEAR(fit.model.size[1], 4.0, 1.0);
  EXPECT_NEAR(fit.model.transition[0][1], 0.1, 0.02);
  EXPECT_NEAR(fit.model.transition[1][0], 0.2, 0.04);
  // The fit is at least as likely as the truth (it is the maximum).
  EXPECT_GE(fit.log_likelihood, forward_filter(truth, counts).log_likelihood - 1e-6);
}

TEST(RegimeCountModel, LastYearCutOffUsesOnlyEarlierYears) {
  std::vector<YearCount> record;
  const int counts[] = {0, 0, 1, 0, 0, 0, 2, 0, 9, 14, 11, 0, 0, 1, 0, 12, 20, 7, 0, 0, 40};
  for (int i = 0; i < 21; ++i) record.push_back({1990 + i, counts[i]});
  RegimeFitOptions options;
  options.bootstrap_replicates = 0;
  const auto cut = fit_regime_count_model(record, 2009, options);
  EXPECT_EQ(cut.first_year, 1990);
  EXPECT_EQ(cut.last_year, 2009);
  const auto prefix = fit_regime_count_model(std::vector<int>(counts, counts + 20), options);
  EXPECT_NEAR(cut.log_likelihood, prefix.log_likelihood, 1e-12);
  EXPECT_NE(cut.log_likelihood, fit_regime_count_model(record, 2010, options).log_likelihood);
  record.erase(record.begin() + 5);
  EXPECT_THROW(fit_regime_count_model(record, 2009, options), Error);  // 1994 -> 1996 gap
}

TEST(RegimeCountModel, BootstrapRangesBracketTheFit) {
  const std::vector<int> counts = {0, 0, 1, 0, 0, 0, 2, 0, 9, 14, 11, 0, 0, 1, 0, 12, 20, 7, 0, 0};
  RegimeFitOptions options;
  options.bootstrap_replicates = 40;
  const auto fit = fit_regime_count_model(counts, options);
  EXPECT_GT(fit.bootstrap_replicates, 30);
  EXPECT_LT(fit.mean_range[1].low, fit.model.mean[1]);
  EXPECT_GT(fit.mean_range[1].high, fit.model.mean[1]);
  EXPECT_GT(fit.mean_range[1].sd, 0.0);
  // Same seed, same ranges.
  EXPECT_EQ(fit_regime_count_model(counts, options).mean_range[1].high, fit.mean_range[1].high);
}

TEST(RegimeCountModel, TransitionPriorKeepsAnUnexitedRegimeFromBeingAbsorbing) {
  // One switch into a busy regime that never ends: the ML exit probability is on the boundary
  // (0); one pseudo-transition per cell moves it inside.
  const std::vector<int> counts = {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 12, 9, 15, 7, 11, 14, 10, 13};
  RegimeFitOptions options;
  options.bootstrap_replicates = 0;
  options.transition_pseudo_count = 0.0;
  const auto ml = fit_regime_count_model(counts, options);
  EXPECT_LT(ml.model.transition[1][0], 1e-6);
  options.transition_pseudo_count = 1.0;
  const auto map = fit_regime_count_model(counts, options);
  // About (0 + 1) / (7 + 2) exits a year from the busy regime's 7 observed transitions.
  EXPECT_GT(map.model.transition[1][0], 0.05);
  EXPECT_LT(map.model.transition[1][0], 0.2);
  EXPECT_LE(map.log_likelihood, ml.log_likelihood + 1e-9);
}

TEST(RegimeCountModel, ModulatedRatesByHand) {
  // Weights (1, 0), (0.5, 0.5), (0, 1); counts 0, 2, 1: regime 0: (0 + 1) / 1.5; regime 1: 2 / 1.5.
  const auto rates = modulated_poisson_rates({{1, 0}, {0.5, 0.5}, {0, 1}}, {0, 2, 1});
  EXPECT_NEAR(rates[0], 1.0 / 1.5, 1e-12);
  EXPECT_NEAR(rates[1], 2.0 / 1.5, 1e-12);
}

TEST(RegimeCountModel, RejectsBadInput) {
  RegimeFitOptions options;
  EXPECT_THROW(fit_regime_count_model(std::vector<int>{0, 0, 0, 0, 0, 0, 0}, options), Error);
  EXPECT_THROW(fit_regime_count_model(std::vector<int>{1, 2, 3}, options), Error);
  EXPECT_THROW(forward_filter(two_regime_poisson(), {1, -1}), Error);
}

}  // namespace
}  // namespace linchpin::analytics
