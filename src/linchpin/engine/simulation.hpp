#pragma once
// A scenario made runnable: its mechanisms, the registry of their metrics and outcomes, and
// the trial loop. Immutable after construction; any number of threads may run trials.
#include <memory>
#include <string>
#include <vector>

#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/scenario.hpp"

namespace linchpin {

struct MetricInfo {
  MetricSpec spec;
  std::string mechanism;
};

struct OutcomeInfo {
  OutcomeSpec spec;
  std::string mechanism;
};

struct TracedEvent {
  std::string mechanism;
  Event event;
};

// What one trial produced. Metric values are recorded as the trial runs (see MonthObserver),
// so a trial never stores its whole series.
struct TrialOutcome {
  std::uint64_t trial = 0;
  std::vector<int> outcome_months;  // per outcome: first month index it occurred, -1 if never
  std::uint64_t event_count = 0;
  std::vector<TracedEvent> events;  // only when traced
  int war_month = -1;  // month index a war began (World::war_month_index), -1 if none
};

// Receives every metric's value at the end of every month of a trial.
class MonthObserver {
 public:
  virtual ~MonthObserver() = default;
  virtual void observe(int month_index, const std::vector<double>& metric_values) = 0;
};

class Simulation {
 public:
  explicit Simulation(Scenario scenario);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  const Scenario& scenario() const { return scenario_; }
  const std::vector<MetricInfo>& metrics() const { return metrics_; }
  const std::vector<OutcomeInfo>& outcomes() const { return outcomes_; }
  std::vector<std::string> mechanism_names() const;
  int horizon_months() const { return scenario_.horizon_months(); }

  // Runs one trial from the start month through the horizon. Month index 0 is the start
  // state (after every mechanism prepared the trial); months 1..horizon follow each step.
  TrialOutcome run_trial(std::uint64_t seed, std::uint64_t trial, bool trace,
                         MonthObserver& observer) const;

 private:
  Scenario scenario_;
  std::vector<std::unique_ptr<Mechanism>> mechanisms_;
  std::vector<MetricInfo> metrics_;
  std::vector<OutcomeInfo> outcomes_;
  std::vector<std::size_t> metric_offset_;   // per mechanism
  std::vector<std::size_t> outcome_offset_;  // per mechanism
};

}  // namespace linchpin
