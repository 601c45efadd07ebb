#include "linchpin/analysis/run_comparison.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "linchpin/api/linchpin_api.hpp"
#include "test_support.hpp"

namespace linchpin::analysis {
namespace {

TEST(RunComparison, NewcombeHybridScoreIntervalMatchesThePaper) {
  // Newcombe (1998), Statistics in Medicine 17:873-890, Table II example (a): 56/70 - 48/80,
  // method 10 (score, hybrid): 0.0524 to 0.3339.
  const Interval interval = newcombe_difference_interval(48, 80, 56, 70);
  EXPECT_NEAR(interval.low, 0.0524, 5e-5);
  EXPECT_NEAR(interval.high, 0.3339, 5e-5);
}

TEST(RunComparison, PairedDifferenceByHand) {
  // Trials 0..9; A in {0, 1, 2}, B in {1, 2, 3, 4}: d = -1 once, +1 twice, 0 seven times.
  // mean 0.1; sample variance (3/10 - 0.01) * 10/9 = 0.32222; se = sqrt(0.032222) = 0.179505.
  const auto row = paired_indicator_difference({0, 1, 2}, {1, 2, 3, 4}, 10);
  EXPECT_DOUBLE_EQ(row.probability_a, 0.3);
  EXPECT_DOUBLE_EQ(row.probability_b, 0.4);
  EXPECT_NEAR(row.difference, 0.1, 1e-12);
  EXPECT_NEAR(row.low, 0.1 - 1.959964 * 0.179505, 1e-5);
  EXPECT_NEAR(row.high, 0.1 + 1.959964 * 0.179505, 1e-5);
  // Identical runs: no difference and a zero-width interval.
  const auto same = paired_indicator_difference({1, 5}, {1, 5}, 10);
  EXPECT_EQ(same.difference, 0.0);
  EXPECT_EQ(same.low, 0.0);
  EXPECT_EQ(same.high, 0.0);
}

TEST(RunComparison, PairsRunsThatShareRandomNumbersOnly) {
  const auto dir = std::filesystem::temp_directory_path() / "linchpin_compare_test";
  std::filesystem::create_directories(dir);
  auto run = [&](const std::string& name, std::uint64_t seed) {
    RunRequest request;
    request.scenario_path = (test::source_dir() / "tests/scenarios/minimal.yaml").string();
    request.trials = 200;
    request.seed = seed;
    request.out_path = (dir / name).string();
    request.overwrite = true;
    return run_scenario(request).out_path;
  };
  const auto a = run("a.sqlite", 1);
  const auto b = run("b.sqlite", 1);
  const auto c = run("c.sqlite", 2);
  const auto same = compare_runs(a, b);
  EXPECT_TRUE(same.paired);
  ASSERT_FALSE(same.outcomes.empty());
  for (const auto& row : same.outcomes) EXPECT_EQ(row.difference, 0.0) << row.outcome;
  const auto other = compare_runs(a, c);
  EXPECT_FALSE(other.paired);
  for (const auto& row : other.outcomes) {
    EXPECT_LE(row.low, row.difference);
    EXPECT_GE(row.high, row.difference);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace linchpin::analysis
