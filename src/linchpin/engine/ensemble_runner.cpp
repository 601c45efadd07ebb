#include "linchpin/engine/ensemble_runner.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

namespace linchpin {

namespace {
constexpr std::uint64_t kBlockSize = 64;
}

EnsembleRun run_ensemble(const Simulation& simulation, const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const unsigned threads = std::max(1u, options.threads);
  const std::uint64_t blocks = (options.trials + kBlockSize - 1) / kBlockSize;
  std::atomic<std::uint64_t> next_block{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::condition_variable ready;
  std::condition_variable space;
  std::deque<std::vector<TrialOutcome>> queue;
  unsigned running = threads;
  std::exception_ptr error;
  const std::size_t max_queued = 4 * threads;

  std::vector<std::unique_ptr<EnsembleAggregate>> aggregates;
  for (unsigned t = 0; t < threads; ++t)
    aggregates.push_back(std::make_unique<EnsembleAggregate>(simulation));

  auto stopped = [&] {
    return failed.load() || (options.cancel != nullptr && options.cancel->load());
  };

  auto worker = [&](unsigned index) {
    try {
      EnsembleAggregate& aggregate = *aggregates[index];
      while (!stopped()) {
        const std::uint64_t block = next_block.fetch_add(1);
        if (block >= blocks) break;
        const std::uint64_t first = block * kBlockSize;
        const std::uint64_t last = std::min(options.trials, first + kBlockSize);
        std::vector<TrialOutcome> batch;
        batch.reserve(last - first);
        for (std::uint64_t trial = first; trial < last; ++trial) {
          batch.push_back(
              simulation.run_trial(options.seed, trial, trial < options.trace_trials, aggregate));
          aggregate.add_trial(batch.back());
        }
        std::unique_lock lock(mutex);
        space.wait(lock, [&] { return queue.size() < max_queued || failed.load(); });
        queue.push_back(std::move(batch));
        ready.notify_one();
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!error) error = std::current_exception();
      failed = true;
      space.notify_all();
    }
    std::lock_guard lock(mutex);
    --running;
    ready.notify_one();
  };

  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker, t);

  std::uint64_t done = 0;
  try {
    while (true) {
      std::vector<TrialOutcome> batch;
      {
        std::unique_lock lock(mutex);
        ready.wait(lock, [&] { return !queue.empty() || running == 0; });
        if (queue.empty()) break;
        batch = std::move(queue.front());
        queue.pop_front();
        space.notify_one();
      }
      done += batch.size();
      if (options.consumer != nullptr) options.consumer->consume(batch);
      if (options.progress) options.progress(done, options.trials);
    }
  } catch (...) {
    std::lock_guard lock(mutex);
    if (!error) error = std::current_exception();
    failed = true;
    space.notify_all();
  }
  for (auto& thread : pool) thread.join();
  if (error) std::rethrow_exception(error);

  for (unsigned t = 1; t < threads; ++t) aggregates[0]->merge(*aggregates[t]);
  EnsembleRun run;
  run.summary = aggregates[0]->summarize();
  run.trials_completed = aggregates[0]->trials();
  run.cancelled = run.trials_completed < options.trials;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return run;
}

}  // namespace linchpin
