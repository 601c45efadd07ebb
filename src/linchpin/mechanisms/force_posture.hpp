#pragma once
// US force posture in the host country: forward-deployed troops as state; withdrawal threats and
// withdrawal decisions whose hazards depend on the patron's executive (fitted on the episode
// record), on alliance friction and on other theatres' demands; decisions executed over months
// unless halted. Documented in docs/models/force_posture.md.
#include <vector>

#include "linchpin/mechanisms/alliance_roles.hpp"
#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/mechanism_schema.hpp"

namespace linchpin {

// Monthly hazard of a log-linear rate model with multipliers:
// exp(intercept + slope * x) * (1 + friction_weight * friction) * (1 + distraction_weight *
// distraction), capped at 1.
double posture_hazard(double intercept, double slope, double x, double friction,
                      double friction_weight, double distraction, double distraction_weight);

class ForcePostureMechanism final : public Mechanism {
 public:
  explicit ForcePostureMechanism(const Scenario& scenario);
  static std::vector<ParameterSchema> parameter_schema();
  std::string_view name() const override { return "force_posture"; }
  std::vector<MetricSpec> metrics() const override { return metrics_; }
  std::vector<OutcomeSpec> outcomes() const override { return outcomes_; }
  std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                              TrialSink& sink) const override;

 private:
  friend class ForcePostureTrial;
  Scenario scenario_;
  std::vector<PatronHostAlliance> alliances_;
  std::vector<std::string> ids_;
  std::optional<int> commitment_dimension_;
  std::vector<MetricSpec> metrics_;
  std::vector<OutcomeSpec> outcomes_;
};

}  // namespace linchpin
