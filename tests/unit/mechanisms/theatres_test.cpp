#include "linchpin/mechanisms/theatres.hpp"

#include <gtest/gtest.h>

namespace linchpin {
namespace {

TEST(NextTheatreCondition, HandComputedThresholds) {
  TransitionMatrix m{};
  m[int(TheatreCondition::crisis)][int(TheatreCondition::calm)] = 0.10;
  m[int(TheatreCondition::crisis)][int(TheatreCondition::war)] = 0.02;
  // Targets are visited in order calm, war: calm if u < 0.10, war if u < 0.12, else stay.
  EXPECT_EQ(next_theatre_condition(TheatreCondition::crisis, m, 0.05), TheatreCondition::calm);
  EXPECT_EQ(next_theatre_condition(TheatreCondition::crisis, m, 0.11), TheatreCondition::war);
  EXPECT_EQ(next_theatre_condition(TheatreCondition::crisis, m, 0.1201), TheatreCondition::crisis);
  EXPECT_EQ(next_theatre_condition(TheatreCondition::crisis, m, 0.99), TheatreCondition::crisis);
  EXPECT_EQ(next_theatre_condition(TheatreCondition::calm, m, 0.001), TheatreCondition::calm);
}

}  // namespace
}  // namespace linchpin
