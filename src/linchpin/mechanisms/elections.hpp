#pragma once
// Elections on their real calendars: the party holding each office is retained with a
// per-trial probability estimated from the historical record; new leaders draw a stance.
// Documented in docs/models/elections.md.
#include <vector>

#include "linchpin/mechanisms/mechanism.hpp"

namespace linchpin {

// Month indices (1 = the month after the start, up to the horizon) in which an office holds
// elections; a window's month is drawn uniformly from `stream`. Pure: used by the mechanism and
// tested directly.
std::vector<int> election_months(const Office& office, Month start, int horizon_months,
                                 RandomStream& stream);

// Result of one election for the office-holding party and leader.
struct ElectionResult {
  bool party_retained = true;
  bool leader_continues = false;
  int party = 0;
};

// Decides one election. `win_probability` is the incumbent party's chance of keeping the
// office; a defeated party is replaced by one of the other parties chosen uniformly.
ElectionResult decide_election(const Office& office, const OfficeState& state, int party_count,
                               double win_probability, double runs_again_probability,
                               RandomStream& stream);

class ElectionsMechanism final : public Mechanism {
 public:
  explicit ElectionsMechanism(const Scenario& scenario);
  std::string_view name() const override { return "elections"; }
  std::vector<MetricSpec> metrics() const override { return metrics_; }
  std::vector<OutcomeSpec> outcomes() const override { return outcomes_; }
  std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                              TrialSink& sink) const override;

 private:
  friend class ElectionsTrial;
  Scenario scenario_;
  std::vector<OfficeRef> offices_;
  std::vector<MetricSpec> metrics_;
  std::vector<OutcomeSpec> outcomes_;
  // Metric layout per office: first party-holding metric, first stance metric (or -1).
  std::vector<int> party_metric_;
  std::vector<int> stance_metric_;
  std::vector<std::uint32_t> stream_purpose_;  // per office: its random stream's purpose id
};

}  // namespace linchpin
