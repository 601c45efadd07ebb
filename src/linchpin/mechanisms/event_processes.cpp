#include "linchpin/mechanisms/event_processes.hpp"

#include <fmt/format.h>

#include <cmath>
#include <deque>

namespace linchpin {

EventProcessesMechanism::EventProcessesMechanism(const Scenario& scenario) : scenario_(scenario) {
  for (const auto& process : scenario.event_processes()) {
    // Bounds for quantiles: generous multiples of the highest rate the scenario allows.
    const double yearly = std::ceil(process.rate_per_month.support_high() * 12.0 * 3.0 + 10.0);
    metrics_.push_back(MetricSpec{fmt::format("events.{}.last_12_months", process.id), "events",
                                  fmt::format("{}: events in the last 12 months", process.name),
                                  0.0, yearly, MetricKind::discrete});
  }
  for (const auto& process : scenario.event_processes()) {
    outcomes_.push_back(OutcomeSpec{fmt::format("events.{}.any", process.id),
                                    fmt::format("At least one event: {}", process.name)});
  }
}

class EventProcessesTrial final : public MechanismTrial {
 public:
  EventProcessesTrial(const EventProcessesMechanism& mechanism, const TrialContext& context,
                      TrialSink& sink)
      : mechanism_(mechanism), stream_(context.seed, context.trial, purpose_id("event_processes")) {
    const auto& processes = mechanism.scenario_.event_processes();
    for (std::size_t i = 0; i < processes.size(); ++i) {
      rates_.push_back(processes[i].rate_per_month.sample_for_trial(context.seed, context.trial));
      windows_.emplace_back(12, 0u);
      sink.set_metric(i, 0.0);
    }
    window_sums_.assign(processes.size(), 0);
  }

  void step(World& world, TrialSink& sink) override {
    const auto& processes = mechanism_.scenario_.event_processes();
    const auto& actors = mechanism_.scenario_.actors();
    for (std::size_t i = 0; i < processes.size(); ++i) {
      const std::uint32_t count = stream_.poisson(rates_[i]);
      auto& window = windows_[i];
      window_sums_[i] += count;
      window_sums_[i] -= window[world.month_index % 12];
      window[world.month_index % 12] = count;
      world.event_totals[i] += count;
      sink.set_metric(i, double(window_sums_[i]));
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
  std::vector<double> rates_;
  std::vector<std::vector<std::uint32_t>> windows_;
  std::vector<std::uint64_t> window_sums_;
};

std::unique_ptr<MechanismTrial> EventProcessesMechanism::start_trial(World& /*world*/,
                                                                     const TrialContext& context,
                                                                     TrialSink& sink) const {
  return std::make_unique<EventProcessesTrial>(*this, context, sink);
}

}  // namespace linchpin
