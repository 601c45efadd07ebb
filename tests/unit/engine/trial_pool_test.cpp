#include "linchpin/engine/trial_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

namespace linchpin {
namespace {

TEST(TrialPool, RunsEveryTrialExactlyOnceOnAnyThreadCount) {
  for (unsigned threads : {0u, 1u, 2u, 5u}) {
    std::vector<std::atomic<int>> calls(1000);
    for_each_trial(calls.size(), threads, [&](std::uint64_t trial) { ++calls[trial]; });
    for (const auto& count : calls) EXPECT_EQ(count.load(), 1) << threads << " threads";
  }
  int called = 0;
  for_each_trial(0, 2, [&](std::uint64_t) { ++called; });
  EXPECT_EQ(called, 0);
}

}  // namespace
}  // namespace linchpin
