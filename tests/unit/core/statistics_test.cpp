#include "linchpin/core/statistics.hpp"

#include <gtest/gtest.h>

namespace linchpin {
namespace {

TEST(WilsonInterval, HandComputedCase) {
  // p = 0.5, n = 100, z = 1.96: centre 0.5, half width 1.96*sqrt(0.0025+0.000096)/1.038416
  const auto interval = wilson_interval(50, 100);
  EXPECT_NEAR(interval.low, 0.403832, 1e-5);
  EXPECT_NEAR(interval.high, 0.596168, 1e-5);
}

TEST(WilsonInterval, EdgesStayInsideUnitInterval) {
  const auto none = wilson_interval(0, 10);
  EXPECT_EQ(none.low, 0.0);
  EXPECT_NEAR(none.high, 0.277533, 1e-5);
  const auto all = wilson_interval(10, 10);
  EXPECT_EQ(all.high, 1.0);
  EXPECT_NEAR(all.low, 0.722467, 1e-5);
  const auto empty = wilson_interval(0, 0);
  EXPECT_EQ(empty.low, 0.0);
  EXPECT_EQ(empty.high, 1.0);
}

TEST(NormalQuantile, InvertsTheCdf) {
  for (double p : {1e-6, 0.01, 0.025, 0.3, 0.5, 0.7, 0.975, 0.999999}) {
    EXPECT_NEAR(normal_cdf(normal_quantile(p)), p, 1e-12 + p * 1e-9) << p;
  }
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-9);
  EXPECT_EQ(normal_quantile(0.5), 0.0);
}

}  // namespace
}  // namespace linchpin
