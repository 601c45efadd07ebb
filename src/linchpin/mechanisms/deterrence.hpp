#pragma once
// Deterrence on the peninsula: tension, the challenger's nuclear arsenal and doctrine, the
// threat environment, the credibility of the patron's commitment from the alliance's pillars,
// and crises adjudicated by the International Interaction Game solved as a logit QRE
// (deterrence/crisis_game). Documented in docs/models/deterrence.md.
#include <vector>

#include "linchpin/deterrence/crisis_game.hpp"
#include "linchpin/mechanisms/alliance_roles.hpp"
#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/mechanism_schema.hpp"

namespace linchpin {

// tension' = clamp(reference + (1 - reversion) (tension - reference)
//                  + per_event (events - expected_events) + shock, 0, 1):
// tension reverts to its starting level; provocations above the expected rate and crises push it
// up.
double next_tension(double tension, double reference, double reversion, double per_event,
                    double events, double expected_events, double shock);

// Threat the host faces: clamp(w_t tension + w_a log(1 + warheads) / log(1 + reference) +
// w_b bloc_cohesion, 0, 1) with the arsenal term capped at 1.
double threat_index(double tension, double warheads, double warhead_reference, double bloc_cohesion,
                    double weight_tension, double weight_arsenal, double weight_bloc);

// Draws a crisis outcome from a solution with one uniform in [0, 1): outcomes in their enum
// order, cumulative.
deterrence::CrisisOutcome draw_outcome(const deterrence::CrisisSolution& solution, double u);

// Draws a crisis outcome class from a solution with one uniform in [0, 1): classes in their
// enum order, cumulative.
deterrence::CrisisOutcomeClass draw_outcome_class(const deterrence::CrisisSolution& solution,
                                                  double u);

class DeterrenceMechanism final : public Mechanism {
 public:
  explicit DeterrenceMechanism(const Scenario& scenario);
  static std::vector<ParameterSchema> parameter_schema();
  std::string_view name() const override { return "deterrence"; }
  std::vector<MetricSpec> metrics() const override { return metrics_; }
  std::vector<OutcomeSpec> outcomes() const override { return outcomes_; }
  std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                              TrialSink& sink) const override;

  struct Dyad {
    PatronHostAlliance roles;
    std::string id;
    int challenger = 0;                      // actor index: the host's enduring rival
    std::vector<int> provocation_processes;  // event processes of the challenger
    bool treaty = false;
    bool combined_command = false;
    bool extended_deterrence = false;
    bool consultation = false;
    bool crisis_channel = false;
    bool preemptive_doctrine = false;
    std::optional<Quantity> warheads;
    double challenger_cinc = 0.0;  // actor attributes `cinc`
    double host_cinc = 0.0;
    double patron_cinc = 0.0;
  };

 private:
  friend class DeterrenceTrial;
  Scenario scenario_;
  std::vector<Dyad> dyads_;
  std::optional<int> commitment_dimension_;
  std::vector<MetricSpec> metrics_;
  std::vector<OutcomeSpec> outcomes_;
};

}  // namespace linchpin
