#include "linchpin/io/results_reader.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cmath>
#include <filesystem>

#include "linchpin/core/error.hpp"
#include "linchpin/io/database.hpp"
#include "linchpin/io/results_store.hpp"

namespace linchpin {

namespace {

// A query on a file that should be a results database: a statement that cannot be prepared
// (a missing table) means the file is not one, which is the user's input error.
Statement results_query(Database& db, const char* sql) {
  try {
    return Statement(db, sql);
  } catch (const Error&) {
    throw_input_error(
        {db.path(), 0, 0}, "",
        fmt::format("not a Linchpin results database ({})", sqlite3_errmsg(db.handle())));
  }
}

}  // namespace

StoredResults read_results(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    throw_input_error({path, 0, 0}, "", "no such results file");
  Database db(path, true);
  StoredResults results;
  results.path = path;
  {
    Statement query =
        results_query(db, "SELECT value FROM schema_info WHERE key = 'schema_version'");
    if (query.next()) results.schema_version = std::stoi(query.text(0));
  }
  if (results.schema_version != kResultsSchemaVersion) {
    throw_input_error({path, 0, 0}, "",
                      fmt::format("results schema version {} is not supported, "
                                  "expected {}",
                                  results.schema_version, kResultsSchemaVersion));
  }
  {
    Statement query = results_query(
        db,
        "SELECT scenario_name, scenario_file, scenario_sha256, seed, trials_requested, "
        "trials_completed, threads, engine_version, git_commit, start_month, "
        "horizon_months, started_at, finished_at, seconds, status, message FROM runs "
        "WHERE run_id = 1");
    if (!query.next()) throw_input_error({path, 0, 0}, "", "the database holds no run record");
    auto& run = results.run;
    run.scenario_name = query.text(0);
    run.scenario_file = query.text(1);
    run.scenario_sha256 = query.text(2);
    run.seed = std::uint64_t(query.integer(3));
    run.trials_requested = std::uint64_t(query.integer(4));
    run.trials_completed = std::uint64_t(query.integer(5));
    run.threads = unsigned(query.integer(6));
    run.engine_version = query.text(7);
    run.git_commit = query.text(8);
    run.start_month = query.text(9);
    run.horizon_months = int(query.integer(10));
    run.started_at = query.text(11);
    run.finished_at = query.text(12);
    run.seconds = query.real(13);
    run.status = query.text(14);
    run.message = query.text(15);
  }
  {
    Statement query = results_query(
        db,
        "SELECT d.outcome, d.mechanism, d.description, o.occurred, o.trials, "
        "o.probability, o.ci_low, o.ci_high, n.occurred, n.trials, n.probability, n.ci_low, "
        "n.ci_high FROM outcome_definitions d JOIN outcomes o USING (outcome) "
        "LEFT JOIN outcomes_no_war n USING (outcome) ORDER BY d.rowid");
    while (query.next()) {
      StoredOutcome outcome{query.text(0),
                            query.text(1),
                            query.text(2),
                            std::uint64_t(query.integer(3)),
                            std::uint64_t(query.integer(4)),
                            query.real(5),
                            query.real(6),
                            query.real(7)};
      outcome.occurred_no_war = std::uint64_t(query.integer(8));
      outcome.trials_no_war = std::uint64_t(query.integer(9));
      outcome.probability_no_war = query.real(10);
      outcome.ci_low_no_war = query.real(11);
      outcome.ci_high_no_war = query.real(12);
      results.outcomes.push_back(std::move(outcome));
    }
  }
  {
    Statement definitions =
        results_query(db,
                      "SELECT metric, mechanism, unit, description, kind, lower, upper FROM "
                      "metric_definitions ORDER BY rowid");
    while (definitions.next()) {
      StoredSeries series;
      series.name = definitions.text(0);
      series.mechanism = definitions.text(1);
      series.unit = definitions.text(2);
      series.description = definitions.text(3);
      series.kind = definitions.text(4);
      series.lower = definitions.real(5);
      series.upper = definitions.real(6);
      results.series.push_back(std::move(series));
    }
    Statement values =
        results_query(db,
                      "SELECT metric, month, mean, q05, q25, q50, q75, q95 FROM metric_quantiles "
                      "ORDER BY metric, month_index");
    std::map<std::string, StoredSeries*> by_name;
    for (auto& series : results.series) by_name[series.name] = &series;
    while (values.next()) {
      auto it = by_name.find(values.text(0));
      if (it == by_name.end()) continue;
      auto& series = *it->second;
      series.months.push_back(values.text(1));
      series.mean.push_back(values.real(2));
      series.q05.push_back(values.real(3));
      series.q25.push_back(values.real(4));
      series.q50.push_back(values.real(5));
      series.q75.push_back(values.real(6));
      series.q95.push_back(values.real(7));
    }
  }
  {
    Statement query =
        results_query(db, "SELECT kind, COUNT(*) FROM events GROUP BY kind ORDER BY kind");
    while (query.next())
      results.event_counts_traced[query.text(0)] = std::uint64_t(query.integer(1));
  }
  return results;
}

std::vector<StoredEvent> read_trial_events(const std::string& path, std::uint64_t trial) {
  read_results(path);  // checks that this is a results database of a supported version
  Database db(path, true);
  Statement query = results_query(
      db,
      "SELECT month_index, month, mechanism, kind, actors, magnitude, detail FROM events "
      "WHERE trial = ? ORDER BY sequence");
  query.bind(1, std::int64_t(trial));
  std::vector<StoredEvent> events;
  while (query.next()) {
    events.push_back(StoredEvent{int(query.integer(0)), query.text(1), query.text(2), query.text(3),
                                 query.text(4), query.real(5), query.text(6)});
  }
  return events;
}

std::map<std::string, std::vector<std::uint64_t>> read_outcome_trials(const std::string& path) {
  read_results(path);
  Database db(path, true);
  Statement query =
      results_query(db, "SELECT outcome, trial FROM trial_outcomes ORDER BY outcome, trial");
  std::map<std::string, std::vector<std::uint64_t>> trials;
  while (query.next()) trials[query.text(0)].push_back(std::uint64_t(query.integer(1)));
  return trials;
}

std::vector<std::uint64_t> read_traced_trials(const std::string& path) {
  Database db(path, true);
  Statement query = results_query(db, "SELECT DISTINCT trial FROM events ORDER BY trial");
  std::vector<std::uint64_t> trials;
  while (query.next()) trials.push_back(std::uint64_t(query.integer(0)));
  return trials;
}

}  // namespace linchpin
