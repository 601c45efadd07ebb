#include "linchpin/mechanisms/event_processes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace linchpin {

std::vector<ParameterSchema> EventProcessesMechanism::parameter_schema() {
  return {ParameterSchema{
      "rolling_window_months", "Length of the window over which the tracked event count is summed",
      "months", 12.0,
      "Calendar-year counting, as in the sourced yearly records (Japan MOD launch counts, "
      "CTBTO test list) the rates are set from",
      1.0, 120.0, true}};
}

EventProcessesMechanism::EventProcessesMechanism(const Scenario& scenario) : scenario_(scenario) {
  if (const auto* section = scenario.mechanism_section("event_processes")) {
    const auto it = section->parameters.find("rolling_window_months");
    if (it != section->parameters.end()) window_months_ = int(it->second.nominal());
  }
  for (const auto& process : scenario.event_processes()) {
    // Bounds for quantiles: generous multiples of the highest rate the scenario allows (a
    // negative-binomial regime has a longer tail, hence the larger multiple).
    double highest = process.rate_per_month.support_high();
    for (const auto& regime : process.regimes)
      highest = std::max(highest, regime.rate_per_month.support_high());
    for (const auto& rate : process.rate_per_regime)
      highest = std::max(highest, rate.support_high());
    const double multiple = process.regimes.empty() ? 3.0 : 5.0;
    const double upper = std::ceil(highest * window_months_ * multiple + 10.0);
    metrics_.push_back(
        MetricSpec{fmt::format("events.{}.rolling_count", process.id),
                   fmt::format("events per {} months", window_months_),
                   fmt::format("{}: events in the last {} months", process.name, window_months_),
                   0.0, upper, MetricKind::discrete});
  }
  for (const auto& process : scenario.event_processes()) {
    outcomes_.push_back(OutcomeSpec{fmt::format("events.{}.any", process.id),
                                    fmt::format("At least one event: {}", process.name)});
  }
  for (const auto& process : scenario.event_processes()) {
    if (process.joined_by < 0) continue;
    const auto& joiner = scenario.actors()[process.joined_by].id;
    outcomes_.push_back(OutcomeSpec{fmt::format("events.{}.joined_by_{}", process.id, joiner),
                                    fmt::format("{} joins an event: {}", joiner, process.name)});
  }
}

class EventProcessesTrial final : public MechanismTrial {
 public:
  EventProcessesTrial(const EventProcessesMechanism& mechanism, const TrialContext& context,
                      TrialSink& sink)
      : mechanism_(mechanism),
        stream_(context.seed, context.trial, purpose_id("event_processes")),
        join_stream_(context.seed, context.trial, purpose_id("event_processes:joins")),
        regime_stream_(context.seed, context.trial, purpose_id("event_processes:regimes")),
        regime_count_stream_(context.seed, context.trial,
                             purpose_id("event_processes:regime_counts")),
        // Its own stream, so a backtest's reset shifts no other draw.
        regime_reset_stream_(context.seed, context.trial,
                             purpose_id("event_processes:regime_reset")) {
    const auto& processes = mechanism.scenario_.event_processes();
    std::size_t join_outcome = processes.size();
    for (std::size_t i = 0; i < processes.size(); ++i) {
      join_probabilities_.push_back(
          processes[i].join_probability
              ? processes[i].join_probability->sample_for_trial(context.seed, context.trial)
              : 0.0);
      join_outcomes_.push_back(processes[i].joined_by >= 0 ? int(join_outcome++) : -1);
      rates_.push_back(processes[i].rate_per_month.sample_for_trial(context.seed, context.trial));
      elasticities_.push_back(
          processes[i].tension_elasticity
              ? processes[i].tension_elasticity->sample_for_trial(context.seed, context.trial)
              : 0.0);
      chains_.push_back(start_chain(processes[i], context));
      modulated_rates_.emplace_back();
      for (const auto& rate : processes[i].rate_per_regime)
        modulated_rates_.back().push_back(rate.sample_for_trial(context.seed, context.trial));
      windows_.emplace_back(std::size_t(mechanism.window_months_), 0u);
      sink.set_metric(i, 0.0);
    }
    window_sums_.assign(processes.size(), 0);
  }

