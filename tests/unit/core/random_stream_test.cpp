#include "linchpin/core/random_stream.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace linchpin {
namespace {

TEST(RandomStream, SameKeySameSequence) {
  RandomStream a(7, 3, "purpose");
  RandomStream b(7, 3, "purpose");
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next_u32(), b.next_u32());
}

TEST(RandomStream, DifferentTrialSeedOrPurposeDiffer) {
  RandomStream base(7, 3, "purpose");
  RandomStream trial(7, 4, "purpose");
  RandomStream seed(8, 3, "purpose");
  RandomStream purpose(7, 3, "other");
  const auto first = base.next_u32();
  EXPECT_NE(first, trial.next_u32());
  EXPECT_NE(first, seed.next_u32());
  EXPECT_NE(first, purpose.next_u32());
}

TEST(RandomStream, PhiloxKnownAnswer) {
  // Random123's published known-answer vector for Philox4x32-10 with zero counter and key
  // (kat_vectors: philox4x32 10 ... 6627e8d5 e169c58d bc57ac4c 9b00dbd8).
  RandomStream stream(0, 0, std::uint32_t{0});
  EXPECT_EQ(stream.next_u32(), 0x6627e8d5u);
  EXPECT_EQ(stream.next_u32(), 0xe169c58du);
  EXPECT_EQ(stream.next_u32(), 0xbc57ac4cu);
  EXPECT_EQ(stream.next_u32(), 0x9b00dbd8u);
}

TEST(RandomStream, UniformIsOpenAndCentred) {
  RandomStream stream(1, 0, "uniform");
  double sum = 0.0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double u = stream.uniform();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / n, 0.5, 0.005);  // sd of the mean is 0.00065
}

TEST(RandomStream, PoissonMeanAndVarianceSmallAndLarge) {
  for (double mean : {0.3, 2.5, 45.0}) {
    RandomStream stream(2, 0, "poisson");
    const int n = 100000;
    double sum = 0.0;
    double squares = 0.0;
    for (int i = 0; i < n; ++i) {
      const double k = stream.poisson(mean);
      sum += k;
      squares += k * k;
    }
    const double m = sum / n;
    const double variance = squares / n - m * m;
    EXPECT_NEAR(m, mean, 5.0 * std::sqrt(mean / n)) << mean;
    EXPECT_NEAR(variance, mean, 0.05 * mean + 0.02) << mean;
  }
}

TEST(RandomStream, BetaMeanMatches) {
  RandomStream stream(3, 0, "beta");
  const int n = 100000;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += stream.beta(9.0, 12.0);
  EXPECT_NEAR(sum / n, 9.0 / 21.0, 0.003);
}

TEST(RandomStream, GammaBelowOneMean) {
  RandomStream stream(4, 0, "gamma");
  const int n = 100000;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += stream.gamma(0.5);
  EXPECT_NEAR(sum / n, 0.5, 0.01);
}

TEST(RandomStream, IndexCoversRangeUniformly) {
  RandomStream stream(5, 0, "index");
  std::vector<int> counts(5, 0);
  for (int i = 0; i < 50000; ++i) ++counts[stream.index(5)];
  for (int c : counts) EXPECT_NEAR(c, 10000, 400);
}

}  // namespace
}  // namespace linchpin
