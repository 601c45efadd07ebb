#include "linchpin/engine/simulation.hpp"

#include <fmt/format.h>

#include <set>

#include "linchpin/core/error.hpp"
#include "linchpin/mechanisms/registry.hpp"

namespace linchpin {

Simulation::Simulation(Scenario scenario)
    : scenario_(std::move(scenario)), mechanisms_(build_mechanisms(scenario_)) {
  std::set<std::string> names;
  for (const auto& mechanism : mechanisms_) {
    metric_offset_.push_back(metrics_.size());
    outcome_offset_.push_back(outcomes_.size());
    for (auto& spec : mechanism->metrics()) {
      if (!names.insert(spec.name).second)
        throw Error(fmt::format("metric '{}' is declared twice", spec.name));
      if (!(spec.lower < spec.upper)) spec.upper = spec.lower + 1.0;
      metrics_.push_back(MetricInfo{std::move(spec), std::string(mechanism->name())});
    }
    for (auto& spec : mechanism->outcomes()) {
      if (!names.insert(spec.name).second)
        throw Error(fmt::format("outcome '{}' is declared twice", spec.name));
      outcomes_.push_back(OutcomeInfo{std::move(spec), std::string(mechanism->name())});
    }
  }
  metric_offset_.push_back(metrics_.size());
  outcome_offset_.push_back(outcomes_.size());
}

Simulation::~Simulation() = default;

std::vector<std::string> Simulation::mechanism_names() const {
  std::vector<std::string> names;
  for (const auto& mechanism : mechanisms_) names.emplace_back(mechanism->name());
  return names;
}

TrialOutcome Simulation::run_trial(std::uint64_t seed, std::uint64_t trial, bool trace,
                                   MonthObserver& observer) const {
  TrialOutcome outcome;
  outcome.trial = trial;
  outcome.outcome_months.assign(outcomes_.size(), -1);
  std::vector<double> values(metrics_.size(), 0.0);
  std::vector<Event> events;
  std::vector<Event>* event_sink = trace ? &events : nullptr;

  World world = make_initial_world(scenario_);
  const TrialContext context{seed, trial, scenario_.start_month(), scenario_.horizon_months()};
  auto sink_for = [&](std::size_t m, int month_index) {
    const std::size_t metric_begin = metric_offset_[m];
    const std::size_t outcome_begin = outcome_offset_[m];
    return TrialSink(
        std::span<double>(values).subspan(metric_begin, metric_offset_[m + 1] - metric_begin),
        std::span<int>(outcome.outcome_months)
            .subspan(outcome_begin, outcome_offset_[m + 1] - outcome_begin),
        event_sink, &outcome.event_count, month_index);
  };
  auto collect_events = [&](std::size_t m) {
    if (!trace) return;
    for (auto& event : events)
      outcome.events.push_back(TracedEvent{std::string(mechanisms_[m]->name()), std::move(event)});
    events.clear();
  };

  std::vector<std::unique_ptr<MechanismTrial>> running;
  running.reserve(mechanisms_.size());
  for (std::size_t m = 0; m < mechanisms_.size(); ++m) {
    TrialSink sink = sink_for(m, 0);
    running.push_back(mechanisms_[m]->start_trial(world, context, sink));
    collect_events(m);
  }
  observer.observe(0, values);
  const int horizon = scenario_.horizon_months();
  for (int month = 1; month <= horizon; ++month) {
    world.month_index = month;
    world.month = scenario_.start_month().plus(month);
    for (std::size_t m = 0; m < running.size(); ++m) {
      TrialSink sink = sink_for(m, month);
      running[m]->step(world, sink);
      collect_events(m);
    }
    observer.observe(month, values);
  }
  outcome.war_month = world.war_month_index;
  return outcome;
}

}  // namespace linchpin
