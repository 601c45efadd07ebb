// Structural analytics on the full public data sets (read in place from ../shared/data):
// the S-score/kappa/tau-b panel for every COW alliance dyad-year 1816-2012, and the system
// structure series 1816-2022. Run: build/bench/linchpin_analytics_bench
#include <benchmark/benchmark.h>

#include <filesystem>

#include "linchpin/analytics/alliance_similarity.hpp"
#include "linchpin/analytics/data/data_folder.hpp"
#include "linchpin/analytics/dispute_history.hpp"
#include "linchpin/analytics/system_structure.hpp"
#include "linchpin/analytics/trade_dependence.hpp"

namespace {
using namespace linchpin::analytics;

std::string shared(const char* name) {
  return (std::filesystem::path(LINCHPIN_SOURCE_DIR) / "../shared/data" / name).string();
}

bool data_missing(benchmark::State& state) {
  if (std::filesystem::exists(shared(DataFiles::cow_alliances))) return false;
  state.SkipWithError("shared data not found next to the source folder");
  return true;
}

void BM_SimilarityPanelCow(benchmark::State& state) {
  if (data_missing(state)) return;
  const auto alliances = read_cow_alliances(shared(DataFiles::cow_alliances));
  const auto states = read_state_system(shared(DataFiles::states));
  const MembershipIndex members(states.records, 2022);
  const auto cinc = compute_cinc(read_nmc(shared(DataFiles::nmc_v7)).rows.records);
  std::int64_t dyads = 0;
  for (auto _ : state) {
    double checksum = 0;
    for_each_dyad_similarity(alliances, members, cinc, {}, [&](const DyadSimilarity& row) {
      checksum += *row.s_unweighted;
      ++dyads;
    });
    benchmark::DoNotOptimize(checksum);
  }
  state.SetItemsProcessed(dyads);
  state.counters["dyad_years"] = double(dyads) / double(state.iterations());
}
BENCHMARK(BM_SimilarityPanelCow)->Unit(benchmark::kMillisecond);

void BM_ReadCowAlliancesAndAtop(benchmark::State& state) {
  if (data_missing(state)) return;
  for (auto _ : state) {
    benchmark::DoNotOptimize(read_cow_alliances(shared(DataFiles::cow_alliances)).rows.data_rows);
    benchmark::DoNotOptimize(read_atop_alliances(shared(DataFiles::atop_alliances)).rows.data_rows);
  }
}
BENCHMARK(BM_ReadCowAlliancesAndAtop)->Unit(benchmark::kMillisecond);

// From the raw files: read NMC v7 and the major powers, recompute CINC, build the series.
void BM_StructureSeries1816To2022(benchmark::State& state) {
  if (data_missing(state)) return;
  for (auto _ : state) {
    const auto majors = read_major_powers(shared(DataFiles::major_powers));
    const MembershipIndex index(majors.records, 2022);
    const auto cinc = compute_cinc(read_nmc(shared(DataFiles::nmc_v7)).rows.records);
    const auto structure = compute_system_structure(cinc, index);
    benchmark::DoNotOptimize(structure.years.size());
  }
}
BENCHMARK(BM_StructureSeries1816To2022)->Unit(benchmark::kMillisecond);

// Reading the 353,974-row all-dyads trade file and computing every dyad-year's shares.
void BM_TradeDependenceAllDyads1990To2014(benchmark::State& state) {
  if (data_missing(state)) return;
  std::size_t dyads = 0;
  for (auto _ : state) {
    const auto rows = read_cow_trade(shared(TradeFiles::all_dyads));
    const auto panel = trade_dependence(rows.records, {});
    dyads = panel.size();
    benchmark::DoNotOptimize(panel.data());
  }
  state.counters["dyad_years"] = double(dyads);
}
BENCHMARK(BM_TradeDependenceAllDyads1990To2014)->Unit(benchmark::kMillisecond);

// The trade shares alone, from rows already in memory.
void BM_TradeDependenceSharesOnly(benchmark::State& state) {
  if (data_missing(state)) return;
  const auto rows = read_cow_trade(shared(TradeFiles::all_dyads));
  for (auto _ : state) benchmark::DoNotOptimize(trade_dependence(rows.records, {}).size());
}
BENCHMARK(BM_TradeDependenceSharesOnly)->Unit(benchmark::kMillisecond);

// Dispute history of every dyad 1816-2014 from the raw COW MID file.
void BM_DisputeHistoryAllDyads(benchmark::State& state) {
  if (data_missing(state)) return;
  for (auto _ : state) {
    const auto data = read_cow_mid_dyad_years(shared(MidFiles::cow));
    benchmark::DoNotOptimize(dispute_history(data.rows.records, {}).size());
  }
}
BENCHMARK(BM_DisputeHistoryAllDyads)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
