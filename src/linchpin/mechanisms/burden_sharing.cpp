#include "linchpin/mechanisms/burden_sharing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "linchpin/core/random_stream.hpp"
#include "linchpin/mechanisms/mechanism_parameters.hpp"

namespace linchpin {

double burden_gap(double patron_demand, double host_willingness, double demand_shift) {
  return std::clamp(patron_demand - host_willingness + demand_shift, 0.0, 1.0);
}

double conclusion_probability(double rate, double sensitivity, double gap) {
  return std::clamp(rate * std::exp(-sensitivity * gap), 0.0, 1.0);
}

std::vector<ParameterSchema> BurdenSharingMechanism::parameter_schema() {
  return {
      {"negotiation_lead_months", "Months before expiry that talks on the next agreement open",
       "months", 12,
       "Between the two latest rounds: 11th SMA talks opened Sep 2019 for a 2020 start (4 months), "
       "12th SMA talks Apr 2024 for a 2026 start (20 months); midpoint 12 (data/episodes)",
       0, 60, true},
      {"conclusion_rate", "Monthly probability that talks conclude when the gap is zero", "1/month",
       1.0 / 6.0,
       "Assumption anchored on the 12th SMA: talks Apr-Nov 2024 (7 months) between executives "
       "coded with a gap of zero (Biden 0.3 vs Yoon 0.6); mean 6 months",
       0, 1, false},
      {"gap_sensitivity", "How fast the conclusion probability falls with the demand gap", "1/gap",
       3.662,
       "Calibrated on the 11th SMA: with the Trump-Moon gap 0.9 - 0.6 = 0.3, talks took about 18 "
       "months (Sep 2019 - Mar 2021), three times the gap-free mean: ln(3)/0.3 = 3.662",
       0, 50, false},
      {"demand_shift", "Added to the patron's unit burden-sharing stance (scenario lever)",
       "stance", 0.0, "Definition: no shift", -1, 1, false},
      {"next_term_years", "Length of each agreement after the current one", "years", 5,
       "The 9th (2014-18) and 12th (2026-30) SMAs ran five years; the 11th six and the 10th one "
       "(data/episodes)",
       1, 10, true},
      {"reopen_threshold",
       "Patron's unit burden-sharing stance at or above which it may demand "
       "to reopen an agreement in force",
       "stance", 0.8,
       "Assumption: only a patron executive coded near the top of the scale (Trump 0.9 in "
       "data/leaders) has demanded renegotiation of an agreement in force",
       0, 1, false},
      {"reopen_rate", "Monthly probability of a reopening demand above the threshold", "1/month",
       0.02,
       "Assumption: Trump's public $10 bn-a-year call (Oct 2024) has not become a formal reopening "
       "in 22 months of his second term to 2026-11; one in about four years",
       0, 1, false},
      {"negotiation_friction", "Friction added per month of open talks, per unit of gap",
       "friction/month", 0.05,
       "Assumption: a year of talks at the Trump-Moon gap (0.3) adds 0.18, a third of the way to "
       "the severe-stress threshold",
       0, 1, false},
      {"lapse_friction", "Friction added per month without an agreement in force", "friction/month",
       0.04,
       "Assumption: the 2020-21 lapse (14 months; Korean USFK workers furloughed Apr 2020) adds "
       "about 0.5, enough with the talks' friction to make 2019-20 a severe-stress episode",
       0, 1, false},
      {"raise_per_gap", "Contribution increase at conclusion per unit of gap", "share/gap", 0.46,
       "11th SMA: +13.9% for 2021 (Mar 2021) concluded at the Trump-Moon gap 0.3: 0.139/0.3", 0, 5,
       false},
  };
}

BurdenSharingMechanism::BurdenSharingMechanism(const Scenario& scenario)
    : scenario_(scenario),
      pressure_dimension_(stance_dimension(scenario, "burden_sharing_pressure")) {
  const auto& alliances = scenario.definition().alliances;
  for (const auto& roles : patron_host_alliances(scenario)) {
    const auto& alliance = alliances[roles.alliance];
    const auto* instrument = find_instrument(alliance, InstrumentKind::cost_sharing);
    if (instrument == nullptr) continue;
    const auto to_year = instrument->parameters.find("covers_to_year");
    if (to_year == instrument->parameters.end()) continue;
    Agreement agreement;
    agreement.roles = roles;
    agreement.id = alliance.id;
    agreement.name = instrument->name;
    agreement.expires = Month::from_year_month(int(to_year->second.nominal()), 12);
    const std::string& id = alliance.id;
    metrics_.push_back(
        {fmt::format("burden_sharing.{}.gap", id), "gap",
         "Patron's burden-sharing demand minus the host's willingness (unit stances)", 0.0, 1.0,
         MetricKind::continuous});
    metrics_.push_back({fmt::format("burden_sharing.{}.negotiating", id), "flag",
                        "1 while cost-sharing talks are open", 0.0, 1.0, MetricKind::discrete});
    metrics_.push_back({fmt::format("burden_sharing.{}.lapsed", id), "flag",
                        "1 while no cost-sharing agreement is in force", 0.0, 1.0,
                        MetricKind::discrete});
    metrics_.push_back({fmt::format("burden_sharing.{}.contribution_index", id), "index",
                        "The host's contribution relative to the agreement in force at the start",
                        0.0, 5.0, MetricKind::continuous});
    outcomes_.push_back(
        {fmt::format("burden_sharing.{}.lapse", id),
         fmt::format("The {} lapses with no successor for at least a month", agreement.name)});
    outcomes_.push_back({fmt::format("burden_sharing.{}.reopened", id),
                         "The patron demands to reopen the agreement in force"});
    agreements_.push_back(agreement);
  }
}

class BurdenSharingTrial final : public MechanismTrial {
 public:
  BurdenSharingTrial(const BurdenSharingMechanism& mechanism, World& world,
                     const TrialContext& context, TrialSink& sink)
      : mechanism_(mechanism),
        parameters_(mechanism.scenario_, "burden_sharing",
                    BurdenSharingMechanism::parameter_schema(), context),
        stream_(context.seed, context.trial, purpose_id("burden_sharing:negotiation")) {
    for (const auto& agreement : mechanism.agreements_) {
      State state;
      state.expires = agreement.expires;
      state.gap = gap_now(world, agreement);
      states_.push_back(state);
    }
    publish(world, sink);
  }

