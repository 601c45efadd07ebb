#pragma once
// The adversary bloc: ties among the host's enduring rival (the challenger) and the patron's
// strategic rivals, from their real treaties (PRC–DPRK 1961, Russia–DPRK 2024, the China–Russia
// partnership without a defence clause); bloc cohesion as state, pulled toward a target that
// rises when the patron's own alignments tighten (balancing); transfers along recent defence
// ties that raise the challenger's capability. Documented in docs/models/bloc.md.
#include <vector>

#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/mechanism_schema.hpp"

namespace linchpin {

// Structural cohesion: the mean tie weight over all pairs of bloc members (pairs without a tie
// count 0). `weights[i][j]` is symmetric; n >= 2.
double structural_bloc_cohesion(const std::vector<std::vector<double>>& weights);

class BlocMechanism final : public Mechanism {
 public:
  explicit BlocMechanism(const Scenario& scenario);
  static std::vector<ParameterSchema> parameter_schema();
  std::string_view name() const override { return "bloc"; }
  std::vector<MetricSpec> metrics() const override;
  std::vector<OutcomeSpec> outcomes() const override;
  std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                              TrialSink& sink) const override;

  struct Tie {
    int first = 0;  // index into members_
    int second = 0;
    AllianceKind kind = AllianceKind::defense_pact;
    bool defence_tie_with_challenger = false;
    int signed_year = 0;
    std::string partner_id;
  };

 private:
  friend class BlocTrial;
  Scenario scenario_;
  std::vector<int> members_;  // actor indices; members_[0] is the challenger
  std::vector<Tie> ties_;
  std::vector<int>
      patron_alliances_;  // alliances of the patron with the host (patron-host and partnerships)
};

}  // namespace linchpin
