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
// Episodes of one kind starting in [first_year, last_year] (start is YYYY-MM).
int count_episodes(const std::string& path, const std::string& kind, int first_year,
                   int last_year) {
  analytics::CsvReader reader(path);
  const auto start = reader.column_index("start");
  const auto kind_column = reader.column_index("kind");
  if (!start || !kind_column)
    throw_input_error({path, 1, 1}, "start,kind", "the episodes file needs these columns");
  auto rows = analytics::read_csv_rows<int>(reader, [&](const analytics::CsvReader& row) {
    if (row.text(*kind_column) != kind) return 0;
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
      "Headline outcomes without a 1953-2025 count under the same coding in this repository: "
      "model quantities with no coded counterpart (`crisis_game_alliance_concedes`, cohesion "
      "stress, pendulum pairs, bloc transfers), outcomes whose records cover shorter periods and "
      "are checked elsewhere (event processes: data/history 2000-2025 and the backtest; elections: "
      "data/elections), outcomes of other dyads (theatre wars) and outcomes the episodes file codes "
      "only in part (withdrawal threats are listed from 2018 on; SMA lapses, trilateral lapses, "
      "trade coercion and hedging steps have no count defined to match the simulated event):\n\n";
  for (const auto& name : result.left_out) out += fmt::format("`{}` ", name);
  out += "\n";
  return out;
}

}  // namespace linchpin::analysis
