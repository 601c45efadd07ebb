#include "linchpin/scenario/quantity.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace linchpin {
namespace {

Quantity make(DistributionKind kind) {
  Quantity q;
  q.kind = kind;
  q.key_path = "test.quantity";
  return q;
}

TEST(Quantity, FixedIsItsValue) {
  Quantity q = Quantity::constant(28500.0, "src");
  RandomStream stream(1, 1, "x");
  EXPECT_EQ(q.sample(stream), 28500.0);
  EXPECT_EQ(q.nominal(), 28500.0);
  EXPECT_FALSE(q.is_random());
  EXPECT_EQ(q.sample_for_trial(1, 99), 28500.0);
}

TEST(Quantity, UniformStaysInsideAndCentres) {
  Quantity q = make(DistributionKind::uniform);
  q.low = 1.0;
  q.high = 3.0;
  RandomStream stream(1, 1, "x");
  double sum = 0.0;
  for (int i = 0; i < 20000; ++i) {
    const double v = q.sample(stream);
    ASSERT_GE(v, 1.0);
    ASSERT_LE(v, 3.0);
    sum += v;
  }
  EXPECT_NEAR(sum / 20000, 2.0, 0.02);
  EXPECT_EQ(q.nominal(), 2.0);
  EXPECT_EQ(q.describe(), "uniform(1, 3)");
}

TEST(Quantity, TruncatedNormalRespectsBounds) {
  Quantity q = make(DistributionKind::normal);
  q.mean = 0.9;
  q.sd = 0.2;
  q.has_low = q.has_high = true;
  q.low = 0.0;
  q.high = 1.0;
  RandomStream stream(2, 1, "x");
  for (int i = 0; i < 20000; ++i) {
    const double v = q.sample(stream);
    ASSERT_GE(v, 0.0);
    ASSERT_LE(v, 1.0);
  }
  EXPECT_EQ(q.support_low(), 0.0);
  EXPECT_EQ(q.support_high(), 1.0);
}

TEST(Quantity, TriangularMeanIsThirdOfSum) {
  Quantity q = make(DistributionKind::triangular);
  q.low = 0.0;
  q.mode = 1.0;
  q.high = 5.0;
  RandomStream stream(3, 1, "x");
  double sum = 0.0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) sum += q.sample(stream);
  EXPECT_NEAR(sum / n, 2.0, 0.02);
  EXPECT_NEAR(q.nominal(), 2.0, 1e-12);
}

TEST(Quantity, TrialDrawDependsOnTrialAndKeyPathOnly) {
  Quantity q = make(DistributionKind::beta);
  q.alpha = 9;
  q.beta = 12;
  EXPECT_EQ(q.sample_for_trial(5, 10), q.sample_for_trial(5, 10));
  EXPECT_NE(q.sample_for_trial(5, 10), q.sample_for_trial(5, 11));
  Quantity other = q;
  other.key_path = "another.path";
  EXPECT_NE(q.sample_for_trial(5, 10), other.sample_for_trial(5, 10));
}

}  // namespace
}  // namespace linchpin

namespace linchpin {
namespace {

Quantity normal_quantity(double mean, double sd, std::string key_path) {
  Quantity q;
  q.kind = DistributionKind::normal;
  q.mean = mean;
  q.sd = sd;
  q.key_path = std::move(key_path);
  return q;
}

TEST(QuantityJointDraw, ZeroCorrelationIsTheIndependentDraw) {
  Quantity slope = normal_quantity(2.0, 1.5, "m.slope");
  slope.correlated_with = "intercept";
  slope.correlation = 0.0;
  for (std::uint64_t trial = 0; trial < 20; ++trial)
    EXPECT_EQ(slope.sample_correlated_for_trial(7, trial, 1.3), slope.sample_for_trial(7, trial));
}

TEST(QuantityJointDraw, PartnerScoreMapsBackToItsDraw) {
  // The normal score is the standard-normal coordinate of the draw: mean + sd * score.
  const Quantity intercept = normal_quantity(-5.0, 0.5, "m.intercept");
  for (std::uint64_t trial = 0; trial < 20; ++trial)
    EXPECT_NEAR(intercept.sample_for_trial(11, trial),
                -5.0 + 0.5 * intercept.normal_score_for_trial(11, trial), 1e-9);
}

TEST(QuantityJointDraw, FullCorrelationFollowsThePartner) {
  // correlation 1: the slope's score equals the partner's score exactly.
  Quantity slope = normal_quantity(2.0, 1.5, "m.slope");
  slope.correlation = 1.0;
  slope.correlated_with = "intercept";
  EXPECT_NEAR(slope.sample_correlated_for_trial(3, 0, 0.8), 2.0 + 1.5 * 0.8, 1e-9);
  EXPECT_NEAR(slope.sample_correlated_for_trial(3, 0, -1.2), 2.0 - 1.5 * 1.2, 1e-9);
}

TEST(QuantityJointDraw, SampleCorrelationMatchesTheFit) {
  const Quantity intercept = normal_quantity(-5.0, 0.5, "m.intercept");
  Quantity slope = normal_quantity(2.0, 1.5, "m.slope");
  slope.correlated_with = "intercept";
  slope.correlation = -0.6;
  slope.has_low = true;  // truncation far in the tail: the marginal stays in bounds
  slope.low = -4.0;
  const int n = 4000;
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (int trial = 0; trial < n; ++trial) {
    const double x = intercept.sample_for_trial(5, std::uint64_t(trial));
    const double y = slope.sample_correlated_for_trial(
        5, std::uint64_t(trial), intercept.normal_score_for_trial(5, std::uint64_t(trial)));
    EXPECT_GE(y, -4.0);
    sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
  }
  const double cov = sxy / n - sx / n * sy / n;
  const double r = cov / std::sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
  // Fisher z: the standard error of r is about (1 - 0.36) / sqrt(4000) = 0.010.
  EXPECT_NEAR(r, -0.6, 0.04);
  EXPECT_NEAR(sy / n, 2.0, 0.08);  // the marginal mean is kept
}

}  // namespace
}  // namespace linchpin

namespace linchpin {
namespace {

TEST(QuantityEmpirical, MembersOfADrawGroupTakeTheSameRow) {
  Quantity a, b;
  a.kind = b.kind = DistributionKind::empirical;
  a.values = {1, 2, 3, 4};
  b.values = {10, 20, 30, 40};
  a.draw_group = std::string(1, 'g');
  b.draw_group = a.draw_group;
  a.key_path = "m.a";
  b.key_path = "m.b";
  std::set<double> seen;
  for (std::uint64_t trial = 0; trial < 200; ++trial) {
    const double x = a.sample_for_trial(3, trial);
    EXPECT_DOUBLE_EQ(b.sample_for_trial(3, trial), 10.0 * x);  // the same row
    seen.insert(x);
  }
  EXPECT_EQ(seen.size(), 4u);  // every row is reachable
  EXPECT_DOUBLE_EQ(a.nominal(), 2.5);
  EXPECT_DOUBLE_EQ(a.support_low(), 1.0);
  EXPECT_DOUBLE_EQ(a.support_high(), 4.0);
  // Without a group each quantity has its own stream: rows are no longer tied.
  a.draw_group = std::string();
  b.draw_group = std::string();
  int tied = 0;
  for (std::uint64_t trial = 0; trial < 200; ++trial)
    tied += b.sample_for_trial(3, trial) == 10.0 * a.sample_for_trial(3, trial);
  EXPECT_LT(tied, 100);
}

}  // namespace
}  // namespace linchpin
