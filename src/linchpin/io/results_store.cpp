#include "linchpin/io/results_store.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "linchpin/core/error.hpp"

namespace linchpin {

namespace {

constexpr const char* kSchema = R"SQL(
CREATE TABLE schema_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs (
  run_id INTEGER PRIMARY KEY,
  scenario_name TEXT NOT NULL,
  scenario_file TEXT NOT NULL,
  scenario_sha256 TEXT NOT NULL,
  scenario_text TEXT NOT NULL,
  resolved_scenario TEXT NOT NULL,
  seed INTEGER NOT NULL,
  trials_requested INTEGER NOT NULL,
  trials_completed INTEGER NOT NULL DEFAULT 0,
  threads INTEGER NOT NULL,
  trace_trials INTEGER NOT NULL,
  engine_version TEXT NOT NULL,
  git_commit TEXT NOT NULL,
  command_line TEXT NOT NULL,
  start_month TEXT NOT NULL,
  horizon_months INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  seconds REAL,
  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
  message TEXT
);
CREATE TABLE outcome_definitions (
  outcome TEXT PRIMARY KEY, mechanism TEXT NOT NULL, description TEXT NOT NULL);
CREATE TABLE metric_definitions (
  metric TEXT PRIMARY KEY, mechanism TEXT NOT NULL, unit TEXT NOT NULL, description TEXT NOT NULL,
  lower REAL NOT NULL, upper REAL NOT NULL, kind TEXT NOT NULL);
CREATE TABLE outcomes (
  outcome TEXT PRIMARY KEY REFERENCES outcome_definitions(outcome),
  occurred INTEGER NOT NULL, trials INTEGER NOT NULL,
  probability REAL NOT NULL, ci_low REAL NOT NULL, ci_high REAL NOT NULL);
CREATE TABLE outcomes_no_war (
  outcome TEXT PRIMARY KEY REFERENCES outcome_definitions(outcome),
  occurred INTEGER NOT NULL, trials INTEGER NOT NULL,
  probability REAL NOT NULL, ci_low REAL NOT NULL, ci_high REAL NOT NULL);
CREATE TABLE outcome_incidence (
  outcome TEXT NOT NULL, month_index INTEGER NOT NULL, month TEXT NOT NULL,
  cumulative_probability REAL NOT NULL, PRIMARY KEY (outcome, month_index));
CREATE TABLE metric_quantiles (
  metric TEXT NOT NULL, month_index INTEGER NOT NULL, month TEXT NOT NULL,
  mean REAL, q05 REAL, q25 REAL, q50 REAL, q75 REAL, q95 REAL, out_of_range INTEGER NOT NULL,
  PRIMARY KEY (metric, month_index));
CREATE TABLE trials (trial INTEGER PRIMARY KEY, events INTEGER NOT NULL);
CREATE TABLE trial_outcomes (
  trial INTEGER NOT NULL, outcome TEXT NOT NULL, month_index INTEGER NOT NULL,
  PRIMARY KEY (trial, outcome));
CREATE TABLE events (
  trial INTEGER NOT NULL, sequence INTEGER NOT NULL, month_index INTEGER NOT NULL,
  month TEXT NOT NULL, mechanism TEXT NOT NULL, kind TEXT NOT NULL, actors TEXT NOT NULL,
  magnitude REAL NOT NULL, detail TEXT NOT NULL, PRIMARY KEY (trial, sequence));
)SQL";

std::string month_text(const std::string& start_month, int offset) {
  const auto date = parse_calendar_date(start_month);
  if (!date) return "";
  return date->to_month().plus(offset).to_string();
}

}  // namespace

