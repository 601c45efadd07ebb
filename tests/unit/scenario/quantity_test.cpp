#include "linchpin/scenario/quantity.hpp"

#include <gtest/gtest.h>

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
