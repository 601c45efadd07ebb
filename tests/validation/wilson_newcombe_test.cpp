// Validation: the Wilson score interval reproduces the published values of Newcombe (1998),
// "Two-sided confidence intervals for the single proportion: comparison of seven methods",
// Statistics in Medicine 17:857-872, Table I, method 3 (score method without continuity
// correction), to the four decimals printed there.
#include <gtest/gtest.h>

#include "linchpin/core/statistics.hpp"

namespace linchpin {
namespace {

struct PublishedCase {
  int successes;
  int trials;
  double low;
  double high;
};

TEST(ValidationWilsonNewcombe1998, TableOneScoreMethod) {
  const PublishedCase cases[] = {
      {81, 263, 0.2553, 0.3662},
      {15, 148, 0.0624, 0.1605},
      {0, 20, 0.0000, 0.1611},
      {1, 29, 0.0061, 0.1718},
  };
  for (const auto& c : cases) {
    const auto interval = wilson_interval(c.successes, c.trials);
    EXPECT_NEAR(interval.low, c.low, 5e-5) << c.successes << "/" << c.trials;
    EXPECT_NEAR(interval.high, c.high, 5e-5) << c.successes << "/" << c.trials;
  }
}

}  // namespace
}  // namespace linchpin