  void step(World& world, TrialSink& sink) override {
    const auto& processes = mechanism_.scenario_.event_processes();
    const auto& actors = mechanism_.scenario_.actors();
    for (std::size_t i = 0; i < processes.size(); ++i) {
      // Tension is last month's (deterrence runs later in the month).
      const double tension = world.tension - world.tension_reference;
      std::uint32_t count = 0;
      if (!chains_[i].rate.empty()) {
        auto& chain = chains_[i];
        if (world.month_index == processes[i].regime_reset_month)
          chain.regime = regime_from_probabilities(processes[i].regime_reset_probabilities,
                                                   regime_reset_stream_.uniform());
        else if (started_)
          switch_regime(processes[i], chain, tension);
        const auto k = std::size_t(chain.regime);
        double mean = chain.rate[k];
        if (chain.size[k] > 0.0) {
          // Gamma-Poisson month: twelve such months in one regime make a negative-binomial
          // year with the fitted size (the gamma family is closed under sums).
          const double shape = chain.size[k] / 12.0;
          mean = regime_count_stream_.gamma(shape) * mean / shape;
        }
        count = regime_count_stream_.poisson(mean);
      } else if (processes[i].modulated_by >= 0) {
        const auto& chain = chains_[std::size_t(processes[i].modulated_by)];
        count = regime_count_stream_.poisson(modulated_rates_[i][std::size_t(chain.regime)]);
      } else {
        const double rate =
            elasticities_[i] == 0.0 ? rates_[i] : rates_[i] * std::exp(elasticities_[i] * tension);
        count = stream_.poisson(rate);
      }
      auto& window = windows_[i];
      window_sums_[i] += count;
      const std::size_t slot = std::size_t(world.month_index) % window.size();
      window_sums_[i] -= window[slot];
      window[slot] = count;
      world.event_counts[i] = count;
      sink.set_metric(i, double(window_sums_[i]));
      if (join_outcomes_[i] >= 0) {
        // One draw a month whatever the count: P(someone joins at least one of the events).
        const double u = join_stream_.uniform();
        if (count > 0 && u < 1.0 - std::pow(1.0 - join_probabilities_[i], double(count))) {
          sink.occur(std::size_t(join_outcomes_[i]));
          Event event;
          event.kind = fmt::format("event.{}.joined", processes[i].id);
          event.magnitude = 1.0;
          if (sink.tracing()) {
            event.actors = {actors[processes[i].joined_by].id};
            event.detail =
                fmt::format("{} joins: {}", actors[processes[i].joined_by].id, processes[i].name);
          }
          sink.emit(std::move(event));
        }
      }
      if (count == 0) continue;
      sink.occur(i);
      Event event;
      event.kind = "event." + processes[i].id;
      event.magnitude = count;
      if (sink.tracing()) {
        event.actors = {actors[processes[i].actor].id};
        event.detail = fmt::format("{}: {} this month", processes[i].name, count);
      }
      sink.emit(std::move(event));
    }
    started_ = true;
  }

 private:
  // One trial's draw of a process's regime chain (empty for processes without regimes).
  struct Chain {
    std::vector<double> rate;  // per regime, events a month
    std::vector<double> size;  // per regime, yearly NB size; 0 = Poisson
    std::vector<std::vector<std::pair<std::size_t, double>>> switches;
    double elasticity = 0.0;
    int regime = 0;
  };

  Chain start_chain(const EventProcess& process, const TrialContext& context) {
    Chain chain;
    if (process.regimes.empty()) return chain;
    std::vector<double> initial;
    for (const auto& regime : process.regimes) {
      chain.rate.push_back(regime.rate_per_month.sample_for_trial(context.seed, context.trial));
      chain.size.push_back(
          regime.dispersion_per_year
              ? regime.dispersion_per_year->sample_for_trial(context.seed, context.trial)
              : 0.0);
      initial.push_back(regime.initial_probability.sample_for_trial(context.seed, context.trial));
      chain.switches.emplace_back();
      for (const auto& [to, probability] : regime.switch_per_month)
        chain.switches.back().emplace_back(
            std::size_t(to), probability.sample_for_trial(context.seed, context.trial));
    }
    if (process.switch_tension_elasticity)
      chain.elasticity =
          process.switch_tension_elasticity->sample_for_trial(context.seed, context.trial);
    double total = 0.0;
    for (double p : initial) total += p;
    // Drawn whatever the probabilities, so the stream's position does not depend on them.
    double u = regime_stream_.uniform() * total;
    chain.regime = int(initial.size()) - 1;
    for (std::size_t k = 0; k < initial.size(); ++k) {
      if (u < initial[k]) {
        chain.regime = int(k);
        break;
      }
      u -= initial[k];
    }
    return chain;
  }

