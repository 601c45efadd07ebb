#include "linchpin/io/results_store.hpp"

#include <gtest/gtest.h>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/io/headline_table.hpp"
#include "linchpin/io/html_report.hpp"
#include "linchpin/io/results_reader.hpp"
#include "test_support.hpp"

namespace linchpin {
namespace {

RunResponse run_minimal(const std::string& out, std::uint64_t trials) {
  RunRequest request;
  request.scenario_path = (test::source_dir() / "tests/scenarios/minimal.yaml").string();
  request.trials = trials;
  request.out_path = out;
  request.overwrite = true;
  request.threads = 2;
  return run_scenario(request);
}

TEST(ResultsStore, RoundTripsARun) {
  const auto path = test::temporary_path("roundtrip.sqlite").string();
  const auto response = run_minimal(path, 200);
  const auto stored = read_results(path);
  EXPECT_EQ(stored.schema_version, kResultsSchemaVersion);
  EXPECT_EQ(stored.run.status, "completed");
  EXPECT_EQ(stored.run.trials_completed, 200u);
  EXPECT_EQ(stored.run.seed, 42u);
  EXPECT_EQ(stored.run.scenario_name, "minimal");
  EXPECT_EQ(stored.run.engine_version, engine_version());
  ASSERT_EQ(stored.outcomes.size(), response.run.summary.outcomes.size());
  for (std::size_t i = 0; i < stored.outcomes.size(); ++i) {
    EXPECT_EQ(stored.outcomes[i].name, response.run.summary.outcomes[i].name);
    EXPECT_EQ(stored.outcomes[i].occurred, response.run.summary.outcomes[i].occurred);
  }
  ASSERT_EQ(stored.series.size(), response.run.summary.metrics.size());
  EXPECT_EQ(stored.series[0].months.size(), 37u);
  EXPECT_EQ(stored.series[0].months.front(), "2026-12");
  EXPECT_EQ(stored.series[0].months.back(), "2029-12");
  EXPECT_FALSE(stored.event_counts_traced.empty());  // the scenario traces 2 trials
}

TEST(ResultsStore, RefusesToOverwriteWithoutPermission) {
  const auto path = test::temporary_path("exists.sqlite").string();
  run_minimal(path, 10);
  EXPECT_THROW(ResultsStore(path, false), InputError);
  EXPECT_EQ(read_results(path).run.trials_completed, 10u);  // untouched
}

TEST(ResultsReader, RejectsFilesThatAreNotResults) {
  const auto path = test::temporary_path("not-results.sqlite");
  test::write_text(path, "this is not a database");
  EXPECT_THROW(read_results(path.string()), std::exception);
  EXPECT_THROW(read_results("/nonexistent.sqlite"), InputError);
}

TEST(HeadlineAndReport, ShowEveryOutcomeAndSeries) {
  const auto path = test::temporary_path("report.sqlite").string();
  run_minimal(path, 50);
  const auto stored = read_results(path);
  const std::string table = format_headline(stored);
  const std::string html = render_html_report(stored);
  for (const auto& outcome : stored.outcomes) {
    EXPECT_NE(table.find(outcome.name), std::string::npos);
    EXPECT_NE(html.find(outcome.name), std::string::npos);
  }
  for (const auto& series : stored.series) EXPECT_NE(html.find(series.name), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
}

}  // namespace
}  // namespace linchpin