ResultsStore::ResultsStore(const std::string& path, bool overwrite)
    : db_(
          [&]() -> const std::string& {
            check_output_path(path, overwrite);
            prepare_database_path(path);
            return path;
          }(),
          false) {
  // Rollback journal (the default) keeps the database consistent if the process dies; the OS
  // crash durability that synchronous=FULL buys is not needed for a reproducible result.
  db_.execute("PRAGMA synchronous=OFF;");
  db_.execute("BEGIN;");
  db_.execute(kSchema);
  db_.execute(
      fmt::format("INSERT INTO schema_info VALUES ('schema_version', '{}'), "
                  "('producer', 'linchpin');",
                  kResultsSchemaVersion));
  db_.execute("COMMIT;");
  last_commit_ = std::chrono::steady_clock::now();
}

ResultsStore::~ResultsStore() {
  if (in_transaction_) {
    try {
      db_.execute("COMMIT;");
    } catch (...) {
    }
  }
}

void ResultsStore::begin(const RunRecord& record, const Simulation& simulation) {
  start_month_ = record.start_month;
  db_.execute("BEGIN;");
  Statement run(db_,
                "INSERT INTO runs (run_id, scenario_name, scenario_file, scenario_sha256, "
                "scenario_text, resolved_scenario, seed, trials_requested, threads, trace_trials, "
                "engine_version, git_commit, command_line, start_month, horizon_months, "
                "started_at, status) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "'running')");
  run.bind(1, record.scenario_name)
      .bind(2, record.scenario_file)
      .bind(3, record.scenario_sha256)
      .bind(4, record.scenario_text)
      .bind(5, record.resolved_scenario)
      .bind(6, std::int64_t(record.seed))
      .bind(7, std::int64_t(record.trials_requested))
      .bind(8, std::int64_t(record.threads))
      .bind(9, std::int64_t(record.trace_trials))
      .bind(10, record.engine_version)
      .bind(11, record.git_commit)
      .bind(12, record.command_line)
      .bind(13, record.start_month)
      .bind(14, std::int64_t(record.horizon_months))
      .bind(15, utc_timestamp())
      .run();
  run_id_ = 1;
  Statement outcome(db_, "INSERT INTO outcome_definitions VALUES (?, ?, ?)");
  for (const auto& info : simulation.outcomes()) {
    outcome.bind(1, info.spec.name).bind(2, info.mechanism).bind(3, info.spec.description).run();
    outcome_names_.push_back(info.spec.name);
  }
  Statement metric(db_, "INSERT INTO metric_definitions VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const auto& info : simulation.metrics()) {
    metric.bind(1, info.spec.name)
        .bind(2, info.mechanism)
        .bind(3, info.spec.unit)
        .bind(4, info.spec.description)
        .bind(5, info.spec.lower)
        .bind(6, info.spec.upper)
        .bind(7, std::string(enum_name(kMetricKindNames, info.spec.kind)))
        .run();
  }
  db_.execute("COMMIT;");
}

void ResultsStore::consume(std::vector<TrialOutcome>& batch) {
  if (!in_transaction_) {
    db_.execute("BEGIN;");
    in_transaction_ = true;
  }
  Statement trial_row(db_, "INSERT INTO trials VALUES (?, ?)");
  Statement outcome_row(db_, "INSERT INTO trial_outcomes VALUES (?, ?, ?)");
  Statement event_row(db_, "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& trial : batch) {
    trial_row.bind(1, std::int64_t(trial.trial)).bind(2, std::int64_t(trial.event_count)).run();
    for (std::size_t o = 0; o < trial.outcome_months.size(); ++o) {
      if (trial.outcome_months[o] < 0) continue;
      outcome_row.bind(1, std::int64_t(trial.trial))
          .bind(2, outcome_names_[o])
          .bind(3, std::int64_t(trial.outcome_months[o]))
          .run();
    }
    std::int64_t sequence = 0;
    for (const auto& traced : trial.events) {
      std::string actors;
      for (const auto& actor : traced.event.actors) actors += (actors.empty() ? "" : ",") + actor;
      event_row.bind(1, std::int64_t(trial.trial))
          .bind(2, sequence++)
          .bind(3, std::int64_t(traced.event.month_index))
          .bind(4, month_text(start_month_, traced.event.month_index))
          .bind(5, traced.mechanism)
          .bind(6, traced.event.kind)
          .bind(7, actors)
          .bind(8, traced.event.magnitude)
          .bind(9, traced.event.detail)
          .run();
    }
  }
  pending_trials_ += batch.size();
  const auto now = std::chrono::steady_clock::now();
  if (now - last_commit_ > std::chrono::milliseconds(500)) commit_pending();
}

