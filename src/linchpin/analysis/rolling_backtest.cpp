#include "linchpin/analysis/rolling_backtest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/core/error.hpp"
#include "linchpin/io/database.hpp"

namespace linchpin::analysis {

namespace {

std::optional<double> observed_value(const HistoricalRecord& record, int year,
                                     const std::string& column) {
  const auto year_it = record.find(year);
  if (year_it == record.end()) return std::nullopt;
  const auto it = year_it->second.find(column);
  if (it == year_it->second.end()) return std::nullopt;
  return it->second;
}

ScoredCase score_case(const CountPmf& pmf, int origin, int year, int observed,
                      double pseudo_trials) {
  ScoredCase c;
  c.origin = origin;
  c.year = year;
  c.observed = observed;
  c.rps = ranked_probability_score(pmf, observed);
  c.brier = brier_any_event(pmf, observed);
  c.log_score = log_score(pmf, observed, pseudo_trials);
  return c;
}

double score_of(const ScoredCase& c, std::size_t score) {
  return score == 0 ? c.rps : score == 1 ? c.brier : c.log_score;
}

std::vector<double> scores_of(const std::vector<ScoredCase>& cases, std::size_t score) {
  std::vector<double> out;
  for (const auto& c : cases) out.push_back(score_of(c, score));
  return out;
}

}  // namespace

double mean_score(const std::vector<ScoredCase>& cases, std::size_t score, int origin) {
  double total = 0.0;
  int n = 0;
  for (const auto& c : cases) {
    if (origin > 0 && c.origin != origin) continue;
    total += score_of(c, score);
    ++n;
  }
  return n > 0 ? total / n : std::nan("");
}

RollingBacktestResult run_rolling_backtest(const Scenario& scenario, const HistoricalRecord& record,
                                           const analytics::EpisodeRecord* episodes,
                                           const std::vector<BacktestSeries>& series,
                                           const std::vector<Refit>& refits,
                                           const RollingOptions& options) {
  RollingBacktestResult result;
  result.scenario = scenario.info().name;
  result.options = options;
  result.start_year = scenario.start_month().year();
  for (const auto& refit : refits)
    result.refit_names.push_back(fmt::format("{}: {}", refit.name, refit.description));
  result.series.resize(series.size());
  for (std::size_t s = 0; s < series.size(); ++s) result.series[s].series = series[s];
  if (record.empty()) throw_input_error({"", 0, 0}, "record", "an empty record cannot be scored");
  const int record_first = record.begin()->first;
  // The last year with any observation of the scored series.
  int record_last = record_first;
  for (const auto& [year, values] : record)
    for (const auto& s : series)
      if (values.count(s.column)) record_last = std::max(record_last, year);

  RefitData data;
  data.record = &record;
  data.episodes = episodes;
  data.series = series;
  data.regime_record_path = options.regime_record_path;
  data.mid_data_folder = options.mid_data_folder;
  data.project_mids_path = options.project_mids_path;
  const double pseudo_trials = double(options.trials);
  std::vector<std::vector<CountPmf>> model_pmfs(series.size());
  std::vector<std::vector<int>> model_observed(series.size());
  for (const int origin : options.origins) {
    const int last = std::min(origin + options.window_years - 1, record_last);
    if (origin <= record_first || last < origin)
      throw_input_error({"", 0, 0}, "--origins",
                        fmt::format("origin {} needs record years before it and a scored year "
                                    "(record {}-{})",
                                    origin, record_first, record_last));
    auto refit = refit_scenario(scenario, refits, data, origin, last);
    const auto [sim_first, sim_last] = simulated_full_years(refit.scenario);
    if (origin < sim_first || last > sim_last)
      throw_input_error({"", 0, 0}, "--origins",
                        fmt::format("origin {}: the scenario simulates full years {}-{} only",
                                    origin, sim_first, sim_last));
    RollingOrigin out;
    out.origin = origin;
    out.last_scored_year = last;
    out.first_year = origin;
    out.refits = std::move(refit.changes);
    out.counts = simulate_yearly_counts(refit.scenario, series, origin, last, options.trials,
                                        options.seed, options.threads);
    for (std::size_t s = 0; s < series.size(); ++s) {
      std::vector<double> history;
      for (int year = record_first; year < origin; ++year)
        if (const auto v = observed_value(record, year, series[s].column)) history.push_back(*v);
      for (int year = origin; year <= last; ++year) {
        const auto observed = observed_value(record, year, series[s].column);
        if (!observed) continue;
        const int y = int(std::llround(*observed));
        const auto pmf = empirical_pmf(out.counts[s][std::size_t(year - origin)]);
        auto& cases = result.series[s].cases;
        cases[0].push_back(score_case(pmf, origin, year, y, pseudo_trials));
        model_pmfs[s].push_back(pmf);
        model_observed[s].push_back(y);
        for (std::size_t f = 1; f < kForecasterCount; ++f)
          cases[f].push_back(score_case(baseline_pmf(kForecasterNames[f].value, history), origin,
                                        year, y, pseudo_trials));
      }
    }
    result.origins.push_back(std::move(out));
  }

  std::vector<CountPmf> all_pmfs;
  std::vector<int> all_observed;
  std::array<std::array<std::vector<double>, kScoreCount>, kForecasterCount> pooled;
  for (std::size_t s = 0; s < series.size(); ++s) {
    auto& out = result.series[s];
    out.model_pit = pit_histogram(model_pmfs[s], model_observed[s], options.pit_bins);
    all_pmfs.insert(all_pmfs.end(), model_pmfs[s].begin(), model_pmfs[s].end());
    all_observed.insert(all_observed.end(), model_observed[s].begin(), model_observed[s].end());
    for (std::size_t f = 0; f < kForecasterCount; ++f)
      for (std::size_t k = 0; k < kScoreCount; ++k) {
        const auto scores = scores_of(out.cases[f], k);
        pooled[f][k].insert(pooled[f][k].end(), scores.begin(), scores.end());
        if (f > 0)
          out.skill[f][k] = skill_score(scores_of(out.cases[0], k), scores, options.seed,
                                        options.bootstrap_resamples);
      }
  }
  for (std::size_t f = 1; f < kForecasterCount; ++f)
    for (std::size_t k = 0; k < kScoreCount; ++k)
      result.pooled_skill[f][k] =
          skill_score(pooled[0][k], pooled[f][k], options.seed, options.bootstrap_resamples);
  result.pooled_model_pit = pit_histogram(all_pmfs, all_observed, options.pit_bins);
  return result;
}

void write_rolling_backtest_database(const RollingBacktestResult& result, const std::string& path,
                                     bool overwrite) {
  check_output_path(path, overwrite);
  const std::string temporary = path + ".tmp";
  prepare_database_path(temporary);
  try {
    {
      Database db(temporary, false);
      db.execute(
          "CREATE TABLE forecast_scores (origin INTEGER NOT NULL, series TEXT NOT NULL, "
          "forecaster TEXT NOT NULL, rps REAL, brier REAL, log_score REAL, years INTEGER NOT "
          "NULL, PRIMARY KEY (origin, series, forecaster));"
          "CREATE TABLE trial_counts (origin INTEGER NOT NULL, trial INTEGER NOT NULL, series "
          "TEXT NOT NULL, year INTEGER NOT NULL, count REAL NOT NULL, PRIMARY KEY (origin, "
          "trial, series, year));");
      db.execute("BEGIN");
      Statement scores(db, "INSERT INTO forecast_scores VALUES (?, ?, ?, ?, ?, ?, ?)");
      for (const auto& s : result.series)
        for (const auto& origin : result.origins)
          for (std::size_t f = 0; f < kForecasterCount; ++f) {
            int years = 0;
            for (const auto& c : s.cases[f]) years += c.origin == origin.origin;
            if (years == 0) continue;
            scores.bind(1, std::int64_t(origin.origin))
                .bind(2, s.series.column)
                .bind(3, std::string(kForecasterNames[f].name))
                .bind(4, mean_score(s.cases[f], 0, origin.origin))
                .bind(5, mean_score(s.cases[f], 1, origin.origin))
                .bind(6, mean_score(s.cases[f], 2, origin.origin))
                .bind(7, std::int64_t(years))
                .run();
          }
      Statement counts(db, "INSERT INTO trial_counts VALUES (?, ?, ?, ?, ?)");
      for (const auto& origin : result.origins)
        for (std::size_t s = 0; s < result.series.size(); ++s)
          for (std::size_t y = 0; y < origin.counts[s].size(); ++y)
            for (std::size_t t = 0; t < origin.counts[s][y].size(); ++t)
              counts.bind(1, std::int64_t(origin.origin))
                  .bind(2, std::int64_t(t))
                  .bind(3, result.series[s].series.column)
                  .bind(4, std::int64_t(origin.first_year + int(y)))
                  .bind(5, origin.counts[s][y][t])
                  .run();
      db.execute("COMMIT");
    }
    std::filesystem::rename(temporary, path);
  } catch (...) {
    remove_database_files(temporary);
    throw;
  }
}

namespace {
std::string number(double x) {
  if (std::isnan(x)) return "n/a";
  return fmt::format("{:.3f}", x);
}
std::string skill_text(const Skill& s) {
  if (std::isnan(s.skill)) return "n/a";
  return fmt::format("{:+.2f} [{:+.2f}, {:+.2f}]", s.skill, s.low, s.high);
}
std::string histogram_text(const std::vector<double>& h) {
  std::string text;
  for (std::size_t i = 0; i < h.size(); ++i) text += fmt::format("{}{:.1f}", i ? " / " : "", h[i]);
  return text;
}
}  // namespace

std::string rolling_backtest_markdown(const RollingBacktestResult& rolling,
                                      const BacktestResult& coverage,
                                      const std::string& command_line,
                                      const std::string& record_path) {
  std::string md;
  auto add = [&](const std::string& text) { md += text; };
  const auto& o = rolling.options;
  add("# Backtest: the Korea model from 2000 against the record\n\n");
  add(fmt::format(
      "Written by `{}` (engine {} commit {}). Do not edit by hand: rerun the command. Method, "
      "equations and limits: docs/analysis/backtest.md.\n\n",
      command_line, engine_version(), engine_git_commit()));
  add(fmt::format("Scenario `{}`, {} trials per origin, seed {}; record `{}`.\n\n",
                  rolling.scenario, o.trials, o.seed, record_path));
  add("## Rolling origins and what was refit\n\n");
  add(fmt::format(
      "For each origin O every fitted quantity below is refit on data up to December of O-1 and "
      "written into a copy of the scenario; the model's forecast of years O..min(O+{}, last record "
      "year) is scored. The simulation still starts in January {} (the scenario's start): the "
      "forecast conditions on what happened before O through the refits and, where a refit sets "
      "a regime reset, the DPRK regime chain (redrawn in January of O from the filtered "
      "probabilities at December of O-1); the rest of the simulated state at O (tension, troops, "
      "leaders unless --hindcast) is not conditioned.\n\n",
      o.window_years - 1, rolling.start_year));
  for (const auto& name : rolling.refit_names) add(fmt::format("- {}\n", name));
  add("\n");
  for (const auto& origin : rolling.origins) {
    add(fmt::format("**Origin {}** (scored {}-{}):\n\n", origin.origin, origin.origin,
                    origin.last_scored_year));
    for (const auto& change : origin.refits) add(fmt::format("- {}\n", change));
    add("\n");
  }
  add("Baselines, fitted on the record years before O and used for every scored year (a forecast "
      "made at O cannot see later years): `poisson` at the pre-origin mean; `negative_binomial` at "
      "the pre-origin mean and variance (Poisson when not over-dispersed); `persistence` = Poisson "
      "at the last pre-origin year's count; `bootstrap_last5` = the empirical pmf of the last five "
      "pre-origin years. Scores are means over the scored (origin, year) cases; lower is better. "
      "Skill = 1 - model/baseline (positive: the model beats the baseline) with a 90% bootstrap "
      "interval over cases. Log scores use the floored pmf (one pseudo-trial spread over "
      "0..K).\n\n");

  add("## Skill summary (RPS skill of the model against each baseline)\n\n| series |");
  for (std::size_t f = 1; f < kForecasterCount; ++f)
    add(fmt::format(" {} |", kForecasterNames[f].name));
  add("\n|---|");
  for (std::size_t f = 1; f < kForecasterCount; ++f) add("---|");
  add("\n");
  for (const auto& s : rolling.series) {
    add(fmt::format("| {} |", s.series.label));
    for (std::size_t f = 1; f < kForecasterCount; ++f)
      add(fmt::format(" {} |", skill_text(s.skill[f][0])));
    add("\n");
  }
  add("| **pooled (sum over series)** |");
  for (std::size_t f = 1; f < kForecasterCount; ++f)
    add(fmt::format(" **{}** |", skill_text(rolling.pooled_skill[f][0])));
  add("\n\n");

  for (const auto& s : rolling.series) {
    add(fmt::format("## {}\n\nRecord column `{}`; simulated events `{}`; {} scored cases.\n\n",
                    s.series.label, s.series.column, s.series.event_kind, s.cases[0].size()));
    add("| forecaster | RPS | Brier | log score | RPS skill | Brier skill | log-score skill |\n"
        "|---|---|---|---|---|---|---|\n");
    for (std::size_t f = 0; f < kForecasterCount; ++f) {
      add(fmt::format("| {} | {} | {} | {} |", kForecasterNames[f].name,
                      number(mean_score(s.cases[f], 0)), number(mean_score(s.cases[f], 1)),
                      number(mean_score(s.cases[f], 2))));
      for (std::size_t k = 0; k < kScoreCount; ++k)
        add(fmt::format(" {} |", f == 0 ? std::string("-") : skill_text(s.skill[f][k])));
      add("\n");
    }
    add("\n| origin | year | observed | model median | model P(>=1) | RPS model |\n"
        "|---|---|---|---|---|---|\n");
    for (std::size_t i = 0; i < s.cases[0].size(); ++i) {
      const auto& c = s.cases[0][i];
      for (const auto& origin : rolling.origins) {
        if (origin.origin != c.origin) continue;
        const std::size_t index = std::size_t(&s - rolling.series.data());
        auto values = origin.counts[index][std::size_t(c.year - origin.first_year)];
        std::sort(values.begin(), values.end());
        double any = 0.0;
        for (double v : values) any += v >= 1.0;
        add(fmt::format("| {} | {} | {} | {:g} | {:.2f} | {:.3f} |\n", c.origin, c.year, c.observed,
                        nearest_rank_quantile(values, 0.5),
                        values.empty() ? 0.0 : any / double(values.size()), c.rps));
      }
    }
    add(fmt::format("\nModel PIT histogram ({} bins, non-randomised): {}\n\n", s.model_pit.size(),
                    histogram_text(s.model_pit)));
  }

  add("## PIT summary\n\n");
  add(fmt::format(
      "Non-randomised PIT histograms (Czado, Gneiting & Held 2009) of the model, {} equal bins "
      "from 0 to 1; each scored case adds a mass of 1, so a calibrated forecaster has about "
      "cases/{} per bin. Mass piled in the last bin: observations above the forecast (too low); "
      "in the first bin: observations below it (too high); both ends: too narrow.\n\n",
      o.pit_bins, o.pit_bins));
  add("| series | cases | histogram |\n|---|---|---|\n");
  for (const auto& s : rolling.series)
    add(fmt::format("| {} | {} | {} |\n", s.series.label, s.cases[0].size(),
                    histogram_text(s.model_pit)));
  add(fmt::format("| **pooled** | | {} |\n\n", histogram_text(rolling.pooled_model_pit)));

  add("## Where the model loses\n\nEach series x baseline x score where the model's mean score "
      "is worse than the baseline's (skill < 0).\n\n");
  int losses = 0;
  for (const auto& s : rolling.series)
    for (std::size_t f = 1; f < kForecasterCount; ++f) {
      std::vector<std::string> lost;
      for (std::size_t k = 0; k < kScoreCount; ++k)
        if (!std::isnan(s.skill[f][k].skill) && s.skill[f][k].skill < 0.0)
          lost.push_back(fmt::format("{} skill {}", kScoreNames[k], skill_text(s.skill[f][k])));
      if (lost.empty()) continue;
      ++losses;
      std::string line =
          fmt::format("- **{}** vs `{}`: ", s.series.label, kForecasterNames[f].name);
      for (std::size_t i = 0; i < lost.size(); ++i)
        line += fmt::format("{}{}", i ? "; " : "", lost[i]);
      add(fmt::format("{}.\n  diagnosis: see docs/analysis/backtest.md\n", line));
    }
  if (losses == 0) add("- none\n");
  add("\n");

  // Coverage: the original single-run comparison, kept as a secondary check.
  add("## Secondary: coverage of the 90% interval (single run from 2000, scenario as given)\n\n");
  add(fmt::format(
      "The scenario as written (fits up to {} in sample), {} trials. A well-calibrated model "
      "covers about 90% of years; coverage alone is weak evidence (wide intervals cover "
      "everything).\n\n",
      coverage.calibration_last_year, coverage.trials));
  std::string cov = backtest_markdown(coverage, command_line, record_path);
  const auto at = cov.find("## Coverage");
  if (at != std::string::npos) {
    cov = cov.substr(at);
    // Demote the coverage report's headings one level under this section.
    std::string demoted;
    std::size_t pos = 0;
    while (pos < cov.size()) {
      const auto eol = cov.find('\n', pos);
      std::string line =
          cov.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos + 1);
      if (line.rfind("## ", 0) == 0) line.insert(line.begin(), '#');
      demoted += line;
      if (eol == std::string::npos) break;
      pos = eol + 1;
    }
    add(demoted);
  }
  return md;
}

}  // namespace linchpin::analysis
