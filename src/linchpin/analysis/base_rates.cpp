#include "linchpin/analysis/base_rates.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "linchpin/analysis/backtest.hpp"
#include "linchpin/analytics/data/csv_reader.hpp"
#include "linchpin/engine/simulation.hpp"
#include "linchpin/engine/trial_pool.hpp"

namespace linchpin::analysis {

namespace {
// Episodes of one kind starting in [first_year, last_year] (start is YYYY-MM), optionally only
// those whose description starts with `description_prefix`.
int count_episodes(const std::string& path, const std::string& kind, int first_year, int last_year,
                   const std::string& description_prefix = {}) {
  analytics::CsvReader reader(path);
  const auto start = reader.column_index("start");
  const auto kind_column = reader.column_index("kind");
  const auto description = reader.column_index("description");
  if (!start || !kind_column || (!description_prefix.empty() && !description))
    throw_input_error({path, 1, 1},
                      description_prefix.empty() ? "start,kind" : "start,kind,description",
                      "the episodes file needs these columns");
  auto rows = analytics::read_csv_rows<int>(reader, [&](const analytics::CsvReader& row) {
    if (row.text(*kind_column) != kind) return 0;
    if (!description_prefix.empty() &&
        row.text(*description).substr(0, description_prefix.size()) != description_prefix)
      return 0;
    const auto text = row.text(*start);
    if (text.size() < 4) row.reject(*start, "expected YYYY-MM");
    const int year = std::stoi(std::string(text.substr(0, 4)));
    return year >= first_year && year <= last_year ? 1 : 0;
  });
  rows.require_clean();
  int n = 0;
  for (int r : rows.records) n += r;
  return n;
}
}  // namespace

std::vector<BaseRateRow> default_base_rate_rows(std::span<const analytics::KoreanMid> mids,
                                                const std::string& episodes_path, int first_year,
                                                int last_year) {
  const auto c = analytics::count_korean_mids(mids, first_year, last_year);
  const std::string mid_source =
      "COW MID 5.0 (Palmer et al. 2022), ROK-DPRK and USA-DPRK, onsets de-duplicated by dispute, "
      "to 2014; data/history/korea_mids_2015_2025.csv (project coding, single coder) after";
  const std::string episodes = "data/episodes/us_rok_alliance_episodes.csv";
  std::vector<BaseRateRow> rows = {
      {"deterrence.us-rok.mid", "deterrence.crisis", "MID onsets (hostility level >= 2)",
       mid_source, c.onsets, first_year, last_year},
      {"deterrence.us-rok.mid_display_of_force", "deterrence.mid_display_of_force",
       "MIDs reaching hostility level >= 3 (display of force)", mid_source, c.display_of_force,
       first_year, last_year},
      {"deterrence.us-rok.mid_use_of_force", "deterrence.mid_use_of_force",
       "MIDs reaching hostility level >= 4 (use of force)", mid_source, c.use_of_force, first_year,
       last_year},
      {"deterrence.us-rok.fatal_mid", "deterrence.fatal_mid",
       "MIDs with fatality level >= 1 (a military death)", mid_source, c.fatal, first_year,
       last_year},
      {"deterrence.us-rok.war", "deterrence.war",
       "Hostility level 5: >= 1,000 battle deaths (COW); the Korean War began in 1950, outside the "
       "window",
       mid_source, c.war, first_year, last_year},
      {"force_posture.us-rok.withdrawal_decision", "force_posture.withdrawal_decision",
       "US executive decisions to cut the authorised USFK level (episodes kind "
       "troop_withdrawal_announced)",
       episodes, count_episodes(episodes_path, "troop_withdrawal_announced", first_year, last_year),
       first_year, last_year},
      {"exercises.us-rok.suspension", "exercises.suspended",
       "Political suspensions of a named major combined exercise (episodes kind "
       "exercise_suspended; one episode may cover several exercises)",
       episodes, count_episodes(episodes_path, "exercise_suspended", first_year, last_year),
       first_year, last_year},
  };
  // The alliance hazards' own fit windows (docs/models/calibration.md): the ROK leaders are
  // coded from 1988, the trilateral record from 1993 and PRC coercion from normalisation (1992).
  const int coded = std::max(first_year, 1988);
  rows.push_back({"exercises.us-rok.suspension", "exercises.suspended",
                  "The same, over the window the hazard is fitted on (ROK leaders coded from 1988)",
                  episodes, count_episodes(episodes_path, "exercise_suspended", coded, last_year),
                  coded, last_year});
  rows.push_back({"force_posture.us-rok.withdrawal_threat", "force_posture.withdrawal_threat",
                  "Public US threats or options to withdraw USFK (episodes kind withdrawal_threat; "
                  "the fit's window)",
                  episodes, count_episodes(episodes_path, "withdrawal_threat", coded, last_year),
                  coded, last_year});
  const int trilateral_first = std::max(first_year, 1993);
  rows.push_back(
      {"trilateral.us-rok-japan.lapse", "trilateral.lapse",
       "Ruptures of ROK-Japan / trilateral cooperation (episodes kind trilateral, "
       "'Rupture:' rows; the fit's window)",
       episodes,
       count_episodes(episodes_path, "trilateral", trilateral_first, last_year, "Rupture"),
       trilateral_first, last_year});
  const int coercion_first = std::max(first_year, 1992);
  rows.push_back(
      {"trade_coercion.ROK.coercion", "trade_coercion.start",
       "PRC economic coercion episodes against the ROK (episodes kind "
       "prc_economic_coercion and the THAAD coercion row; from normalisation in 1992)",
       episodes,
       count_episodes(episodes_path, "prc_economic_coercion", coercion_first, last_year) +
           count_episodes(episodes_path, "thaad", coercion_first, last_year,
                          "PRC economic coercion"),
       coercion_first, last_year});
  return rows;
}

BaseRatesResult run_base_rates(const Scenario& scenario, std::vector<BaseRateRow> rows,
                               std::uint64_t trials, std::uint64_t seed, unsigned threads) {
  BaseRatesResult result;
  result.scenario = scenario.info().name;
  result.trials = trials;
  result.seed = seed;
  result.horizon_months = scenario.horizon_months();
  const Simulation simulation(scenario);
  std::set<std::string> covered;
  for (const auto& row : rows) covered.insert(row.outcome);
  for (const auto& outcome : simulation.outcomes())
    if (!covered.count(outcome.spec.name)) result.left_out.push_back(outcome.spec.name);

  std::vector<std::vector<double>> counts(rows.size(), std::vector<double>(trials, 0.0));
  struct NoObserver final : MonthObserver {
    void observe(int, const std::vector<double>&) override {}
  };
  for_each_trial(trials, threads, [&](std::uint64_t trial) {
    NoObserver observer;
    const auto outcome = simulation.run_trial(seed, trial, true, observer);
    for (const auto& traced : outcome.events)
      for (std::size_t r = 0; r < rows.size(); ++r)
        if (traced.event.kind == rows[r].event_kind) counts[r][trial] += 1.0;
  });
  const double decades = result.horizon_months / 120.0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto values = counts[r];
    double total = 0;
    for (double& v : values) total += v /= decades;
    std::sort(values.begin(), values.end());
    rows[r].simulated_per_decade = trials ? total / double(trials) : 0.0;
    rows[r].simulated_low = nearest_rank_quantile(values, 0.05);
    rows[r].simulated_high = nearest_rank_quantile(values, 0.95);
  }
  result.rows = std::move(rows);
  return result;
}

