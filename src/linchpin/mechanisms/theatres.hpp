#pragma once
// Exogenous theatres (e.g. Europe, the Middle East, the Taiwan Strait) as monthly Markov
// chains over calm / crisis / war. Documented in docs/models/theatres.md.
#include <array>

#include "linchpin/mechanisms/mechanism.hpp"

namespace linchpin {

using TransitionMatrix = std::array<std::array<double, 3>, 3>;

// The next condition given the current one, the monthly transition probabilities out of it and
// one uniform draw u in (0, 1): moves to the first target whose cumulative probability exceeds u.
TheatreCondition next_theatre_condition(TheatreCondition current, const TransitionMatrix& matrix,
                                        double u);

class TheatresMechanism final : public Mechanism {
 public:
  explicit TheatresMechanism(const Scenario& scenario);
  std::string_view name() const override { return "theatres"; }
  std::vector<MetricSpec> metrics() const override { return metrics_; }
  std::vector<OutcomeSpec> outcomes() const override { return outcomes_; }
  std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                              TrialSink& sink) const override;

 private:
  friend class TheatresTrial;
  Scenario scenario_;
  std::vector<MetricSpec> metrics_;
  std::vector<OutcomeSpec> outcomes_;
};

}  // namespace linchpin
