#include "linchpin/mechanisms/event_processes.hpp"

#include <fmt/format.h>

#include <cmath>
#include <deque>

namespace linchpin {

std::vector<ParameterSchema> EventProcessesMechanism::parameter_schema() {
  return {ParameterSchema{
      "rolling_window_months", "Length of the window over which the tracked event count is summed",
      "months", 12.0,
      "Calendar-year counting, as in the sourced yearly records (Japan MOD launch counts, "
      "CTBTO test list) the rates are set from",
      1.0, 120.0, true}};
}

EventProcessesMechanism::EventProcessesMechanism(const Scenario& scenario) : scenario_(scenario) {
  if (const auto* section = scenario.mechanism_section("event_processes")) {
    const auto it = section->parameters.find("rolling_window_months");
    if (it != section->parameters.end()) window_months_ = int(it->second.nominal());
  }
  for (const auto& process : scenario.event_processes()) {
    // Bounds for quantiles: generous multiples of the highest rate the scenario allows.
    const double upper =
        std::ceil(process.rate_per_month.support_high() * window_months_ * 3.0 + 10.0);
    metrics_.push_back(
        MetricSpec{fmt::format("events.{}.rolling_count", process.id),
                   fmt::format("events per {} months", window_months_),
                   fmt::format("{}: events in the last {} months", process.name, window_months_),
                   0.0, upper, MetricKind::discrete});
  }
  for (const auto& process : scenario.event_processes()) {
    outcomes_.push_back(OutcomeSpec{fmt::format("events.{}.any", process.id),
                                    fmt::format("At least one event: {}", process.name)});
  }
  for (const auto& process : scenario.event_processes()) {
    if (process.joined_by < 0) continue;
    const auto& joiner = scenario.actors()[process.joined_by].id;
    outcomes_.push_back(OutcomeSpec{fmt::format("events.{}.joined_by_{}", process.id, joiner),
                                    fmt::format("{} joins an event: {}", joiner, process.name)});
  }
}

class EventProcessesTrial final : public MechanismTrial {
 public:
  EventProcessesTrial(const EventProcessesMechanism& mechanism, const TrialContext& context,
                      TrialSink& sink)
      : mechanism_(mechanism),
        stream_(context.seed, context.trial, purpose_id("event_processes")),
        join_stream_(context.seed, context.trial, purpose_id("event_processes:joins")) {
    const auto& processes = mechanism.scenario_.event_processes();
    std::size_t join_outcome = processes.size();
    for (std::size_t i = 0; i < processes.size(); ++i) {
      join_probabilities_.push_back(
          processes[i].join_probability
              ? processes[i].join_probability->sample_for_trial(context.seed, context.trial)
              : 0.0);
      join_outcomes_.push_back(processes[i].joined_by >= 0 ? int(join_outcome++) : -1);
      rates_.push_back(processes[i].rate_per_month.sample_for_trial(context.seed, context.trial));
      elasticities_.push_back(
          processes[i].tension_elasticity
              ? processes[i].tension_elasticity->sample_for_trial(context.seed, context.trial)
              : 0.0);
      windows_.emplace_back(std::size_t(mechanism.window_months_), 0u);
      sink.set_metric(i, 0.0);
    }
    window_sums_.assign(processes.size(), 0);
  }

  void step(World& world, TrialSink& sink) override {
    const auto& processes = mechanism_.scenario_.event_processes();
    const auto& actors = mechanism_.scenario_.actors();
    for (std::size_t i = 0; i < processes.size(); ++i) {
      // Tension is last month's (deterrence runs later in the month).
      const double rate =
          elasticities_[i] == 0.0
              ? rates_[i]
              : rates_[i] * std::exp(elasticities_[i] * (world.tension - world.tension_reference));
      const std::uint32_t count = stream_.poisson(rate);
      auto& window = windows_[i];
      window_sums_[i] += count;
      const std::size_t slot = std::size_t(world.month_index) % window.size();
      window_sums_[i] -= window[slot];
      window[slot] = count;
      world.event_counts[i] = count;
      sink.set_metric(i, double(window_sums_[i]));
      if (join_outcomes_[i] >= 0) {
        // One draw a month whatever the count: P(someone joins at least one of the events).
        const double u = join_stream_.uniform();
        if (count > 0 && u < 1.0 - std::pow(1.0 - join_probabilities_[i], double(count))) {
          sink.occur(std::size_t(join_outcomes_[i]));
          Event event;
          event.kind = fmt::format("event.{}.joined", processes[i].id);
          event.magnitude = 1.0;
          if (sink.tracing()) {
            event.actors = {actors[processes[i].joined_by].id};
            event.detail =
                fmt::format("{} joins: {}", actors[processes[i].joined_by].id, processes[i].name);
          }
          sink.emit(std::move(event));
        }
      }
      if (count == 0) continue;
      sink.occur(i);
      Event event;
      event.kind = "event." + processes[i].id;
      event.magnitude = count;
      if (sink.tracing()) {
        event.actors = {actors[processes[i].actor].id};
        event.detail = fmt::format("{}: {} this month", processes[i].name, count);
      }
      sink.emit(std::move(event));
    }
  }

 private:
  const EventProcessesMechanism& mechanism_;
  RandomStream stream_;
  RandomStream join_stream_;
  std::vector<double> join_probabilities_;
  std::vector<int> join_outcomes_;
  std::vector<double> rates_;
  std::vector<double> elasticities_;
  std::vector<std::vector<std::uint32_t>> windows_;
  std::vector<std::uint64_t> window_sums_;
};

std::unique_ptr<MechanismTrial> EventProcessesMechanism::start_trial(World& /*world*/,
                                                                     const TrialContext& context,
                                                                     TrialSink& sink) const {
  return std::make_unique<EventProcessesTrial>(*this, context, sink);
}

}  // namespace linchpin