std::string base_rates_markdown(const BaseRatesResult& result, const std::string& command_line) {
  std::string out = fmt::format(
      "# Base rates: simulated against the record\n\n"
      "Generated by `{}` ({} trials, seed {}, horizon {} months). Each row counts one traced event "
      "kind per trial and divides by the horizon in decades; the historical rate uses the same "
      "coding over the years shown. Do not edit by hand.\n\n"
      "| outcome | coding | simulated per decade (mean) | 5%-95% of trials | historical count "
      "| years | historical per decade |\n|---|---|---|---|---|---|---|\n",
      command_line, result.trials, result.seed, result.horizon_months);
  for (const auto& row : result.rows) {
    const int years = row.last_year - row.first_year + 1;
    out += fmt::format("| `{}` | {} | {:.2f} | {:.1f}-{:.1f} | {} | {}-{} | {:.2f} |\n",
                       row.outcome, row.coding, row.simulated_per_decade, row.simulated_low,
                       row.simulated_high, row.historical_count, row.first_year, row.last_year,
                       10.0 * row.historical_count / years);
  }
  out += "\n## Sources of the historical column\n\n";
  std::set<std::string> sources;
  for (const auto& row : result.rows)
    if (sources.insert(row.source).second) out += fmt::format("- {}\n", row.source);
  out +=
      "\nThe MID rows use the Korean MID series of docs/models/deterrence.md (COW MID 5.0 whittled "
      "to one dispute per dyad-year, so disputes overlapping a longer one are missing; the "
      "2015-2025 rows are a single coder's and likely undercount threat- and display-level "
      "MIDs). The alliance rows count episodes starting in the window; the episodes file is a "
      "research compilation (data/episodes/README.md).\n\n"
      "## Left out\n\n"
      "Headline outcomes without a historical count under the same coding in this table: "
      "model quantities with no coded counterpart (`crisis_game_alliance_concedes`, cohesion "
      "stress, pendulum pairs, bloc transfers), outcomes whose records are checked elsewhere "
      "(DPRK launches and tests since 1984: docs/models/event_processes.md and the backtest; "
      "elections: data/elections; theatre wars: the UCDP fits in docs/models/theatres.md) and "
      "outcomes the episodes file codes only in part (SMA lapses and reopenings, drawdowns of "
      "25%, hedging steps: no count defined to match the simulated event). Rows over a shorter "
      "window than 1953-2025 use the window their hazard is fitted on (docs/models/"
      "calibration.md):\n\n";
  for (const auto& name : result.left_out) out += fmt::format("`{}` ", name);
  out += "\n";
  return out;
}

}  // namespace linchpin::analysis
