// Validation of the elections mechanism against the historical record kept in data/elections:
// (1) each Korea scenario's incumbent-party win probability is exactly the Beta(wins+1,
//     losses+1) rule applied to the elections held before the scenario's start;
// (2) out of sample: estimated from US presidential elections 1952-1988 only, the mechanism's
//     predictive distribution of party turnovers in the nine elections 1992-2024 covers the
//     observed count (6) inside its central 90% interval.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/engine/simulation.hpp"
#include "linchpin/scenario/scenario_loader.hpp"
#include "test_support.hpp"

namespace linchpin {
namespace {

struct Record {
  int wins = 0;
  int losses = 0;
};

Record count_before(const std::string& csv, const std::string& before) {
  const auto rows = test::read_csv_rows(test::source_dir() / "data/elections" / csv);
  EXPECT_FALSE(rows.empty()) << csv;
  Record record;
  for (std::size_t r = 1; r < rows.size(); ++r) {  // row 0 is the header
    const auto& fields = rows[r];
    if (fields.size() < 5 || fields[0].substr(0, 7) >= before) continue;
    (fields[4] == "1" ? record.wins : record.losses)++;
  }
  return record;
}

const Office& office_of(const Scenario& scenario, const std::string& actor, const std::string& id) {
  for (const auto& system : scenario.politics().systems)
    if (scenario.actors()[system.actor].id == actor)
      for (const auto& office : system.offices)
        if (office.id == id) return office;
  throw std::runtime_error("no office " + actor + "." + id);
}

TEST(ValidationElectionRecord, ScenarioWinProbabilitiesFollowTheRecord) {
  struct Link {
    const char* actor;
    const char* office;
    const char* csv;
  };
  const Link links[] = {{"USA", "president", "us_presidential.csv"},
                        {"USA", "house", "us_house.csv"},
                        {"ROK", "president", "rok_presidential.csv"},
                        {"ROK", "national_assembly", "rok_legislative.csv"},
                        {"JPN", "prime_minister", "japan_house_of_representatives.csv"}};
  for (const char* file : {"scenarios/korea-2026.yaml", "scenarios/korea-2023.yaml"}) {
    const Scenario scenario = load_scenario((test::source_dir() / file).string());
    const std::string start = scenario.start_month().to_string();
    for (const auto& link : links) {
      SCOPED_TRACE(std::string(file) + " " + link.actor + "." + link.office);
      const auto& probability =
          office_of(scenario, link.actor, link.office).incumbent_party_win_probability;
      const Record record = count_before(link.csv, start);
      ASSERT_EQ(probability.kind, DistributionKind::beta);
      EXPECT_EQ(probability.alpha, record.wins + 1);
      EXPECT_EQ(probability.beta, record.losses + 1);
    }
  }
}

class TurnoverCounter final : public MonthObserver {
 public:
  void observe(int, const std::vector<double>&) override {}
};

TEST(ValidationElectionRecord, OutOfSampleUsPresidentialTurnovers) {
  const Record train = count_before("us_presidential.csv", "1989-01");
  ASSERT_EQ(train.wins + train.losses, 10);
  const std::string scenario_text = fmt::format(R"(
linchpin: 1
scenario: {{name: us-presidency-1989, start: 1989-01, horizon_months: 432}}
sources:
  - {{id: record, kind: dataset, citation: "data/elections/us_presidential.csv, 1952-1988"}}
  - {{id: constitution, kind: treaty, citation: "US Constitution, Art. II and 20th/22nd Amendments"}}
actors:
  - {{id: USA, name: United States, kind: state, cow_code: 2}}
politics:
  stance_dimensions:
    - {{id: alliance_commitment, description: placeholder, low: 0, high: 1}}
  actors:
    - actor: USA
      parties:
        - {{id: DEM, name: Democratic, stances: {{alliance_commitment: {{value: 0.5, source: record}}}}}}
        - {{id: REP, name: Republican, stances: {{alliance_commitment: {{value: 0.5, source: record}}}}}}
      offices:
        - id: president
          kind: executive
          incumbent: {{party: REP, since: 1989-01, terms_served: 1}}
          term_limit: 2
          elections:
            - {{date: 1992-11-03, kind: presidential, source: constitution}}
          recurrence_months: 48
          incumbent_party_win_probability: {{distribution: beta, alpha: {}, beta: {}, source: record}}
          leader_runs_again_probability: {{value: 1, source: record}}
)",
                                                train.wins + 1, train.losses + 1);
  const Scenario scenario = load_scenario_text(scenario_text, "inline", default_load_options());
  const Simulation simulation(scenario);
  TurnoverCounter observer;
  std::vector<int> turnovers;
  for (std::uint64_t trial = 0; trial < 4000; ++trial) {
    const auto outcome = simulation.run_trial(1, trial, true, observer);
    int count = 0;
    int elections = 0;
    for (const auto& traced : outcome.events) {
      elections += traced.event.kind.rfind("election.", 0) == 0;
      count += traced.event.kind == "election.turnover";
    }
    ASSERT_EQ(elections, 9);  // 1992, 1996, ..., 2024
    turnovers.push_back(count);
  }
  std::sort(turnovers.begin(), turnovers.end());
  const int low = turnovers[std::size_t(0.05 * turnovers.size())];
  const int high = turnovers[std::size_t(0.95 * turnovers.size())];
  const Record test_period = [] {
    Record all = count_before("us_presidential.csv", "2025-01");
    Record before = count_before("us_presidential.csv", "1989-01");
    return Record{all.wins - before.wins, all.losses - before.losses};
  }();
  EXPECT_EQ(test_period.wins + test_period.losses, 9);
  const int observed = test_period.losses;
  EXPECT_LE(low, observed);
  EXPECT_GE(high, observed);
  RecordProperty("observed_turnovers", observed);
  RecordProperty("predicted_90_low", low);
  RecordProperty("predicted_90_high", high);
}

}  // namespace
}  // namespace linchpin
