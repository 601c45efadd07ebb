#include "linchpin/mechanisms/theatres.hpp"

#include <fmt/format.h>

namespace linchpin {

TheatreCondition next_theatre_condition(TheatreCondition current, const TransitionMatrix& matrix,
                                        double u) {
  const auto& row = matrix[int(current)];
  double cumulative = 0.0;
  for (int target = 0; target < 3; ++target) {
    if (target == int(current)) continue;
    cumulative += row[target];
    if (u < cumulative) return TheatreCondition(target);
  }
  return current;
}

TheatresMechanism::TheatresMechanism(const Scenario& scenario) : scenario_(scenario) {
  for (const auto& theatre : scenario.theatres()) {
    metrics_.push_back(MetricSpec{fmt::format("theatres.{}.condition", theatre.id), "level",
                                  fmt::format("{}: 0 calm, 1 crisis, 2 war", theatre.name), 0.0,
                                  2.0, MetricKind::discrete});
  }
  const double count = double(scenario.theatres().size());
  metrics_.push_back(MetricSpec{"theatres.at_war", "theatres",
                                "Number of theatres at war (simultaneous demands on US forces)",
                                0.0, count, MetricKind::discrete});
  metrics_.push_back(MetricSpec{"theatres.in_crisis_or_war", "theatres",
                                "Number of theatres in crisis or at war", 0.0, count,
                                MetricKind::discrete});
  for (const auto& theatre : scenario.theatres()) {
    outcomes_.push_back(OutcomeSpec{
        fmt::format("theatres.{}.war_onset", theatre.id),
        fmt::format("A war begins in {} during the horizon: UCDP war intensity (1,000 or "
                    "more battle deaths in a year) is reached",
                    theatre.name)});
  }
  outcomes_.push_back(
      OutcomeSpec{"theatres.two_wars", "Two or more theatres are at war in the same month"});
}

class TheatresTrial final : public MechanismTrial {
 public:
  TheatresTrial(const TheatresMechanism& mechanism, World& world, const TrialContext& context,
                TrialSink& sink)
      : mechanism_(mechanism),
        stream_(context.seed, context.trial, purpose_id("theatres:transitions")) {
    for (const auto& theatre : mechanism.scenario_.theatres()) {
      TransitionMatrix matrix{};
      for (int from = 0; from < 3; ++from)
        for (int to = 0; to < 3; ++to)
          if (theatre.transitions[from][to])
            matrix[from][to] =
                theatre.transitions[from][to]->sample_for_trial(context.seed, context.trial);
      // A beta prior can (with negligible probability) make a row's exits exceed 1; keep the
      // chain valid by scaling them back (the loader bounds every row's 1 - 1e-9 quantiles).
      for (auto& row : matrix) {
        double exit = 0.0;
        for (double p : row) exit += p;
        if (exit > 1.0)
          for (double& p : row) p /= exit;
      }
      matrices_.push_back(matrix);
    }
    publish(world, sink);
  }

  void step(World& world, TrialSink& sink) override {
    const auto& theatres = mechanism_.scenario_.theatres();
    for (std::size_t i = 0; i < theatres.size(); ++i) {
      auto& state = world.theatres[i];
      // One draw per theatre per month, whatever happens, keeps streams aligned across variants.
      const double u = stream_.uniform();
      const auto next = next_theatre_condition(state.condition, matrices_[i], u);
      if (next == state.condition) {
        ++state.months_in_condition;
        continue;
      }
      if (next == TheatreCondition::war) sink.occur(i);
      Event event;
      event.kind = fmt::format("theatre.{}", enum_name(kTheatreConditionNames, next));
      event.magnitude = double(int(next));
      if (sink.tracing()) {
        event.detail = fmt::format("{}: {} -> {}", theatres[i].name,
                                   enum_name(kTheatreConditionNames, state.condition),
                                   enum_name(kTheatreConditionNames, next));
      }
      sink.emit(std::move(event));
      state.condition = next;
      state.months_in_condition = 0;
    }
    publish(world, sink);
  }

 private:
  void publish(const World& world, TrialSink& sink) {
    int at_war = 0;
    int active = 0;
    for (std::size_t i = 0; i < world.theatres.size(); ++i) {
      const auto condition = world.theatres[i].condition;
      sink.set_metric(i, double(int(condition)));
      at_war += condition == TheatreCondition::war;
      active += condition != TheatreCondition::calm;
    }
    sink.set_metric(world.theatres.size(), at_war);
    sink.set_metric(world.theatres.size() + 1, active);
    if (at_war >= 2) sink.occur(world.theatres.size());
  }

  const TheatresMechanism& mechanism_;
  RandomStream stream_;
  std::vector<TransitionMatrix> matrices_;
};

std::unique_ptr<MechanismTrial> TheatresMechanism::start_trial(World& world,
                                                               const TrialContext& context,
                                                               TrialSink& sink) const {
  return std::make_unique<TheatresTrial>(*this, world, context, sink);
}

}  // namespace linchpin
