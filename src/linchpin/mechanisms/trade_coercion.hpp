#pragma once
// Trade dependence and economic coercion: the host's trade shares with the patron's strategic
// rival (the coercer), the patron and others; coercion episodes whose hazard is fitted on the
// record and rises after the host's alignment moves (the 2017 THAAD precedent); and the host's
// hedging toward the coercer as a function of its leader's stance, dependence, coercion and
// abandonment fear. Documented in docs/models/trade_coercion.md.
#include <vector>

#include "linchpin/mechanisms/alliance_roles.hpp"
#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/mechanism_schema.hpp"

namespace linchpin {

struct HedgingWeights {
  double stance = 0.4;
  double dependence = 0.2;
  double coercion = 0.2;
  double abandonment = 0.2;
};

// clamp(w_s * accommodation + w_d * min(1, dependence / reference) + w_c * coerced +
//       w_a * abandonment_fear, 0, 1).
double hedging_index(const HedgingWeights& weights, double accommodation, double dependence,
                     double dependence_reference, bool coerced, double abandonment_fear);

class TradeCoercionMechanism final : public Mechanism {
 public:
  explicit TradeCoercionMechanism(const Scenario& scenario);
  static std::vector<ParameterSchema> parameter_schema();
  std::string_view name() const override { return "trade_coercion"; }
  std::vector<MetricSpec> metrics() const override { return metrics_; }
  std::vector<OutcomeSpec> outcomes() const override { return outcomes_; }
  std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                              TrialSink& sink) const override;

  struct Exposure {
    PatronHostAlliance roles;
    int coercer = 0;  // actor index
    std::vector<const TradeFlow*> with_coercer;
    std::vector<const TradeFlow*> all;    // every flow of the host
    std::optional<Quantity> total_trade;  // host attribute total_trade_usd_bn
    std::string host_id;
    std::string coercer_id;
  };

 private:
  friend class TradeCoercionTrial;
  Scenario scenario_;
  std::vector<Exposure> exposures_;
  std::optional<int> accommodation_dimension_;
  std::vector<MetricSpec> metrics_;
  std::vector<OutcomeSpec> outcomes_;
};

}  // namespace linchpin
