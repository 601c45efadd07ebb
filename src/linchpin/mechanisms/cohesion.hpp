#pragma once
// Alliance cohesion in the spirit of Snyder's alliance security dilemma: friction accumulated
// from the other mechanisms' shocks and from leader discordance; a composite of shared threat
// perception, leader alignment, (lack of) friction and institutional depth, less hedging; the
// host's fear of abandonment and of entrapment; severe-stress episodes; formal and de facto
// rupture. Documented in docs/models/cohesion.md.
#include <vector>

#include "linchpin/mechanisms/alliance_roles.hpp"
#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/mechanism_schema.hpp"

namespace linchpin {

// friction' = clamp(friction * 2^(-1/half_life) + shock + rate * max(0, discordance - threshold),
// 0, 1)
double next_friction(double friction, double shock, double discordance, double half_life_months,
                     double discordance_threshold, double discordance_rate);

struct CohesionInputs {
  double shared_threat = 0.0;        // [0, 1]
  double discordance = 0.0;          // [0, 1]
  double friction = 0.0;             // [0, 1]
  double institutional_depth = 0.0;  // [0, 1]
  double hedging = 0.0;              // [0, 1]
};
struct CohesionWeights {
  double threat = 0.2;
  double alignment = 0.2;
  double friction = 0.3;
  double institutions = 0.3;
  double hedging_penalty = 0.2;
};
// clamp(w_T T + w_A (1 - D) + w_F (1 - F) + w_I I - w_H H, 0, 1)
double cohesion_index(const CohesionInputs& inputs, const CohesionWeights& weights);

struct AbandonmentInputs {
  double distraction = 0.0;        // patron's attention drawn elsewhere
  double patron_commitment = 0.0;  // unit stance
  double threat_recency = 0.0;     // exp(-months since the last withdrawal threat / 12)
  double troop_shortfall = 0.0;    // 1 - troops / troops at start
  double relative_decline = 0.0;   // fall of the patron's capability share since the start / share
  bool partnership_in_force = false;
  double credibility = 1.0;  // the patron's commitment's credibility (deterrence)
};
struct AbandonmentWeights {
  double base = 0.1;
  double distraction = 0.25;
  double commitment = 0.25;
  double threat = 0.2;
  double troops = 0.2;
  double decline = 0.1;
  double partnership_relief = 0.1;
  double credibility = 0.15;
};
// clamp(base + w_d D + w_c (1 - C) + w_t R + w_s S + w_r min(1, 10 x decline) - w_p [partnership],
// 0, 1)
double abandonment_fear(const AbandonmentInputs& inputs, const AbandonmentWeights& weights);

// clamp(w_theatre * entrapment-weighted theatre level + w_hawk * (1 - patron accommodation of the
// rival) + w_presence * troops / troops at start, 0, 1)
double entrapment_fear(double theatre_level, double patron_accommodation, double presence,
                       double weight_theatre, double weight_hawkishness, double weight_presence);

class CohesionMechanism final : public Mechanism {
 public:
  explicit CohesionMechanism(const Scenario& scenario);
  static std::vector<ParameterSchema> parameter_schema();
  std::string_view name() const override { return "cohesion"; }
  std::vector<MetricSpec> metrics() const override { return metrics_; }
  std::vector<OutcomeSpec> outcomes() const override { return outcomes_; }
  std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                              TrialSink& sink) const override;

  struct Tracked {
    PatronHostAlliance roles;
    std::string id;
    std::vector<int> provocation_processes;  // event processes of the host's rivals
    std::vector<int> partnerships;           // partnerships containing patron and host
    std::vector<InstrumentKind> pillars;     // the alliance's instruments
    bool credibility_tracked = false;        // deterrence writes this alliance's credibility
  };

 private:
  friend class CohesionTrial;
  Scenario scenario_;
  std::vector<Tracked> tracked_;
  std::optional<int> commitment_dimension_;
  bool has_deterrence_ = true;  // the deterrence mechanism runs (and writes credibility)
  std::optional<int> engagement_dimension_;
  std::optional<int> accommodation_dimension_;
  std::vector<MetricSpec> metrics_;
  std::vector<OutcomeSpec> outcomes_;
};

}  // namespace linchpin
