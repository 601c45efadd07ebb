#include "linchpin/mechanisms/trade_coercion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "linchpin/core/random_stream.hpp"
#include "linchpin/mechanisms/mechanism_parameters.hpp"

namespace linchpin {

double hedging_index(const HedgingWeights& weights, double accommodation, double dependence,
                     double dependence_reference, bool coerced, double abandonment_fear) {
  const double relative =
      dependence_reference > 0.0 ? std::min(1.0, dependence / dependence_reference) : 0.0;
  return std::clamp(weights.stance * accommodation + weights.dependence * relative +
                        weights.coercion * (coerced ? 1.0 : 0.0) +
                        weights.abandonment * abandonment_fear,
                    0.0, 1.0);
}

std::vector<ParameterSchema> TradeCoercionMechanism::parameter_schema() {
  return {
      {"coercion_intercept", "Log monthly rate of coercion episodes at the record's mean covariate",
       "log(1/month)", -4.9224,
       "Penalised Poisson fit on data/episodes: 3 PRC coercion episodes (2000 garlic, 2017 THAAD, "
       "2025 Hanwha) 1992-08..2026-11 (412 months), covariate 1 - ROK accommodation_of_china; "
       "centred at 0.467; se 0.577 (docs/models/calibration.md)",
       -20, 0, false},
      {"coercion_slope", "Slope on 1 - the host executive's accommodation of the coercer",
       "log-rate", 0.0021, "Same fit (no detectable stance effect); se 2.095", -10, 10, false},
      {"coercion_centre", "Centre of the coercion covariate (1 - accommodation)", "stance", 0.4665,
       "Exposure-weighted mean of the covariate over the fit window: the covariate is centred so the intercept is the log rate at the record's average (linchpin calibrate; docs/models/calibration.md)", 0, 1, false},
      {"alignment_multiplier", "Extra hazard factor in the months after an alignment move",
       "factor", 0.0,
       "Not in the fit, so off by default: the fitted rate already counts the episodes that "
       "followed alignment moves (THAAD 2016-07 -> 2017-03; the 2025 shipbuilding pact -> the "
       "Hanwha sanctions); a lever for sensitivity analysis (2 of 3 episodes followed a move)",
       0, 100, false},
      {"alignment_window_months", "Months after an alignment move the multiplier applies", "months",
       9, "data/episodes: THAAD decision 2016-07 to the tourism ban 2017-03, 8 months", 0, 60,
       true},
      {"mean_coercion_months", "Mean duration of an episode", "months", 3.3,
       "data/episodes: 2 (2000), 8 (2017-03..10), 1 (2025-10..11 taken as 1) -> 11/3 ~ 3.3", 1, 120,
       false},
      {"dependence_reference", "Trade share with the coercer that counts as full dependence",
       "share", 0.25,
       "Assumption: the ROK's 2024 China share (~0.2) is near the top of its 2004-24 range "
       "(China became its largest partner in 2004)",
       0.01, 1, false},
      {"hedging_weight_stance", "Weight of the host executive's accommodation stance", "weight",
       0.4,
       "Assumption: the leader's policy is the largest single driver (Moon's 2017 'three no's')", 0,
       1, false},
      {"hedging_weight_dependence", "Weight of trade dependence", "weight", 0.2, "Assumption", 0, 1,
       false},
      {"hedging_weight_coercion", "Weight of an ongoing coercion episode", "weight", 0.2,
       "Assumption: the Oct 2017 ROK-PRC agreement ended the THAAD measures with ROK concessions",
       0, 1, false},
      {"hedging_weight_abandonment", "Weight of the host's abandonment fear", "weight", 0.2,
       "Assumption (Snyder 1984: a client fearing abandonment looks for other partners)", 0, 1,
       false},
  };
}

TradeCoercionMechanism::TradeCoercionMechanism(const Scenario& scenario)
    : scenario_(scenario),
      accommodation_dimension_(stance_dimension(scenario, "accommodation_of_china")) {
  const auto& definition = scenario.definition();
  auto strategic_rival = [&](int a, int b) {
    for (const auto& rivalry : definition.rivalries)
      if (rivalry.kind == RivalryKind::strategic && ((rivalry.first == a && rivalry.second == b) ||
                                                     (rivalry.first == b && rivalry.second == a)))
        return true;
    return false;
  };
  for (const auto& roles : patron_host_alliances(scenario)) {
    Exposure exposure;
    exposure.roles = roles;
    double largest = -1.0;
    for (const auto& flow : definition.trade) {
      if (flow.first != roles.host && flow.second != roles.host) continue;
      exposure.all.push_back(&flow);
      const int partner = flow.first == roles.host ? flow.second : flow.first;
      if (!strategic_rival(partner, roles.patron)) continue;
      if (flow.value.nominal() > largest) {
        largest = flow.value.nominal();
        exposure.coercer = partner;
      }
    }
    if (largest < 0.0) continue;  // no trade with a rival of the patron: nothing to coerce with
    for (const auto* flow : exposure.all)
      if (flow->first == exposure.coercer || flow->second == exposure.coercer)
        exposure.with_coercer.push_back(flow);
    const auto& host = definition.actors[roles.host];
    const auto total = host.attributes.find("total_trade_usd_bn");
    if (total != host.attributes.end()) exposure.total_trade = total->second;
    exposure.host_id = host.id;
    exposure.coercer_id = definition.actors[exposure.coercer].id;
    const auto& id = exposure.host_id;
    metrics_.push_back(
        {fmt::format("trade_coercion.{}.dependence", id), "share",
         fmt::format("{}'s trade with {} as a share of its total trade", id, exposure.coercer_id),
         0.0, 1.0, MetricKind::continuous});
    metrics_.push_back({fmt::format("trade_coercion.{}.coerced", id), "flag",
                        "1 while an economic-coercion episode is on", 0.0, 1.0,
                        MetricKind::discrete});
    metrics_.push_back(
        {fmt::format("trade_coercion.{}.hedging", id), "index",
         fmt::format("{}'s hedging toward {} (0 none, 1 full)", id, exposure.coercer_id), 0.0, 1.0,
         MetricKind::continuous});
    outcomes_.push_back(
        {fmt::format("trade_coercion.{}.coercion", id),
         fmt::format("{} applies economic coercion to {}", exposure.coercer_id, id)});
    exposures_.push_back(std::move(exposure));
  }
}

class TradeCoercionTrial final : public MechanismTrial {
 public:
  TradeCoercionTrial(const TradeCoercionMechanism& mechanism, World& world,
                     const TrialContext& context, TrialSink& sink)
      : mechanism_(mechanism),
        parameters_(mechanism.scenario_, "trade_coercion",
                    TradeCoercionMechanism::parameter_schema(), context),
        stream_(context.seed, context.trial, purpose_id("trade_coercion:episodes")) {
    weights_ = {parameters_["hedging_weight_stance"], parameters_["hedging_weight_dependence"],
                parameters_["hedging_weight_coercion"], parameters_["hedging_weight_abandonment"]};
    for (const auto& exposure : mechanism.exposures_) {
      double with = 0.0;
      double all = 0.0;
      for (const auto* flow : exposure.with_coercer)
        with += flow->value.sample_for_trial(context.seed, context.trial);
      for (const auto* flow : exposure.all)
        all += flow->value.sample_for_trial(context.seed, context.trial);
      if (exposure.total_trade)
        all = exposure.total_trade->sample_for_trial(context.seed, context.trial);
      dependence_.push_back(all > 0.0 ? std::min(1.0, with / all) : 0.0);
    }
    publish(world, sink);
  }

