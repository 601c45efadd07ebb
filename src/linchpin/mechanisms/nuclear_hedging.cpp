#include "linchpin/mechanisms/nuclear_hedging.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "linchpin/core/random_stream.hpp"
#include "linchpin/mechanisms/mechanism_parameters.hpp"

namespace linchpin {

double target_support(double anchor, double threat, double abandonment, bool extended_deterrence,
                      double weight_threat, double weight_abandonment, double weight_extended) {
  return std::clamp(anchor + weight_threat * threat + weight_abandonment * abandonment -
                        (extended_deterrence ? weight_extended : 0.0),
                    0.0, 1.0);
}

double step_hazard(double intercept, double support_slope, double abandonment_slope, double support,
                   double abandonment, double npt_restraint, double pressure,
                   double patron_commitment, double extended_restraint, bool extended_deterrence) {
  const double base = std::min(
      1.0, std::exp(intercept + support_slope * (support - 0.5) + abandonment_slope * abandonment));
  return base * (1.0 - npt_restraint) * (1.0 - pressure * std::clamp(patron_commitment, 0.0, 1.0)) *
         (1.0 - (extended_deterrence ? extended_restraint : 0.0));
}

std::vector<ParameterSchema> NuclearHedgingMechanism::parameter_schema() {
  return {
      {"initial_support", "Public support for an indigenous weapon at the start", "share", 0.7,
       "Polls 2022-2025 (data/history/rok_nuclear_opinion.csv): Chey/Gallup 76.6% (2022), 72.8% "
       "(2024), "
       "Asan 76.2% (2025), KINU 71.3% -> 60.2%; scenarios give a range",
       0, 1, false},
      {"adjustment_rate", "Monthly share of the gap to the target support closed", "share/month",
       0.0833, "Assumption: opinion follows events within about a year", 0, 1, false},
      {"weight_threat", "Support added per unit of threat above the start", "share", 0.2,
       "Assumption: support rose after the 2016-17 tests and the 2022 launches (data/history)", 0,
       1, false},
      {"weight_abandonment", "Support added per unit of abandonment fear above the start", "share",
       0.3,
       "Assumption: doubts about the US commitment are the most cited reason (Chey/Gallup 2024)", 0,
       1, false},
      {"step_intercept",
       "Log monthly hazard of a government step at support 0.5 and no abandonment fear",
       "log(1/month)", -8.0,
       "Assumption anchored on the record: one weapons programme (Park, early 1970s, after the "
       "Nixon "
       "withdrawal) and no formal step since in ~600 months of coded history",
       -20, 0, false},
      {"support_slope", "Slope on support above one half", "log-rate", 2.0, "Assumption", 0, 20,
       false},
      {"abandonment_slope", "Slope on abandonment fear", "log-rate", 4.0,
       "Assumption: the 1970s programme followed the US withdrawal of a division", 0, 20, false},
      {"npt_restraint", "Share of the hazard removed by the NPT commitment", "share", 0.5,
       "Assumption: withdrawal under NPT Article X costs sanctions and the civil nuclear industry",
       0, 1, false},
      {"patron_pressure", "Share of the hazard a fully committed patron removes", "share", 0.6,
       "Assumption: US pressure ended the 1970s programme (1975-76)", 0, 1, false},
      {"extended_restraint", "Share of the hazard removed by extended-deterrence measures", "share",
       0.3,
       "Assumption: the Washington Declaration (2023) traded a reaffirmed NPT pledge for "
       "consultation",
       0, 1, false},
  };
}

NuclearHedgingMechanism::NuclearHedgingMechanism(const Scenario& scenario)
    : scenario_(scenario),
      commitment_dimension_(stance_dimension(scenario, "alliance_commitment")) {
  const auto& definition = scenario.definition();
  for (const auto& roles : patron_host_alliances(scenario)) {
    Host host;
    host.roles = roles;
    host.host_id = definition.actors[roles.host].id;
    host.extended_deterrence = find_instrument(definition.alliances[roles.alliance],
                                               InstrumentKind::extended_deterrence) != nullptr;
    const auto& nuclear = definition.actors[roles.host].nuclear;
    host.npt_party = nuclear && nuclear->doctrine == NuclearDoctrine::none;
    const auto& id = host.host_id;
    metrics_.push_back({fmt::format("nuclear_hedging.{}.public_support", id), "share",
                        "Public support for an indigenous nuclear weapon", 0, 1,
                        MetricKind::continuous});
    metrics_.push_back(
        {fmt::format("nuclear_hedging.{}.level", id), "level",
         "Government steps: 0 latent, 1 hedging (capability build-up), 2 weapons programme", 0, 2,
         MetricKind::discrete});
    outcomes_.push_back({fmt::format("nuclear_hedging.{}.hedging_step", id),
                         "The government moves from latent capability to active hedging"});
    outcomes_.push_back({fmt::format("nuclear_hedging.{}.weapons_programme", id),
                         "The government starts a nuclear weapons programme"});
    hosts_.push_back(host);
  }
}

class NuclearHedgingTrial final : public MechanismTrial {
 public:
  NuclearHedgingTrial(const NuclearHedgingMechanism& mechanism, World& world,
                      const TrialContext& context, TrialSink& sink)
      : mechanism_(mechanism),
        p_(mechanism.scenario_, "nuclear_hedging", NuclearHedgingMechanism::parameter_schema(),
           context),
        stream_(context.seed, context.trial, purpose_id("nuclear_hedging:steps")) {
    for (const auto& host : mechanism.hosts_) {
      const auto& alliance = world.alliances[host.roles.alliance];
      State state;
      state.support = p_["initial_support"];
      // Anchor so the starting support is the target under the starting conditions.
      state.threat_start = world.threat;
      state.abandonment_start = alliance.abandonment_fear;
      states_.push_back(state);
    }
    publish(sink);
  }

