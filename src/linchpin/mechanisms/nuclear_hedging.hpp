#pragma once
// The host's nuclear hedging: public support for an indigenous weapon as state (starting from
// polls), moved by changes in threat and abandonment fear; the
// government steps from latent capability toward a weapons programme with a hazard that rises
// with support and abandonment fear, restrained by the NPT commitment and by a committed
// patron's pressure. Documented in docs/models/nuclear_hedging.md.
#include <vector>

#include "linchpin/mechanisms/alliance_roles.hpp"
#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/mechanism_schema.hpp"

namespace linchpin {

// Target support: clamp(anchor + w_t threat + w_a abandonment - w_e [extended deterrence], 0, 1).
double target_support(double anchor, double threat, double abandonment, bool extended_deterrence,
                      double weight_threat, double weight_abandonment, double weight_extended);

// Monthly hazard of a step toward a weapon:
// min(1, exp(a + b_s (support - 0.5) + b_a abandonment)) * (1 - npt_restraint)
//   * (1 - pressure * patron_commitment) * (1 - extended_restraint [extended deterrence]).
double step_hazard(double intercept, double support_slope, double abandonment_slope, double support,
                   double abandonment, double npt_restraint, double pressure,
                   double patron_commitment, double extended_restraint, bool extended_deterrence);

class NuclearHedgingMechanism final : public Mechanism {
 public:
  explicit NuclearHedgingMechanism(const Scenario& scenario);
  static std::vector<ParameterSchema> parameter_schema();
  std::string_view name() const override { return "nuclear_hedging"; }
  std::vector<MetricSpec> metrics() const override { return metrics_; }
  std::vector<OutcomeSpec> outcomes() const override { return outcomes_; }
  std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                              TrialSink& sink) const override;

  struct Host {
    PatronHostAlliance roles;
    std::string host_id;
    bool extended_deterrence = false;
    bool npt_party = false;  // the host's nuclear forces cite doctrine 'none' (an NPT party)
  };

 private:
  friend class NuclearHedgingTrial;
  Scenario scenario_;
  std::vector<Host> hosts_;
  std::optional<int> commitment_dimension_;
  std::vector<MetricSpec> metrics_;
  std::vector<OutcomeSpec> outcomes_;
};

}  // namespace linchpin