  void step(World& world, TrialSink& sink) override {
    const auto& scenario = mechanism_.scenario_;
    for (std::size_t i = 0; i < states_.size(); ++i) {
      // Fixed draws per agreement per month keep streams aligned across scenario variants.
      const double u_reopen = stream_.uniform();
      const double u_conclude = stream_.uniform();
      const auto& agreement = mechanism_.agreements_[i];
      auto& state = states_[i];
      auto& alliance = world.alliances[agreement.roles.alliance];
      // Peacetime only: no cost-sharing cycle in wartime or once the treaty has ended (the
      // month's uniforms are drawn above either way, so streams stay aligned).
      if (world.at_war() || !alliance.in_force) continue;
      const double demand = unit_stance(scenario, world.offices[agreement.roles.patron_executive],
                                        mechanism_.pressure_dimension_, 0.5);
      state.gap = gap_now(world, agreement);
      const double gap = state.gap;
      const bool window_open =
          world.month >= state.expires.plus(-int(parameters_["negotiation_lead_months"]));
      if (!state.negotiating) {
        if (window_open) {
          open(state, sink, agreement, "talks on the next agreement open");
        } else if (demand >= parameters_["reopen_threshold"] &&
                   u_reopen < parameters_["reopen_rate"]) {
          open(state, sink, agreement, "the patron demands to reopen the agreement in force");
          sink.occur(2 * i + 1);
        }
      }
      if (state.negotiating) {
        alliance.friction_shock += parameters_["negotiation_friction"] * gap;
        if (u_conclude < conclusion_probability(parameters_["conclusion_rate"],
                                                parameters_["gap_sensitivity"], gap)) {
          state.negotiating = false;
          state.contribution *= 1.0 + parameters_["raise_per_gap"] * gap;
          // Agreements cover fixed calendar years, retroactively after a lapse (the 11th SMA,
          // signed Mar 2021, covered 2020-25), so renewal never moves the calendar.
          if (window_open)
            state.expires = state.expires.plus(12 * int(parameters_["next_term_years"]));
          emit_event(sink, "burden_sharing.concluded", gap, [&] {
            return fmt::format("{}: agreement concluded at gap {:.2f}; in force to {}",
                               agreement.name, gap, state.expires.to_string());
          });
        }
      }
      const bool lapsed = world.month > state.expires;
      if (lapsed && !state.lapsed) {
        emit_event(sink, "burden_sharing.lapse",
                   [&] { return fmt::format("{} lapsed without a successor", agreement.name); });
      }
      state.lapsed = lapsed;
      if (lapsed) {
        sink.occur(2 * i);
        alliance.friction_shock += parameters_["lapse_friction"];
      }
    }
    publish(world, sink);
  }

 private:
  struct State {
    Month expires;
    bool negotiating = false;
    bool lapsed = false;
    double contribution = 1.0;
    double gap = 0.0;  // this month's demand gap
  };

  double gap_now(const World& world, const BurdenSharingMechanism::Agreement& agreement) const {
    const auto& scenario = mechanism_.scenario_;
    const double demand = unit_stance(scenario, world.offices[agreement.roles.patron_executive],
                                      mechanism_.pressure_dimension_, 0.5);
    const double willingness = unit_stance(scenario, world.offices[agreement.roles.host_executive],
                                           mechanism_.pressure_dimension_, 0.5);
    return burden_gap(demand, willingness, parameters_["demand_shift"]);
  }

  void open(State& state, TrialSink& sink, const BurdenSharingMechanism::Agreement& agreement,
            const char* why) {
    state.negotiating = true;
    emit_event(sink, "burden_sharing.talks_open",
               [&] { return fmt::format("{}: {}", agreement.name, why); });
  }

  void publish(World& world, TrialSink& sink) {
    for (std::size_t i = 0; i < states_.size(); ++i) {
      const auto& agreement = mechanism_.agreements_[i];
      sink.set_metric(4 * i, states_[i].gap);
      sink.set_metric(4 * i + 1, states_[i].negotiating ? 1.0 : 0.0);
      sink.set_metric(4 * i + 2, states_[i].lapsed ? 1.0 : 0.0);
      sink.set_metric(4 * i + 3, states_[i].contribution);
      world.alliances[agreement.roles.alliance].cost_sharing_lapsed = states_[i].lapsed;
    }
  }

  const BurdenSharingMechanism& mechanism_;
  MechanismParameters parameters_;
  RandomStream stream_;
  std::vector<State> states_;
};

std::unique_ptr<MechanismTrial> BurdenSharingMechanism::start_trial(World& world,
                                                                    const TrialContext& context,
                                                                    TrialSink& sink) const {
  return std::make_unique<BurdenSharingTrial>(*this, world, context, sink);
}

}  // namespace linchpin
