#pragma once
// The political pendulum between allies: how far apart the stances of the allies' executives
// are each month (discordance), and whether a pair as discordant as the essay's Moon–Trump
// example holds office. Documented in docs/models/pendulum.md.
#include <span>
#include <vector>

#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/mechanism_schema.hpp"

namespace linchpin {

// Mean over stance dimensions of |a_d - b_d| / (high_d - low_d): 0 = identical stances,
// 1 = opposite ends of every scale. Pure; `a` and `b` hold one value per dimension.
double stance_discordance(std::span<const double> a, std::span<const double> b,
                          const std::vector<StanceDimension>& dimensions);

class PendulumMechanism final : public Mechanism {
 public:
  explicit PendulumMechanism(const Scenario& scenario);
  static std::vector<ParameterSchema> parameter_schema();
  std::string_view name() const override { return "pendulum"; }
  std::vector<MetricSpec> metrics() const override { return metrics_; }
  std::vector<OutcomeSpec> outcomes() const override { return outcomes_; }
  std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                              TrialSink& sink) const override;

  // One alliance whose members all have an executive office: indices into World::offices.
  struct TrackedAlliance {
    int alliance = 0;  // scenario alliance index
    std::vector<int> executive_offices;
  };

 private:
  friend class PendulumTrial;
  Scenario scenario_;
  std::vector<TrackedAlliance> tracked_;
  double threshold_ = 0.30;
  std::vector<MetricSpec> metrics_;
  std::vector<OutcomeSpec> outcomes_;
};

}  // namespace linchpin