  void step(World& world, TrialSink& sink) override {
    for (std::size_t i = 0; i < states_.size(); ++i) {
      const double u_step = stream_.uniform();
      const auto& host = mechanism_.hosts_[i];
      auto& state = states_[i];
      const auto& alliance = world.alliances[host.roles.alliance];
      if (world.at_war()) continue;  // the peacetime hedging decision ends with a war
      // Anchored at the polled start: support moves with changes in threat and abandonment fear.
      const double target =
          target_support(p_["initial_support"], world.threat - state.threat_start,
                         alliance.abandonment_fear - state.abandonment_start, false,
                         p_["weight_threat"], p_["weight_abandonment"], 0.0);
      state.support += p_["adjustment_rate"] * (target - state.support);
      if (state.level < 2) {
        const double commitment =
            unit_stance(mechanism_.scenario_, world.offices[host.roles.patron_executive],
                        mechanism_.commitment_dimension_, 0.5);
        const double hazard = step_hazard(
            p_["step_intercept"], p_["support_slope"], p_["abandonment_slope"], state.support,
            alliance.abandonment_fear, host.npt_party ? p_["npt_restraint"] : 0.0,
            p_["patron_pressure"], commitment, p_["extended_restraint"], host.extended_deterrence);
        if (u_step < hazard) {
          ++state.level;
          if (state.level >= 2) world.host_weapons_programme = true;
          // Level 2 is reached only through level 1, whose outcome is already recorded.
          sink.occur(state.level == 1 ? 2 * i : 2 * i + 1);
          const bool first_step = state.level == 1;
          emit_event(
              sink,
              first_step ? "nuclear_hedging.hedging_step" : "nuclear_hedging.weapons_programme",
              [&] {
                return fmt::format("{}: {} (support {:.2f}, abandonment fear {:.2f})", host.host_id,
                                   first_step ? "government moves to active hedging"
                                              : "government starts a weapons programme",
                                   state.support, alliance.abandonment_fear);
              });
        }
      }
    }
    publish(sink);
  }

 private:
  struct State {
    double support = 0.0;
    double threat_start = 0.0;
    double abandonment_start = 0.0;
    int level = 0;
  };

  void publish(TrialSink& sink) {
    for (std::size_t i = 0; i < states_.size(); ++i) {
      sink.set_metric(2 * i, states_[i].support);
      sink.set_metric(2 * i + 1, states_[i].level);
    }
  }

  const NuclearHedgingMechanism& mechanism_;
  MechanismParameters p_;
  RandomStream stream_;
  std::vector<State> states_;
};

std::unique_ptr<MechanismTrial> NuclearHedgingMechanism::start_trial(World& world,
                                                                     const TrialContext& context,
                                                                     TrialSink& sink) const {
  return std::make_unique<NuclearHedgingTrial>(*this, world, context, sink);
}

}  // namespace linchpin
