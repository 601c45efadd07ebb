// Throughput of the Monte Carlo runner on the default scenario: trials per second per core,
// with and without the results database. Run: build/bench/linchpin_bench
#include <benchmark/benchmark.h>

#include <filesystem>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/engine/ensemble_runner.hpp"
#include "linchpin/scenario/scenario_loader.hpp"

namespace {

const linchpin::Scenario& default_scenario() {
  static const linchpin::Scenario scenario =
      linchpin::load_scenario(std::string(LINCHPIN_SOURCE_DIR) + "/scenarios/korea-2026.yaml");
  return scenario;
}

// One trial at a time on one thread, aggregated: the engine's per-core cost.
void BM_TrialsOneCore(benchmark::State& state) {
  const linchpin::Simulation simulation(default_scenario());
  linchpin::EnsembleAggregate aggregate(simulation);
  std::uint64_t trial = 0;
  for (auto _ : state) {
    auto outcome = simulation.run_trial(1, trial++, false, aggregate);
    aggregate.add_trial(outcome);
    benchmark::DoNotOptimize(outcome.event_count);
  }
  state.SetItemsProcessed(std::int64_t(state.iterations()));
  state.counters["trials_per_second"] =
      benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TrialsOneCore)->Unit(benchmark::kMicrosecond);

// The whole ensemble runner (threads, aggregation, merge) without a database.
void BM_Ensemble(benchmark::State& state) {
  const linchpin::Simulation simulation(default_scenario());
  linchpin::RunOptions options;
  options.trials = 4000;
  options.threads = unsigned(state.range(0));
  for (auto _ : state) {
    auto run = linchpin::run_ensemble(simulation, options);
    benchmark::DoNotOptimize(run.trials_completed);
  }
  state.counters["trials_per_second"] = benchmark::Counter(
      double(state.iterations()) * double(options.trials), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Ensemble)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// End to end as `linchpin run` does it: ensemble plus the SQLite results file.
void BM_RunToDatabase(benchmark::State& state) {
  const auto out = (std::filesystem::temp_directory_path() / "linchpin-bench.sqlite").string();
  for (auto _ : state) {
    linchpin::RunRequest request;
    request.scenario_path = std::string(LINCHPIN_SOURCE_DIR) + "/scenarios/korea-2026.yaml";
    request.trials = 4000;
    request.threads = 2;
    request.out_path = out;
    request.overwrite = true;
    auto response = linchpin::run_scenario(request);
    benchmark::DoNotOptimize(response.run.trials_completed);
  }
  state.counters["trials_per_second"] =
      benchmark::Counter(double(state.iterations()) * 4000.0, benchmark::Counter::kIsRate);
  std::filesystem::remove(out);
}
BENCHMARK(BM_RunToDatabase)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