  // Tension raises the odds of switching to a regime with a higher rate and lowers those of
  // switching to a lower one: p * exp(+-b (tension - reference)); leaving stays at most certain.
  void switch_regime(const EventProcess& /*process*/, Chain& chain, double tension) {
    const auto from = std::size_t(chain.regime);
    const auto& options = chain.switches[from];
    std::vector<double> base;
    std::vector<bool> higher;
    for (const auto& [to, probability] : options) {
      base.push_back(probability);
      higher.push_back(chain.rate[to] > chain.rate[from]);
    }
    const auto p = regime_switch_probabilities(base, higher, chain.elasticity, tension);
    const double u = regime_stream_.uniform();
    double cumulative = 0.0;
    for (std::size_t j = 0; j < options.size(); ++j) {
      cumulative += p[j];
      if (u < cumulative) {
        chain.regime = int(options[j].first);
        return;
      }
    }
  }

  const EventProcessesMechanism& mechanism_;
  RandomStream stream_;
  RandomStream join_stream_;
  RandomStream regime_stream_;
  RandomStream regime_count_stream_;
  RandomStream regime_reset_stream_;
  std::vector<double> join_probabilities_;
  std::vector<int> join_outcomes_;
  std::vector<double> rates_;
  std::vector<double> elasticities_;
  std::vector<std::vector<std::uint32_t>> windows_;
  std::vector<std::uint64_t> window_sums_;
  std::vector<Chain> chains_;
  std::vector<std::vector<double>> modulated_rates_;
  bool started_ = false;  // the first month keeps the initial regime
};

std::vector<double> regime_switch_probabilities(const std::vector<double>& base,
                                                const std::vector<bool>& toward_higher_rate,
                                                double elasticity, double tension) {
  std::vector<double> p;
  double total = 0.0;
  for (std::size_t j = 0; j < base.size(); ++j) {
    const double sign = toward_higher_rate[j] ? 1.0 : -1.0;
    p.push_back(elasticity == 0.0 ? base[j] : base[j] * std::exp(sign * elasticity * tension));
    total += p.back();
  }
  if (total > 1.0)
    for (auto& value : p) value /= total;
  return p;
}

int regime_from_probabilities(const std::vector<double>& probabilities, double u) {
  double total = 0.0;
  for (double p : probabilities) total += p;
  double remaining = u * total;
  for (std::size_t k = 0; k < probabilities.size(); ++k) {
    if (remaining < probabilities[k]) return int(k);
    remaining -= probabilities[k];
  }
  return int(probabilities.size()) - 1;
}

double expected_monthly_rate(const Scenario& scenario, std::size_t process, std::uint64_t seed,
                             std::uint64_t trial) {
  const auto& all = scenario.event_processes();
  const auto& p = all[process];
  const auto& chain_owner = p.modulated_by >= 0 ? all[std::size_t(p.modulated_by)] : p;
  if (chain_owner.regimes.empty()) return p.rate_per_month.sample_for_trial(seed, trial);
  double total = 0.0;
  double weighted = 0.0;
  for (std::size_t k = 0; k < chain_owner.regimes.size(); ++k) {
    const double initial = chain_owner.regimes[k].initial_probability.sample_for_trial(seed, trial);
    const double rate = p.modulated_by >= 0
                            ? p.rate_per_regime[k].sample_for_trial(seed, trial)
                            : p.regimes[k].rate_per_month.sample_for_trial(seed, trial);
    total += initial;
    weighted += initial * rate;
  }
  return total > 0.0 ? weighted / total : 0.0;
}

std::unique_ptr<MechanismTrial> EventProcessesMechanism::start_trial(World& /*world*/,
                                                                     const TrialContext& context,
                                                                     TrialSink& sink) const {
  return std::make_unique<EventProcessesTrial>(*this, context, sink);
}

}  // namespace linchpin
