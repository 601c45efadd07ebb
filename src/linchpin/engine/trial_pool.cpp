#include "linchpin/engine/trial_pool.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace linchpin {

void for_each_trial(std::uint64_t trials, unsigned threads,
                    const std::function<void(std::uint64_t)>& work) {
  std::atomic<std::uint64_t> next{0};
  auto worker = [&] {
    for (std::uint64_t trial = next++; trial < trials; trial = next++) work(trial);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::max(1u, threads); ++t) pool.emplace_back(worker);
  worker();
  for (auto& thread : pool) thread.join();
}

}  // namespace linchpin
