#pragma once
// Runs N trials over T threads. Trials are handed out in blocks; each thread aggregates its own
// trials with integer-only statistics, so the summary is identical for any thread count.
#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "linchpin/engine/ensemble_aggregate.hpp"
#include "linchpin/engine/simulation.hpp"

namespace linchpin {

// Receives finished trials on the calling thread (blocks arrive in any order).
class TrialConsumer {
 public:
  virtual ~TrialConsumer() = default;
  virtual void consume(std::vector<TrialOutcome>& batch) = 0;
};

struct RunOptions {
  std::uint64_t trials = 1000;
  std::uint64_t seed = 1;
  unsigned threads = 1;
  std::uint64_t trace_trials = 0;  // trials 0..trace_trials-1 keep their full event trace
  const std::atomic<bool>* cancel = nullptr;  // set by the caller to stop early
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
  TrialConsumer* consumer = nullptr;
};

struct EnsembleRun {
  EnsembleSummary summary;
  std::uint64_t trials_completed = 0;
  bool cancelled = false;
  double seconds = 0.0;
};

EnsembleRun run_ensemble(const Simulation& simulation, const RunOptions& options);

}  // namespace linchpin
