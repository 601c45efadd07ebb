#include "linchpin/analysis/forecast_scores.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace linchpin::analysis {
namespace {

TEST(ForecastScores, RankedProbabilityScoreByHand) {
  // A point mass on the observation scores 0; on another count, |x - y| (each step of the
  // cumulative distributions in between contributes (0 - 1)^2 or (1 - 0)^2).
  EXPECT_DOUBLE_EQ(ranked_probability_score({0, 0, 1}, 2), 0.0);
  EXPECT_DOUBLE_EQ(ranked_probability_score({0, 0, 1}, 0), 2.0);
  EXPECT_DOUBLE_EQ(ranked_probability_score({1}, 3), 3.0);
  // {0.5, 0.5}: y = 1 -> (0.5 - 0)^2 + (1 - 1)^2 = 0.25; y = 3 -> 0.25 + 1 + 1 + 0 = 2.25.
  EXPECT_DOUBLE_EQ(ranked_probability_score({0.5, 0.5}, 1), 0.25);
  EXPECT_DOUBLE_EQ(ranked_probability_score({0.5, 0.5}, 0), 0.25);
  EXPECT_DOUBLE_EQ(ranked_probability_score({0.5, 0.5}, 3), 2.25);
  // {0.2, 0.5, 0.3}, y = 1: F = 0.2, 0.7, 1 against 0, 1, 1: 0.04 + 0.09 + 0 = 0.13.
  EXPECT_NEAR(ranked_probability_score({0.2, 0.5, 0.3}, 1), 0.13, 1e-12);
}

TEST(ForecastScores, BrierOfAnyEvent) {
  EXPECT_NEAR(brier_any_event({0.2, 0.5, 0.3}, 0), 0.64, 1e-12);  // (0.8 - 0)^2
  EXPECT_NEAR(brier_any_event({0.2, 0.5, 0.3}, 2), 0.04, 1e-12);  // (0.8 - 1)^2
  EXPECT_DOUBLE_EQ(brier_any_event({1.0}, 0), 0.0);
}

TEST(ForecastScores, LogScoreFloorIsOnePseudoTrial) {
  // A point mass at 0 of 9 trials, observation 2: e = 1/10 spread over 0..2, p(2) = 1/30.
  const auto floored = floored_pmf({1.0}, 2, 9.0);
  ASSERT_EQ(floored.size(), 3u);
  EXPECT_NEAR(floored[0], 0.9 + 0.1 / 3.0, 1e-12);
  EXPECT_NEAR(std::accumulate(floored.begin(), floored.end(), 0.0), 1.0, 1e-12);
  EXPECT_NEAR(log_score({1.0}, 2, 9.0), std::log(30.0), 1e-12);
  // A forecast that puts all its mass on the observation still pays for the floor: -log(0.9 + 0.1).
  EXPECT_NEAR(log_score({0.0, 1.0}, 1, 9.0), -std::log(0.9 + 0.05), 1e-12);
}

TEST(ForecastScores, PitOfCounts) {
  const CountPmf pmf = {0.2, 0.5, 0.3};
  EXPECT_NEAR(randomised_pit(pmf, 1, 0.5), 0.45, 1e-12);  // F(0) + 0.5 (F(1) - F(0))
  EXPECT_NEAR(randomised_pit(pmf, 0, 1.0), 0.2, 1e-12);
  EXPECT_NEAR(pit_value_function(pmf, 1, 0.45), 0.5, 1e-12);  // (0.45 - 0.2) / 0.5
  EXPECT_EQ(pit_value_function(pmf, 1, 0.1), 0.0);
  EXPECT_EQ(pit_value_function(pmf, 1, 0.8), 1.0);
  // {0.5, 0.5} and y = 0: the randomised PIT is uniform on (0, 0.5): all mass in bin 1 of 2.
  const auto h = pit_histogram({{0.5, 0.5}}, {0}, 2);
  EXPECT_NEAR(h[0], 1.0, 1e-12);
  EXPECT_NEAR(h[1], 0.0, 1e-12);
  // y = 1 with {0.5, 0.5}: uniform on (0.5, 1); 4 bins -> 0, 0, 0.5, 0.5.
  const auto h4 = pit_histogram({{0.5, 0.5}}, {1}, 4);
  EXPECT_NEAR(h4[0], 0.0, 1e-12);
  EXPECT_NEAR(h4[2], 0.5, 1e-12);
  EXPECT_NEAR(h4[3], 0.5, 1e-12);
  // An observation beyond the forecast's support has PIT 1 (last bin); one where the forecast
  // has no mass at or below it, PIT 0 (first bin).
  const auto beyond = pit_histogram({{0.5, 0.5}, {0.0, 1.0}}, {5, 0}, 4);
  EXPECT_NEAR(beyond[0], 1.0, 1e-12);
  EXPECT_NEAR(beyond[3], 1.0, 1e-12);
  EXPECT_NEAR(beyond[1] + beyond[2], 0.0, 1e-12);
  EXPECT_EQ(pit_value_function({0.5, 0.5}, 5, 0.99), 0.0);
  EXPECT_EQ(pit_value_function({0.5, 0.5}, 5, 1.0), 1.0);
}

TEST(ForecastScores, PoissonAndNegativeBinomialPmfs) {
  const auto p = poisson_pmf(2.0);
  EXPECT_NEAR(p[0], std::exp(-2.0), 1e-12);
  EXPECT_NEAR(p[1], 2.0 * std::exp(-2.0), 1e-12);
  EXPECT_NEAR(std::accumulate(p.begin(), p.end(), 0.0), 1.0, 1e-11);
  EXPECT_EQ(poisson_pmf(0.0), CountPmf({1.0}));
  // Mean 2, variance 6: size 4 / (6 - 2) = 1, p = 1/3: geometric (1/3)(2/3)^k.
  const auto nb = negative_binomial_pmf(2.0, 6.0);
  EXPECT_NEAR(nb[0], 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(nb[1], 2.0 / 9.0, 1e-12);
  EXPECT_NEAR(nb[3], (1.0 / 3.0) * std::pow(2.0 / 3.0, 3), 1e-12);
  EXPECT_NEAR(std::accumulate(nb.begin(), nb.end(), 0.0), 1.0, 1e-11);
  // Not over-dispersed: Poisson.
  EXPECT_EQ(negative_binomial_pmf(2.0, 1.5), poisson_pmf(2.0));
}

TEST(ForecastScores, Baselines) {
  EXPECT_EQ(baseline_pmf(Forecaster::persistence, {0, 3}), poisson_pmf(3.0));
  EXPECT_EQ(baseline_pmf(Forecaster::poisson, {0, 3}), poisson_pmf(1.5));
  const auto boot = baseline_pmf(Forecaster::bootstrap_last5, {1, 2, 3, 4, 5, 6});
  ASSERT_EQ(boot.size(), 7u);
  EXPECT_EQ(boot[1], 0.0);  // the sixth-last year is not used
  EXPECT_NEAR(boot[2], 0.2, 1e-12);
  EXPECT_NEAR(boot[6], 0.2, 1e-12);
  // {0, 0, 0, 4}: mean 1, variance 4 -> size 1/3.
  EXPECT_EQ(baseline_pmf(Forecaster::negative_binomial, {0, 0, 0, 4}),
            negative_binomial_pmf(1.0, 4.0));
  EXPECT_EQ(baseline_pmf(Forecaster::poisson, {}), CountPmf({1.0}));
  const auto mv = mean_variance({1, 2, 3});
  EXPECT_DOUBLE_EQ(mv.mean, 2.0);
  EXPECT_DOUBLE_EQ(mv.variance, 1.0);
}

TEST(ForecastScores, SkillAndItsBootstrap) {
  const auto same = skill_score({1, 1}, {2, 2}, 7);
  EXPECT_DOUBLE_EQ(same.skill, 0.5);
  EXPECT_DOUBLE_EQ(same.low, 0.5);  // every resample has the same ratio
  EXPECT_DOUBLE_EQ(same.high, 0.5);
  const auto mixed = skill_score({1, 3, 0.5, 2}, {2, 1, 1, 1}, 7);
  EXPECT_NEAR(mixed.skill, 1.0 - 6.5 / 5.0, 1e-12);
  EXPECT_LT(mixed.low, mixed.skill);
  EXPECT_GT(mixed.high, mixed.skill);
  EXPECT_EQ(skill_score({1, 3, 0.5, 2}, {2, 1, 1, 1}, 7).low, mixed.low);  // fixed seed
  EXPECT_TRUE(std::isnan(skill_score({1}, {0}, 7).skill));
}

TEST(ForecastScores, GarwoodPoissonInterval) {
  // 0 events: [0, -ln 0.05]; 1 event: [-ln 0.95, chi2(0.95; 4) / 2 = 4.74386].
  const auto zero = poisson_mean_interval(0, 1, 0.9);
  EXPECT_EQ(zero.low, 0.0);
  EXPECT_NEAR(zero.high, -std::log(0.05), 1e-9);
  const auto one = poisson_mean_interval(1, 1, 0.9);
  EXPECT_NEAR(one.low, -std::log(0.95), 1e-9);
  EXPECT_NEAR(one.high, 4.743865, 1e-5);
  // Per period: 13 events in 15 years; chi2 quantiles 26 df 5% = 15.379, 28 df 95% = 41.337.
  const auto crises = poisson_mean_interval(13, 15, 0.9);
  EXPECT_NEAR(crises.low, 15.3792 / 2 / 15, 1e-4);
  EXPECT_NEAR(crises.high, 41.3371 / 2 / 15, 1e-4);
}

}  // namespace
}  // namespace linchpin::analysis