void ResultsStore::commit_pending() {
  if (in_transaction_) {
    Statement progress(db_,
                       "UPDATE runs SET trials_completed = trials_completed + ? WHERE run_id = 1");
    progress.bind(1, std::int64_t(pending_trials_)).run();
    db_.execute("COMMIT;");
    in_transaction_ = false;
    pending_trials_ = 0;
  }
  last_commit_ = std::chrono::steady_clock::now();
}

void ResultsStore::finish(const EnsembleRun& run, const Simulation& simulation) {
  commit_pending();
  db_.execute("BEGIN;");
  Statement outcome(db_, "INSERT INTO outcomes VALUES (?, ?, ?, ?, ?, ?)");
  Statement outcome_no_war(db_, "INSERT INTO outcomes_no_war VALUES (?, ?, ?, ?, ?, ?)");
  Statement incidence(db_, "INSERT INTO outcome_incidence VALUES (?, ?, ?, ?)");
  for (const auto& estimate : run.summary.outcomes) {
    outcome.bind(1, estimate.name)
        .bind(2, std::int64_t(estimate.occurred))
        .bind(3, std::int64_t(estimate.trials))
        .bind(4, estimate.probability)
        .bind(5, estimate.interval.low)
        .bind(6, estimate.interval.high)
        .run();
    outcome_no_war.bind(1, estimate.name)
        .bind(2, std::int64_t(estimate.occurred_no_war))
        .bind(3, std::int64_t(estimate.trials_no_war))
        .bind(4, estimate.probability_no_war)
        .bind(5, estimate.interval_no_war.low)
        .bind(6, estimate.interval_no_war.high)
        .run();
    for (std::size_t month = 0; month < estimate.cumulative.size(); ++month) {
      incidence.bind(1, estimate.name)
          .bind(2, std::int64_t(month))
          .bind(3, month_text(start_month_, int(month)))
          .bind(4, estimate.cumulative[month])
          .run();
    }
  }
  Statement quantiles(db_, "INSERT INTO metric_quantiles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& series : run.summary.metrics) {
    for (std::size_t month = 0; month < series.mean.size(); ++month) {
      quantiles.bind(1, series.info.spec.name)
          .bind(2, std::int64_t(month))
          .bind(3, month_text(start_month_, int(month)))
          .bind(4, series.mean[month])
          .bind(5, series.q05[month])
          .bind(6, series.q25[month])
          .bind(7, series.q50[month])
          .bind(8, series.q75[month])
          .bind(9, series.q95[month])
          .bind(10, std::int64_t(series.out_of_range[month]))
          .run();
    }
  }
  (void)simulation;
  Statement status(db_,
                   "UPDATE runs SET status = ?, trials_completed = ?, finished_at = ?, seconds = ? "
                   "WHERE run_id = 1");
  status.bind(1, std::string(run.cancelled ? "interrupted" : "completed"))
      .bind(2, std::int64_t(run.trials_completed))
      .bind(3, utc_timestamp())
      .bind(4, run.seconds)
      .run();
  db_.execute("COMMIT;");
}

void ResultsStore::fail(const std::string& message) {
  try {
    if (in_transaction_) {
      db_.execute("COMMIT;");
      in_transaction_ = false;
    }
    Statement status(
        db_, "UPDATE runs SET status = 'failed', finished_at = ?, message = ? WHERE run_id = 1");
    status.bind(1, utc_timestamp()).bind(2, message).run();
  } catch (...) {
  }
}

}  // namespace linchpin
