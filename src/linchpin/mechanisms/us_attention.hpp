#pragma once
// The patron's attention in a multipolar world: how much the other theatres draw it away from
// the alliance (distraction), and the system's polarity from the actors' material capabilities
// and their trends. Documented in docs/models/us_attention.md.
#include <span>
#include <vector>

#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/mechanism_schema.hpp"

namespace linchpin {

// distraction = 1 - exp(-scale * sum_i weight_i * load_i): 0 with every theatre calm, rising
// toward 1 as more theatres draw on the patron. `loads` are the theatres' current loads.
double patron_distraction(std::span<const double> weights, std::span<const double> loads,
                          double scale);

// An actor's CINC `years` after the base year on its linear trend, floored at zero.
double projected_cinc(double cinc, double trend_per_year, double years);

class UsAttentionMechanism final : public Mechanism {
 public:
  explicit UsAttentionMechanism(const Scenario& scenario);
  static std::vector<ParameterSchema> parameter_schema();
  std::string_view name() const override { return "us_attention"; }
  std::vector<MetricSpec> metrics() const override;
  std::vector<OutcomeSpec> outcomes() const override { return {}; }
  std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                              TrialSink& sink) const override;

  struct RatedActor {
    int actor = 0;
    Quantity cinc;
    std::optional<Quantity> trend;
    int base_year = 0;
  };

 private:
  friend class UsAttentionTrial;
  Scenario scenario_;
  std::vector<RatedActor> rated_;  // actors with a `cinc` attribute
  int patron_ = -1;                // index into rated_, or -1
};

}  // namespace linchpin