  void step(World& world, TrialSink& sink) override {
    for (std::size_t i = 0; i < mechanism_.exposures_.size(); ++i) {
      const double u_start = stream_.uniform();
      const double u_end = stream_.uniform();
      const auto& exposure = mechanism_.exposures_[i];
      auto& state = world.alliances[exposure.roles.alliance];
      if (world.at_war()) continue;  // peacetime economic statecraft only
      const double accommodation =
          unit_stance(mechanism_.scenario_, world.offices[exposure.roles.host_executive],
                      mechanism_.accommodation_dimension_, 0.5);
      if (!state.coerced) {
        double hazard = std::exp(
            parameters_["coercion_intercept"] +
            parameters_["coercion_slope"] * (1.0 - accommodation - parameters_["coercion_centre"]));
        if (state.months_since_alignment_move < int(parameters_["alignment_window_months"]))
          hazard *= 1.0 + parameters_["alignment_multiplier"];
        if (u_start < std::min(1.0, hazard)) {
          state.coerced = true;
          sink.occur(i);
          Event event;
          event.kind = "trade_coercion.start";
          event.actors = {exposure.coercer_id, exposure.host_id};
          if (sink.tracing())
            event.detail = fmt::format("{} coerces {} economically (dependence {:.2f})",
                                       exposure.coercer_id, exposure.host_id, dependence_[i]);
          sink.emit(std::move(event));
        }
      } else if (u_end < 1.0 / parameters_["mean_coercion_months"]) {
        state.coerced = false;
        Event event;
        event.kind = "trade_coercion.end";
        event.actors = {exposure.coercer_id, exposure.host_id};
        if (sink.tracing())
          event.detail =
              fmt::format("{}'s coercion of {} ends", exposure.coercer_id, exposure.host_id);
        sink.emit(std::move(event));
      }
      if (state.months_since_alignment_move < 1000000) ++state.months_since_alignment_move;
    }
    publish(world, sink);
  }

 private:
  void publish(World& world, TrialSink& sink) {
    for (std::size_t i = 0; i < mechanism_.exposures_.size(); ++i) {
      const auto& exposure = mechanism_.exposures_[i];
      auto& state = world.alliances[exposure.roles.alliance];
      const double accommodation =
          unit_stance(mechanism_.scenario_, world.offices[exposure.roles.host_executive],
                      mechanism_.accommodation_dimension_, 0.5);
      // Abandonment fear is last month's: cohesion runs after this mechanism.
      state.hedging =
          hedging_index(weights_, accommodation, dependence_[i],
                        parameters_["dependence_reference"], state.coerced, state.abandonment_fear);
      sink.set_metric(3 * i, dependence_[i]);
      sink.set_metric(3 * i + 1, state.coerced ? 1.0 : 0.0);
      sink.set_metric(3 * i + 2, state.hedging);
    }
  }

  const TradeCoercionMechanism& mechanism_;
  MechanismParameters parameters_;
  RandomStream stream_;
  HedgingWeights weights_;
  std::vector<double> dependence_;
};

std::unique_ptr<MechanismTrial> TradeCoercionMechanism::start_trial(World& world,
                                                                    const TrialContext& context,
                                                                    TrialSink& sink) const {
  return std::make_unique<TradeCoercionTrial>(*this, world, context, sink);
}

}  // namespace linchpin
