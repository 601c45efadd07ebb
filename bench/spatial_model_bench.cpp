// The spatial model of politics on KTAB's 160-actor example (dummyData-a160.csv, read in place
// from ../shared/data/ktab-smp), run to convergence. Run: build/bench/linchpin_spatial_model_bench
#include <benchmark/benchmark.h>

#include <filesystem>

#include "linchpin/bargaining/ktab_csv.hpp"
#include "linchpin/bargaining/spatial_model.hpp"

namespace {
using namespace linchpin::bargaining;

std::filesystem::path ktab(const char* name) {
  return std::filesystem::path(LINCHPIN_SOURCE_DIR) / "../shared/data/ktab-smp" / name;
}

void run(benchmark::State& state, const char* file, const SpatialModelOptions& options) {
  if (!std::filesystem::exists(ktab(file))) {
    state.SkipWithError("KTAB example data not found next to the source folder");
    return;
  }
  const auto problem = read_ktab_csv(ktab(file));
  int turns = 0;
  for (auto _ : state) {
    const auto result = run_spatial_model(problem, options);
    turns = result.stop_turn;
    benchmark::DoNotOptimize(result.turns.back().probabilities.data());
  }
  state.counters["actors"] = static_cast<double>(problem.actors.size());
  state.counters["turns"] = turns;
}

void BM_SmpA160Default(benchmark::State& state) {
  run(state, "dummyData-a160.csv", {});
}
void BM_SmpA160KtabCode(benchmark::State& state) {
  run(state, "dummyData-a160.csv", ktab_code_options());
}
void BM_Smp6Dim(benchmark::State& state) {
  run(state, "dummyData_6Dim.csv", ktab_code_options());
}

BENCHMARK(BM_SmpA160Default)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmpA160KtabCode)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Smp6Dim)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
