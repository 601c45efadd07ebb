#pragma once
// Combined exercises and combined-command readiness: the yearly exercise calendar, suspension
// decisions (hazard fitted on the record, rising with both executives' engagement with the
// adversary), resumptions, readiness that rises with each exercise held and decays without,
// and the wartime operational-control (OPCON) transition as an optional change.
// Documented in docs/models/exercises.md.
#include <vector>

#include "linchpin/mechanisms/alliance_roles.hpp"
#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/mechanism_schema.hpp"

namespace linchpin {

// One month of readiness: R + gain * (1 - R) in a month with an exercise, R * (1 - decay)
// otherwise.
double next_readiness(double readiness, bool exercise_held, double gain, double decay);

// The readiness a fixed calendar settles to: the value at the start of a year, found by
// iterating whole years from zero until it no longer changes. `months` are 1..12.
double steady_state_readiness(const std::vector<int>& months, double gain, double decay);

class ExercisesMechanism final : public Mechanism {
 public:
  explicit ExercisesMechanism(const Scenario& scenario);
  static std::vector<ParameterSchema> parameter_schema();
  std::string_view name() const override { return "exercises"; }
  std::vector<MetricSpec> metrics() const override { return metrics_; }
  std::vector<OutcomeSpec> outcomes() const override { return outcomes_; }
  std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                              TrialSink& sink) const override;

 private:
  friend class ExercisesTrial;
  Scenario scenario_;
  std::vector<PatronHostAlliance> alliances_;
  std::vector<std::string> ids_;
  std::vector<int> exercises_per_year_;
  std::optional<int> engagement_dimension_;
  std::vector<MetricSpec> metrics_;
  std::vector<OutcomeSpec> outcomes_;
};

}  // namespace linchpin
