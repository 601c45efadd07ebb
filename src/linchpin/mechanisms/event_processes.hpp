#pragma once
// Event processes (missile launches, nuclear tests, air-defense-zone incursions): Poisson with a
// per-trial rate, or driven by a hidden regime chain (Markov-modulated, negative binomial within
// a regime). Documented in docs/models/event_processes.md.
#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/mechanism_schema.hpp"

namespace linchpin {

class EventProcessesMechanism final : public Mechanism {
 public:
  explicit EventProcessesMechanism(const Scenario& scenario);
  static std::vector<ParameterSchema> parameter_schema();
  std::string_view name() const override { return "event_processes"; }
  std::vector<MetricSpec> metrics() const override { return metrics_; }
  std::vector<OutcomeSpec> outcomes() const override { return outcomes_; }
  std::unique_ptr<MechanismTrial> start_trial(World& world, const TrialContext& context,
                                              TrialSink& sink) const override;

 private:
  friend class EventProcessesTrial;
  Scenario scenario_;
  std::vector<MetricSpec> metrics_;
  std::vector<OutcomeSpec> outcomes_;
  int window_months_ = 12;
};

// Monthly probabilities of leaving a regime for each other regime: base * exp(+b * tension) toward
// a regime with a higher rate, base * exp(-b * tension) toward a lower one (tension measured from
// its reference); rescaled to sum to 1 if they exceed it (then the regime is always left).
std::vector<double> regime_switch_probabilities(const std::vector<double>& base,
                                                const std::vector<bool>& toward_higher_rate,
                                                double elasticity, double tension);

// The regime a uniform draw u in [0, 1) picks from probabilities (normalised here): the first k
// with u * total < p_0 + ... + p_k; the last regime when rounding leaves u beyond the sum.
int regime_from_probabilities(const std::vector<double>& probabilities, double u);

// Expected events in the first month of a trial: the plain rate, or for a regime-driven process
// the initial-probability-weighted regime rate (the deterrence mechanism's baseline).
double expected_monthly_rate(const Scenario& scenario, std::size_t process, std::uint64_t seed,
                             std::uint64_t trial);

}  // namespace linchpin
