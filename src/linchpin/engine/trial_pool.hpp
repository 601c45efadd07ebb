#pragma once
// A minimal parallel loop over trial numbers for analyses that need per-trial values (pillar
// ablation, backtest) rather than the ensemble runner's aggregates.
#include <cstdint>
#include <functional>

namespace linchpin {

// Calls work(trial) exactly once for each trial in 0..trials-1, on `threads` threads (the calling
// thread included; 0 counts as 1). Callers write results into slots indexed by trial and reduce
// them in trial order, so results do not depend on the thread count. `work` must not throw.
void for_each_trial(std::uint64_t trials, unsigned threads,
                    const std::function<void(std::uint64_t)>& work);

}  // namespace linchpin
