// The crisis-adjudication kernel (docs/models/crisis_game.md): building the IIG payoffs from the
// default Korea inputs and solving the logit agent QRE, as one crisis in a trial would.
// Run: build/bench/linchpin_crisis_game_bench
#include <benchmark/benchmark.h>

#include "linchpin/deterrence/crisis_game.hpp"

namespace {
using namespace linchpin::deterrence;

void BM_AdjudicateCrisis(benchmark::State& state) {
  CrisisInputs inputs;
  CrisisSolverOptions options;
  options.start = CrisisStart::challenger_has_demanded;
  double checksum = 0;
  for (auto _ : state) {
    // Vary credibility so the solve cannot be hoisted out of the loop.
    inputs.credibility = inputs.credibility < 0.99 ? inputs.credibility + 0.01 : 0.0;
    const CrisisSolution solution = adjudicate_crisis(inputs, options);
    checksum += solution.probability(CrisisOutcomeClass::war);
    benchmark::DoNotOptimize(checksum);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AdjudicateCrisis)->Unit(benchmark::kNanosecond);

void BM_SolveCrisisGameOnly(benchmark::State& state) {
  const CrisisPayoffs payoffs = build_crisis_payoffs(CrisisInputs{});
  CrisisSolverOptions options;
  for (auto _ : state) {
    benchmark::DoNotOptimize(payoffs);
    const CrisisSolution solution = solve_crisis_game(payoffs, options);
    benchmark::DoNotOptimize(solution.outcome_probability);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SolveCrisisGameOnly)->Unit(benchmark::kNanosecond);

}  // namespace

BENCHMARK_MAIN();
