#pragma once
// Poisson event processes (missile launches, nuclear tests, air-defense-zone incursions)
// with per-trial sampled monthly rates. Documented in docs/models/event_processes.md.
#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/mechanism_schema.hpp"

namespace linchpin {

class EventProcessesMechanism final : public Mechanism {
 public:
  explicit EventProcessesMechanism(const Scenario& scenario);
  static std::vector<ParameterSchema> parameter_schema();
  std::string_view name() const override { return "event_processes"; }
  std::vector<MetricSpec> metrics() const override { return metrics_; }
  std::vector<OutcomeSpec> outcomes() const override { return outcomes_; }
  std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                              TrialSink& sink) const override;

 private:
  friend class EventProcessesTrial;
  Scenario scenario_;
  std::vector<MetricSpec> metrics_;
  std::vector<OutcomeSpec> outcomes_;
  int window_months_ = 12;
};

}  // namespace linchpin
