#pragma once
// Burden sharing: the cost-sharing (Special Measures Agreement) cycle of a patron–host alliance
// on its real dates: negotiation before each agreement expires, reopening demands, conclusion
// slowed by the gap between the two executives' positions, lapses and the friction they cause.
// Documented in docs/models/burden_sharing.md.
#include <vector>

#include "linchpin/mechanisms/alliance_roles.hpp"
#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/mechanism_schema.hpp"

namespace linchpin {

// The demand gap: how far the patron's burden-sharing demand exceeds the host's willingness,
// clamp(patron - host + shift, 0, 1), on unit stances.
double burden_gap(double patron_demand, double host_willingness, double demand_shift);

// Monthly probability that an open negotiation concludes: rate * exp(-sensitivity * gap).
double conclusion_probability(double rate, double sensitivity, double gap);

class BurdenSharingMechanism final : public Mechanism {
 public:
  explicit BurdenSharingMechanism(const Scenario& scenario);
  static std::vector<ParameterSchema> parameter_schema();
  std::string_view name() const override { return "burden_sharing"; }
  std::vector<MetricSpec> metrics() const override { return metrics_; }
  std::vector<OutcomeSpec> outcomes() const override { return outcomes_; }
  std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                              TrialSink& sink) const override;

  struct Agreement {
    PatronHostAlliance roles;
    std::string id;    // alliance id
    std::string name;  // the cost_sharing instrument's name
    Month expires;     // end of the agreement in force at the start (December of covers_to_year)
  };

 private:
  friend class BurdenSharingTrial;
  Scenario scenario_;
  std::vector<Agreement> agreements_;
  std::optional<int> pressure_dimension_;
  std::vector<MetricSpec> metrics_;
  std::vector<OutcomeSpec> outcomes_;
};

}  // namespace linchpin
