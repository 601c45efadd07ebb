#pragma once
// Backtest: run a scenario that starts in the past (the world as it was then) and compare the
// simulated distributions of yearly event counts with the sourced historical record
// (data/history). Years up to the calibration cut-off are in sample; later years are out of
// sample. Reports, per series and year, the observed count, the simulated median and 90%
// interval, and the coverage rate. Documented in docs/analysis/backtest.md.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "linchpin/analytics/korean_mid_record.hpp"
#include "linchpin/scenario/scenario.hpp"

namespace linchpin::analysis {

// One yearly series: the record's column and the simulation events that count toward it.
struct BacktestSeries {
  std::string column;  // in the record CSV
  std::string label;
  std::string event_kind;      // Event::kind in the simulation
  bool sum_magnitude = false;  // event processes report a count per month as the magnitude
};

std::vector<BacktestSeries> default_backtest_series();

// year -> column -> observed count (absent when the record leaves it empty).
using HistoricalRecord = std::map<int, std::map<std::string, double>>;

// The Korean MID onset series is not a CSV column: it is counted at run time from the MID record
// (COW MID 5.0 in the shared data folder, data/history/korea_mids_2015_2025.csv after 2014) and
// merged into the record by add_korean_mid_onsets; read_historical_record skips it.
inline constexpr const char* kKoreaMidOnsetsColumn = "korea_mid_onsets";

// Reads the yearly record (a header with `year` and the series' columns). Throws InputError
// with file:line:col on malformed rows or missing columns.
HistoricalRecord read_historical_record(const std::string& path,
                                        const std::vector<BacktestSeries>& series);

// Sets korea_mid_onsets (MIDs of any hostility level by onset year) for every record year up to
// `last_year` (the last coded year); later years stay uncounted.
void add_korean_mid_onsets(HistoricalRecord& record, std::span<const analytics::KoreanMid> mids,
                           int last_year);

// The q-quantile of sorted counts by the nearest-rank rule: the smallest value with at least
// q * n values at or below it (q in (0, 1]).
double nearest_rank_quantile(const std::vector<double>& sorted, double q);

struct BacktestYear {
  int year = 0;
  std::optional<double> observed;
  double median = 0.0;
  double low = 0.0;   // 5%
  double high = 0.0;  // 95%
  bool out_of_sample = false;
  bool covered = false;  // observed within [low, high]
};

struct BacktestSeriesResult {
  BacktestSeries series;
  std::vector<BacktestYear> years;
  int in_sample_years = 0, in_sample_covered = 0;
  int out_of_sample_years = 0, out_of_sample_covered = 0;
};

struct BacktestResult {
  std::string scenario;
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
  int first_year = 0;
  int last_year = 0;
  int calibration_last_year = 0;
  std::vector<BacktestSeriesResult> series;
};

// Simulated yearly counts: counts[series][year - first_year][trial] for calendar years
// first_year..last_year (traced trials; thread-count independent).
using YearlyCounts = std::vector<std::vector<std::vector<double>>>;
YearlyCounts simulate_yearly_counts(const Scenario& scenario,
                                    const std::vector<BacktestSeries>& series, int first_year,
                                    int last_year, std::uint64_t trials, std::uint64_t seed,
                                    unsigned threads);

// The first and last calendar years a scenario simulates in full.
std::pair<int, int> simulated_full_years(const Scenario& scenario);

// Runs `trials` trials (traced, to count events by year) and compares with the record for the
// years the scenario covers in full, up to the record's last year. Thread-count independent.
BacktestResult run_backtest(const Scenario& scenario, const HistoricalRecord& record,
                            const std::vector<BacktestSeries>& series, std::uint64_t trials,
                            std::uint64_t seed, unsigned threads, int calibration_last_year);

// The markdown report (docs/validation/backtest.md is written with this).
std::string backtest_markdown(const BacktestResult& result, const std::string& command_line,
                              const std::string& record_path);

}  // namespace linchpin::analysis
