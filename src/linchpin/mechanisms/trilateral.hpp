#pragma once
// Trilateral cooperation (US–ROK–Japan since Camp David 2023): a partnership in force or lapsed.
// Lapse hazard fitted on the record's ROK–Japan ruptures against the weakest member executive's
// support for trilateral cooperation; restoration once every executive supports it.
// Documented in docs/models/trilateral.md.
#include <vector>

#include "linchpin/mechanisms/alliance_roles.hpp"
#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/mechanism_schema.hpp"

namespace linchpin {

// Monthly lapse hazard exp(intercept + slope * (1 - weakest support - centre)), capped at 1; the
// covariate is centred as in the fit (docs/models/calibration.md).
double trilateral_lapse_hazard(double intercept, double slope, double centre,
                               double weakest_support);

class TrilateralMechanism final : public Mechanism {
 public:
  explicit TrilateralMechanism(const Scenario& scenario);
  static std::vector<ParameterSchema> parameter_schema();
  std::string_view name() const override { return "trilateral"; }
  std::vector<MetricSpec> metrics() const override { return metrics_; }
  std::vector<OutcomeSpec> outcomes() const override { return outcomes_; }
  std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                              TrialSink& sink) const override;

 private:
  friend class TrilateralTrial;
  Scenario scenario_;
  std::vector<Partnership> partnerships_;
  std::vector<std::string> ids_;
  std::vector<std::vector<int>> member_alliances_;  // patron-host alliances inside each partnership
  std::optional<int> support_dimension_;
  std::vector<MetricSpec> metrics_;
  std::vector<OutcomeSpec> outcomes_;
};

}  // namespace linchpin
