// Sensitivity kernels at the size of a full experiment: a Saltelli design over 30 inputs with
// N = 1,024 base samples (32,768 points), and the Sobol' estimators with 1,000 bootstrap
// resamples on it. Run: build/bench/linchpin_sensitivity_bench
#include <benchmark/benchmark.h>

#include "linchpin/analysis/sampling_design.hpp"
#include "linchpin/analysis/sobol_indices.hpp"

namespace {
using namespace linchpin::analysis;

constexpr std::size_t kInputs = 30;
constexpr std::size_t kBase = 1024;

void BM_SaltelliDesign(benchmark::State& state) {
  for (auto _ : state) {
    const Design design = saltelli_design(kBase, kInputs);
    benchmark::DoNotOptimize(design.values.data());
  }
  state.counters["points"] = double(saltelli_rows(kBase, kInputs, false));
}
BENCHMARK(BM_SaltelliDesign)->Unit(benchmark::kMillisecond);

void BM_SobolIndices(benchmark::State& state) {
  const Design design = saltelli_design(kBase, kInputs);
  std::vector<double> y(design.rows);
  for (std::size_t r = 0; r < design.rows; ++r) {
    double sum = 0.0;  // a smooth model with unequal weights
    for (std::size_t i = 0; i < kInputs; ++i) sum += double(i + 1) * design(r, i) * design(r, i);
    y[r] = sum;
  }
  SobolOptions options;
  options.bootstrap = std::size_t(state.range(0));
  for (auto _ : state) {
    const auto indices = sobol_indices(y, kBase, kInputs, options);
    benchmark::DoNotOptimize(indices.first_order.data());
  }
}
BENCHMARK(BM_SobolIndices)->Arg(0)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
