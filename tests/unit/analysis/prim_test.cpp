#include "linchpin/analysis/prim.hpp"

#include <gtest/gtest.h>

#include "linchpin/core/error.hpp"

namespace linchpin::analysis {
namespace {

Design line(int count) {
  Design inputs(std::size_t(count), 1);
  for (int r = 0; r < count; ++r) inputs(std::size_t(r), 0) = r;
  return inputs;
}

TEST(Prim, PeelsTheLowerSideOffAStep) {
  // x = 0..19, y = 1 for x >= 10. alpha = 0.1: the first peel removes 2 rows; the lower peel
  // leaves mean 10/18, the upper 8/18, so the lower is taken.
  const Design inputs = line(20);
  std::vector<double> y(20, 0.0);
  for (int r = 10; r < 20; ++r) y[std::size_t(r)] = 1.0;
  PrimOptions options;
  options.peel_alpha = 0.1;
  const auto trajectory = prim_peel(inputs, y, options);
  ASSERT_GE(trajectory.size(), 2u);
  EXPECT_DOUBLE_EQ(trajectory[0].mass, 1.0);
  EXPECT_DOUBLE_EQ(trajectory[0].density, 0.5);
  EXPECT_TRUE(trajectory[0].restricted.empty());
  EXPECT_DOUBLE_EQ(trajectory[1].box.lower[0], 2.0);
  EXPECT_DOUBLE_EQ(trajectory[1].density, 10.0 / 18.0);
  EXPECT_DOUBLE_EQ(trajectory[1].coverage, 1.0);
  EXPECT_DOUBLE_EQ(trajectory[1].mass, 0.9);
  EXPECT_EQ(trajectory[1].restricted, std::vector<std::size_t>{0});
  // The highest-coverage box of density 1 is exactly [10, 19].
  const std::size_t pick = select_box(trajectory, 1.0);
  ASSERT_LT(pick, trajectory.size());
  EXPECT_DOUBLE_EQ(trajectory[pick].box.lower[0], 10.0);
  EXPECT_DOUBLE_EQ(trajectory[pick].box.upper[0], 19.0);
  EXPECT_DOUBLE_EQ(trajectory[pick].coverage, 1.0);
  EXPECT_DOUBLE_EQ(trajectory[pick].mass, 0.5);
  // Mass never falls below min_mass (0.05 of 20 rows = 1 row), coverage never rises.
  for (std::size_t k = 1; k < trajectory.size(); ++k) {
    EXPECT_GE(trajectory[k].mass, 0.05);
    EXPECT_LE(trajectory[k].coverage, trajectory[k - 1].coverage);
  }
  EXPECT_EQ(select_box(trajectory, 1.5), trajectory.size());
}

TEST(Prim, PastesBackWhileTheMeanRises) {
  // y = 1 for x in 5..14. From [7, 19] (8/13): adding x = 6 gives 9/14, x = 5 gives 10/15,
  // x = 4 would give 10/16 < 10/15, so pasting stops at [5, 19].
  const Design inputs = line(20);
  std::vector<double> y(20, 0.0);
  for (int r = 5; r < 15; ++r) y[std::size_t(r)] = 1.0;
  const PrimBox bounds = data_bounds(inputs);
  const auto start = box_statistics(inputs, y, {{7.0}, {19.0}}, bounds);
  EXPECT_DOUBLE_EQ(start.density, 8.0 / 13.0);
  const auto pasted = prim_paste(inputs, y, start, bounds);
  EXPECT_DOUBLE_EQ(pasted.box.lower[0], 5.0);
  EXPECT_DOUBLE_EQ(pasted.box.upper[0], 19.0);
  EXPECT_DOUBLE_EQ(pasted.density, 10.0 / 15.0);
}

TEST(Prim, RejectsBadInput) {
  const Design inputs = line(5);
  EXPECT_THROW(prim_peel(inputs, std::vector<double>(4, 0.0)), InputError);
  EXPECT_THROW(prim_peel(inputs, std::vector<double>{0, 1, -1, 0, 0}), InputError);
  PrimOptions options;
  options.peel_alpha = 1.5;
  EXPECT_THROW(prim_peel(inputs, std::vector<double>(5, 0.0), options), InputError);
}

}  // namespace
}  // namespace linchpin::analysis
