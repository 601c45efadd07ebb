#pragma once
// Rolling-origin forecast evaluation (docs/analysis/backtest.md): for each origin O the scenario's
// fitted quantities are refit on data before O (backtest_refit.hpp), the model forecasts the
// yearly counts of years O..O+window-1, and the forecasts are scored with proper scores against
// the record next to naive baselines fitted on the same data.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "linchpin/analysis/backtest.hpp"
#include "linchpin/analysis/backtest_refit.hpp"
#include "linchpin/analysis/forecast_scores.hpp"

namespace linchpin::analysis {

struct RollingOptions {
  std::vector<int> origins = {2004, 2008, 2012, 2016, 2020};
  int window_years = 4;  // scored years O .. min(O + window - 1, last record year)
  std::uint64_t trials = 500;
  std::uint64_t seed = 1;
  unsigned threads = 1;
  int pit_bins = 5;
  int bootstrap_resamples = 1000;
  // Inputs of the regime and crisis refits (RefitData); empty = those refits skip.
  std::string regime_record_path;
  std::string mid_data_folder;
  std::string project_mids_path;
};

// One scored (origin, year) of one series by one forecaster.
struct ScoredCase {
  int origin = 0;
  int year = 0;
  int observed = 0;
  double rps = 0.0;
  double brier = 0.0;
  double log_score = 0.0;
};

inline constexpr std::size_t kForecasterCount = kForecasterNames.size();
inline constexpr std::size_t kScoreCount = 3;  // rps, brier, log score
inline constexpr std::array<const char*, kScoreCount> kScoreNames = {"RPS", "Brier", "log score"};

struct RollingSeriesResult {
  BacktestSeries series;
  // cases[forecaster], the same (origin, year) order for every forecaster.
  std::array<std::vector<ScoredCase>, kForecasterCount> cases;
  // skill[forecaster][score] of the model against that baseline (index 0, the model, unused).
  std::array<std::array<Skill, kScoreCount>, kForecasterCount> skill{};
  std::vector<double> model_pit;  // non-randomised PIT histogram of the model
};

struct RollingOrigin {
  int origin = 0;
  int last_scored_year = 0;
  int first_year = 0;  // first year of `counts`
  std::vector<std::string> refits;
  YearlyCounts counts;  // the model's simulated counts, years first_year..last_scored_year
};

struct RollingBacktestResult {
  std::string scenario;
  int start_year = 0;  // the scenario's (and every origin's simulation's) start
  RollingOptions options;
  std::vector<std::string> refit_names;  // "name: description"
  std::vector<RollingOrigin> origins;
  std::vector<RollingSeriesResult> series;
  // Pooled over series (sums of scores): skill[forecaster][score].
  std::array<std::array<Skill, kScoreCount>, kForecasterCount> pooled_skill{};
  std::vector<double> pooled_model_pit;
};

// Throws InputError when an origin has no record year before it or no scored year.
RollingBacktestResult run_rolling_backtest(const Scenario& scenario, const HistoricalRecord& record,
                                           const analytics::EpisodeRecord* episodes,
                                           const std::vector<BacktestSeries>& series,
                                           const std::vector<Refit>& refits,
                                           const RollingOptions& options);

// Mean score of a forecaster's cases (score index 0 rps, 1 brier, 2 log score), restricted to one
// origin when origin > 0.
double mean_score(const std::vector<ScoredCase>& cases, std::size_t score, int origin = 0);

// Writes tables forecast_scores(origin, series, forecaster, rps, brier, log_score, years) with
// means over each origin's scored years and trial_counts(origin, trial, series, year, count) with
// the model's simulated counts of the scored years. Writes to `path`.tmp and renames on success;
// refuses an existing `path` unless `overwrite`.
void write_rolling_backtest_database(const RollingBacktestResult& result, const std::string& path,
                                     bool overwrite);

// The markdown report: rolling-origin scores and skill first, coverage (run_backtest) second.
std::string rolling_backtest_markdown(const RollingBacktestResult& rolling,
                                      const BacktestResult& coverage,
                                      const std::string& command_line,
                                      const std::string& record_path);

}  // namespace linchpin::analysis
