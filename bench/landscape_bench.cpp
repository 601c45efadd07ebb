// Landscape theory: exact two-bloc search (Gray code, O(n) updates) at n = 20, 25, 30 on random
// landscapes with a fixed seed, with and without basin sizes, and multi-start local search at
// n = 100. Run: build/bench/linchpin_landscape_bench
#include <benchmark/benchmark.h>

#include "linchpin/alignment/landscape.hpp"
#include "linchpin/core/random_stream.hpp"

namespace {
using namespace linchpin;
using namespace linchpin::alignment;

// Sizes uniform on (0, 1), propensities uniform on (-1, 1), seed 2024.
Landscape random_landscape(std::size_t n) {
  RandomStream stream(2024, n, "bench.landscape");
  Landscape landscape;
  for (std::size_t i = 0; i < n; ++i) landscape.actors.push_back({"actor", stream.uniform(), {}});
  landscape.propensities.assign(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      landscape.propensities[i * n + j] = landscape.propensities[j * n + i] =
          2.0 * stream.uniform() - 1.0;
  return landscape;
}

void BM_ExactTwoBlocs(benchmark::State& state) {
  const auto landscape = random_landscape(static_cast<std::size_t>(state.range(0)));
  SearchOptions options;
  options.basins = state.range(1) != 0;
  std::size_t minima = 0;
  for (auto _ : state) {
    const auto result = search_landscape(landscape, options);
    minima = result.minima.size();
    benchmark::DoNotOptimize(result.minima.data());
  }
  state.counters["local_minima"] = static_cast<double>(minima);
  state.counters["configurations/s"] =
      benchmark::Counter(static_cast<double>(std::uint64_t{1} << (state.range(0) - 1)) *
                             static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ExactTwoBlocs)
    ->ArgsProduct({{20, 25, 30}, {0, 1}})
    ->ArgNames({"n", "basins"})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

void BM_LocalSearch(benchmark::State& state) {
  const auto landscape = random_landscape(100);
  SearchOptions options;
  options.method = SearchMethod::local;
  options.starts = 1000;
  for (auto _ : state) benchmark::DoNotOptimize(search_landscape(landscape, options));
}
BENCHMARK(BM_LocalSearch)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
