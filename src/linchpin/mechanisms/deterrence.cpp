#include "linchpin/mechanisms/deterrence.hpp"
#include "linchpin/mechanisms/event_processes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "linchpin/core/random_stream.hpp"
#include "linchpin/deterrence/credibility.hpp"
#include "linchpin/deterrence/crisis_game_fit.hpp"
#include "linchpin/mechanisms/mechanism_parameters.hpp"

namespace linchpin {

using deterrence::CrisisOutcome;
using deterrence::CrisisOutcomeClass;
using deterrence::MidHostilityClass;

namespace {
// Defaults: the fits on the Korean MIDs 1953-2025 (`linchpin data fit-crisis-game`); the
// scenarios draw from the posteriors instead (docs/models/deterrence.md).
constexpr double kDefaultCrisisIntercept = -3.026;
constexpr double kDefaultFatalShare = 0.5;       // 13.5 / 27
constexpr double kDefaultDisplayShare = 0.7941;  // 13.5 / 17
constexpr double kDefaultPrecision = 2.378;
constexpr double kDefaultClashCost = 0.6779;
constexpr double kDefaultEscalation = 0.06708;

// Outcomes per dyad, in the order outcomes_ lists them.
enum Outcome : std::size_t {
  kMid,
  kDisplay,
  kUseOfForce,
  kFatal,
  kWar,
  kAllianceConcedes,
  kOutcomesPerDyad
};
}  // namespace

double next_tension(double tension, double reference, double reversion, double per_event,
                    double events, double expected_events, double shock) {
  return std::clamp(reference + (1.0 - reversion) * (tension - reference) +
                        per_event * (events - expected_events) + shock,
                    0.0, 1.0);
}

double threat_index(double tension, double warheads, double warhead_reference, double bloc_cohesion,
                    double weight_tension, double weight_arsenal, double weight_bloc) {
  const double arsenal =
      warhead_reference > 0.0
          ? std::min(1.0, std::log1p(std::max(0.0, warheads)) / std::log1p(warhead_reference))
          : 0.0;
  return std::clamp(
      weight_tension * tension + weight_arsenal * arsenal + weight_bloc * bloc_cohesion, 0.0, 1.0);
}

CrisisOutcome draw_outcome(const deterrence::CrisisSolution& solution, double u) {
  double cumulative = 0.0;
  for (const auto& entry : deterrence::kCrisisOutcomeNames) {
    cumulative += solution.probability(entry.value);
    if (u < cumulative) return entry.value;
  }
  // Rounding left u above the total: the last outcome with positive probability.
  for (std::size_t c = deterrence::kCrisisOutcomeCount; c-- > 0;)
    if (solution.probability(CrisisOutcome(c)) > 0.0) return CrisisOutcome(c);
  return CrisisOutcome::status_quo;
}

CrisisOutcomeClass draw_outcome_class(const deterrence::CrisisSolution& solution, double u) {
  double cumulative = 0.0;
  for (std::size_t c = 0; c < deterrence::kCrisisOutcomeClassCount; ++c) {
    cumulative += solution.probability(CrisisOutcomeClass(c));
    if (u < cumulative) return CrisisOutcomeClass(c);
  }
  // Rounding left u above the total: the last class with positive probability.
  for (std::size_t c = deterrence::kCrisisOutcomeClassCount; c-- > 0;)
    if (solution.probability(CrisisOutcomeClass(c)) > 0.0) return CrisisOutcomeClass(c);
  return CrisisOutcomeClass::status_quo;
}

std::vector<ParameterSchema> DeterrenceMechanism::parameter_schema() {
  const char* cred =
      "Assumption (docs/models/deterrence.md): order of the pillars' weights follows the "
      "literature (treaty: Fuhrmann & Sechser 2014; tripwire: Schelling 1966), values are "
      "judgements";
  return {
      {"initial_tension", "Tension at the start", "index", 0.5,
       "Assumption: mid-scale; scenarios give a range", 0, 1, false},
      {"tension_reversion", "Monthly share of the gap to the starting tension closed",
       "share/month", 0.1091, "Assumption: a shock to tension halves in six months (1 - 2^(-1/6))",
       0, 1, false},
      {"tension_per_event",
       "Tension added per challenger provocation event above the expected rate", "index/event",
       0.01, "Assumption: a 2022-like month (3 launch events against ~0.8 expected) adds 0.02", 0,
       1, false},
      {"tension_per_crisis", "Tension added by a crisis", "index", 0.1, "Assumption", 0, 1, false},
      {"tension_per_clash", "Extra tension added by a use of force (MID hostility level 4)",
       "index", 0.1, "Assumption", 0, 1, false},
      {"tension_settlement_relief", "Tension removed by a negotiated settlement", "index", 0.05,
       "Assumption", 0, 1, false},
      {"crisis_intercept", "Log monthly MID onset rate at the starting tension", "log(1/month)",
       kDefaultCrisisIntercept,
       "Korean MIDs 1953-2025 (COW MID 5.0 to 2014, data/history/korea_mids_2015_2025.csv after): "
       "log((n + 1/2) / months), `linchpin data fit-crisis-game`; scenarios draw the posterior",
       -20, 0, false},
      {"crisis_tension_slope", "Change of the log crisis rate per unit of tension above the start",
       "log-rate", 0.0,
       "Not in the fit, so off by default: the MID onset rate is fitted on the record without a "
       "tension covariate (tension is not observed historically), and a self-exciting multiplier "
       "on top raised simulated MIDs about 20% above the fit; a lever for sensitivity analysis "
       "(2 would make a fully tense peninsula ~3x as crisis-prone as mid-scale)",
       0, 20, false},
      {"fatal_share_of_use_of_force",
       "Share of use-of-force MIDs with at least one (military) fatality", "share",
       kDefaultFatalShare,
       "Korean MIDs 1953-2025, Jeffreys posterior mean (`linchpin data fit-crisis-game`)", 0, 1,
       false},
      {"display_share_below_use_of_force",
       "Share of MIDs below use of force that reach a display of force (level 3, not 2)", "share",
       kDefaultDisplayShare,
       "Korean MIDs 1953-2025, Jeffreys posterior mean (`linchpin data fit-crisis-game`)", 0, 1,
       false},
      {"warhead_growth_per_year", "Growth of the challenger's arsenal", "warheads/year", 6.0,
       "FAS 2018-2025 estimates rose from ~10-20 to ~50 (data/history/dprk_arsenal_estimates.csv); "
       "scenarios give a range",
       0, 100, false},
      {"warhead_reference", "Arsenal at which the arsenal term of the threat saturates", "warheads",
       200, "Assumption: the RAND-Asan (2021) high projection for 2027 (~200-240)", 1, 10000,
       false},
      {"threat_weight_tension", "Weight of tension in the threat index", "weight", 0.4,
       "Assumption", 0, 1, false},
      {"threat_weight_arsenal", "Weight of the arsenal in the threat index", "weight", 0.35,
       "Assumption", 0, 1, false},
      {"threat_weight_bloc", "Weight of the adversary bloc's cohesion in the threat index",
       "weight", 0.25, "Assumption", 0, 1, false},
      {"threat_weight_doctrine", "Threat added by a preemptive nuclear doctrine", "weight", 0.1,
       "Assumption: the DPRK's September 2022 law authorises preemptive nuclear use", 0, 1, false},
      {"credibility_weight_treaty", "Credibility weight of the treaty obligation", "weight", 0.35,
       cred, 0, 1, false},
      {"credibility_weight_tripwire", "Credibility weight of forces in place", "weight", 0.25, cred,
       0, 1, false},
      {"credibility_weight_command", "Credibility weight of the combined command (times readiness)",
       "weight", 0.15, cred, 0, 1, false},
      {"credibility_weight_extended", "Credibility weight of extended nuclear deterrence", "weight",
       0.15, cred, 0, 1, false},
      {"credibility_weight_consultation", "Credibility weight of nuclear consultation", "weight",
       0.10, cred, 0, 1, false},
      {"credibility_distraction", "Share of credibility lost at full distraction", "share", 0.3,
       cred, 0, 1, false},
      {"credibility_commitment_floor",
       "Credibility multiplier under a patron leader at commitment 0", "factor", 0.5, cred, 0, 1,
       false},
      {"tripwire_troops", "Troops at which the tripwire counts in full", "personnel", 20000,
       "Assumption: a division-equivalent with its air component; USFK has not been below ~28,500 "
       "since "
       "2008",
       1, 1e6, false},
      {"qre_precision", "Logit QRE precision (lambda) of the crisis game", "1/utility",
       kDefaultPrecision,
       "Posterior mean on the Korean MIDs 1953-2025 (`linchpin data fit-crisis-game`)", 0, 1000,
       false},
      {"clash_cost", "Each side's cost of a contained exchange of fire in the crisis game",
       "utility", kDefaultClashCost,
       "Posterior mean on the Korean MIDs 1953-2025 (`linchpin data fit-crisis-game`)", 0, 100,
       false},
      {"first_strike_advantage", "First-strike advantage in the crisis game", "share", 0.1,
       "docs/models/crisis_game.md default", 0, 1, false},
      {"preemptive_doctrine_advantage",
       "First-strike advantage added by a preemptive nuclear doctrine", "share", 0.1,
       "Assumption: the DPRK's September 2022 law on nuclear forces policy authorises preemptive "
       "use",
       0, 1, false},
      {"escalation_probability", "Chance that mutual use of force escalates to war", "probability",
       kDefaultEscalation,
       "Posterior mean on the Korean MIDs 1953-2025 (no war since 1953; Jeffreys prior; "
       "`linchpin data fit-crisis-game`)",
       0, 1, false},
  };
}

DeterrenceMechanism::DeterrenceMechanism(const Scenario& scenario)
    : scenario_(scenario),
      commitment_dimension_(stance_dimension(scenario, "alliance_commitment")) {
  const auto& definition = scenario.definition();
  auto cinc_of = [&](int actor) {
    const auto it = definition.actors[actor].attributes.find("cinc");
    return it == definition.actors[actor].attributes.end() ? 0.0 : it->second.nominal();
  };
  for (const auto& roles : patron_host_alliances(scenario)) {
    const int challenger = challenger_of(scenario, roles.host);
    if (challenger < 0) continue;
    Dyad dyad;
    dyad.roles = roles;
    const auto& alliance = definition.alliances[roles.alliance];
    dyad.id = alliance.id;
    dyad.challenger = challenger;
    for (std::size_t p = 0; p < definition.event_processes.size(); ++p)
      if (definition.event_processes[p].actor == challenger)
        dyad.provocation_processes.push_back(int(p));
    dyad.treaty = find_instrument(alliance, InstrumentKind::treaty_commitment) != nullptr;
    dyad.combined_command = find_instrument(alliance, InstrumentKind::combined_command) != nullptr;
    dyad.extended_deterrence =
        find_instrument(alliance, InstrumentKind::extended_deterrence) != nullptr;
    dyad.consultation = find_instrument(alliance, InstrumentKind::consultation) != nullptr;
    dyad.crisis_channel = find_instrument(alliance, InstrumentKind::crisis_channel) != nullptr;
    const auto& nuclear = definition.actors[challenger].nuclear;
    if (nuclear) {
      dyad.warheads = nuclear->warheads;
      dyad.preemptive_doctrine = nuclear->doctrine == NuclearDoctrine::preemptive;
    }
    dyad.challenger_cinc = cinc_of(challenger);
    dyad.host_cinc = cinc_of(roles.host);
    dyad.patron_cinc = cinc_of(roles.patron);
    const auto& id = dyad.id;
    const std::string challenger_id = definition.actors[challenger].id;
    metrics_.push_back({fmt::format("deterrence.{}.credibility", id), "index",
                        "Credibility of the patron's commitment (0 none, 1 full)", 0, 1,
                        MetricKind::continuous});
    metrics_.push_back({fmt::format("deterrence.{}.tension", id), "index",
                        "Tension on the peninsula", 0, 1, MetricKind::continuous});
    metrics_.push_back({fmt::format("deterrence.{}.threat", id), "index",
                        "The host's threat environment", 0, 1, MetricKind::continuous});
    metrics_.push_back({fmt::format("deterrence.{}.warheads", id), "warheads",
                        fmt::format("{}'s nuclear warheads", challenger_id), 0, 1000,
                        MetricKind::continuous});
    metrics_.push_back({fmt::format("deterrence.{}.crises", id), "crises", "MID onsets so far", 0,
                        60, MetricKind::discrete});
    // One-line definitions naming the coding (COW MID: Palmer et al. 2022; hostility levels:
    // Jones, Bremer & Singer 1996). Indices: kOutcomesPerDyad * dyad + Outcome.
    outcomes_.push_back({fmt::format("deterrence.{}.mid", id),
                         "A MID onset with the challenger (COW MID coding: threat, display or use "
                         "of force, hostility level >= 2)"});
    outcomes_.push_back({fmt::format("deterrence.{}.mid_display_of_force", id),
                         "A MID reaching a display of force (COW MID hostility level >= 3)"});
    outcomes_.push_back({fmt::format("deterrence.{}.mid_use_of_force", id),
                         "A MID reaching use of force (COW MID hostility level >= 4)"});
    outcomes_.push_back({fmt::format("deterrence.{}.fatal_mid", id),
                         "A fatal MID (COW MID fatality level >= 1: at least one military death)"});
    outcomes_.push_back({fmt::format("deterrence.{}.war", id),
                         "War (COW MID hostility level 5: >= 1,000 battle deaths, COW/UCDP)"});
    outcomes_.push_back(
        {fmt::format("deterrence.{}.crisis_game_alliance_concedes", id),
         "Model quantity, not coded in MID data: a crisis-game outcome in which the alliance "
         "concedes the challenger's demand (acquiescence or capitulation)"});
    dyads_.push_back(std::move(dyad));
  }
}

class DeterrenceTrial final : public MechanismTrial {
 public:
  DeterrenceTrial(const DeterrenceMechanism& mechanism, World& world, const TrialContext& context,
                  TrialSink& sink)
      : mechanism_(mechanism),
        p_(mechanism.scenario_, "deterrence", DeterrenceMechanism::parameter_schema(), context),
        stream_(context.seed, context.trial, purpose_id("deterrence:crises")),
        coding_stream_(context.seed, context.trial, purpose_id("deterrence:mid-coding")) {
    world.tension = world.tension_reference = p_["initial_tension"];
    for (const auto& dyad : mechanism.dyads_) {
      State state;
      if (dyad.warheads)
        world.challenger_warheads = dyad.warheads->sample_for_trial(context.seed, context.trial);
      for (int process : dyad.provocation_processes) {
        state.expected_events += expected_monthly_rate(mechanism.scenario_, std::size_t(process),
                                                       context.seed, context.trial);
      }
      states_.push_back(state);
    }
    for (std::size_t i = 0; i < states_.size(); ++i) {
      update_credibility(world, i);
      publish(world, sink, i);
    }
  }

  void step(World& world, TrialSink& sink) override {
    for (std::size_t i = 0; i < states_.size(); ++i) {
      // Every uniform is drawn every month, in wartime too, so that the streams do not shift.
      const double u_crisis = stream_.uniform();
      const double u_outcome = stream_.uniform();
      const double u_fatal = coding_stream_.uniform();
      const double u_display = coding_stream_.uniform();
      const auto& dyad = mechanism_.dyads_[i];
      auto& state = states_[i];
      world.challenger_warheads += p_["warhead_growth_per_year"] / 12.0;
      update_credibility(world, i);
      // War is absorbing: no crises, clashes, settlements or tension dynamics after it.
      if (!world.at_war()) {
        double events = 0.0;
        for (int process : dyad.provocation_processes)
          events += double(world.event_counts[process]);
        const double shock = u_crisis < std::min(1.0, crisis_rate(world))
                                 ? crisis(world, sink, i, u_outcome, u_fatal, u_display)
                                 : 0.0;
        if (!world.at_war())
          world.tension =
              next_tension(world.tension, world.tension_reference, p_["tension_reversion"],
                           p_["tension_per_event"], events, state.expected_events, shock);
      }
      publish(world, sink, i);
    }
  }

  double crisis_rate(const World& world) const {
    return std::exp(p_["crisis_intercept"] +
                    p_["crisis_tension_slope"] * (world.tension - world.tension_reference));
  }

  // A MID onset: adjudicated by the crisis game, coded by MID hostility level; returns the
  // tension shock.
  double crisis(World& world, TrialSink& sink, std::size_t i, double u_outcome, double u_fatal,
                double u_display) {
    const auto& dyad = mechanism_.dyads_[i];
    ++states_[i].crises;
    const std::size_t o = kOutcomesPerDyad * i;
    sink.occur(o + kMid);
    const auto solution = deterrence::adjudicate_crisis(inputs(world, i), options());
    const auto outcome = draw_outcome(solution, u_outcome);
    const auto level = deterrence::mid_hostility_class(outcome);
    const auto outcome_class = deterrence::crisis_outcome_class(outcome);
    double shock = p_["tension_per_crisis"];
    bool display = false, fatal = false;
    if (level == MidHostilityClass::no_use_of_force) {
      display = u_display < p_["display_share_below_use_of_force"];
    } else {
      display = true;
      shock += p_["tension_per_clash"];
      fatal = level == MidHostilityClass::war || u_fatal < p_["fatal_share_of_use_of_force"];
      sink.occur(o + kUseOfForce);
      emit_event(sink, "deterrence.mid_use_of_force", [&] { return dyad.id; });
    }
    if (display) {
      sink.occur(o + kDisplay);
      emit_event(sink, "deterrence.mid_display_of_force", [&] { return dyad.id; });
    }
    if (fatal) {
      sink.occur(o + kFatal);
      emit_event(sink, "deterrence.fatal_mid", [&] { return dyad.id; });
    }
    if (level == MidHostilityClass::war) {
      sink.occur(o + kWar);
      world.regime = WorldRegime::wartime;
      world.war_month_index = world.month_index;
      emit_event(sink, "deterrence.war", [&] { return dyad.id; });
    }
    if (outcome_class == CrisisOutcomeClass::defender_backs_down) sink.occur(o + kAllianceConcedes);
    if (outcome_class == CrisisOutcomeClass::negotiated_settlement)
      shock -= p_["tension_settlement_relief"];
    const auto p = deterrence::mid_class_probabilities(solution);
    emit_event(sink, "deterrence.crisis", p[1] + p[2], [&] {
      return fmt::format(
          "{}: MID -> {} ({}; credibility {:.2f}; P(use of force) {:.2f}, P(war) {:.4f})", dyad.id,
          enum_name(deterrence::kMidHostilityClassNames, level),
          enum_name(deterrence::kCrisisOutcomeNames, outcome),
          world.alliances[dyad.roles.alliance].credibility, p[1] + p[2], p[2]);
    });
    return shock;
  }

 private:
  struct State {
    double expected_events = 0.0;  // the provocation processes' base monthly rates, this trial
    int crises = 0;
  };

  deterrence::CrisisSolverOptions options() const {
    deterrence::CrisisSolverOptions options;
    options.solver.precision = p_["qre_precision"];
    options.start = deterrence::CrisisStart::challenger_has_demanded;
    return options;
  }

  deterrence::CrisisInputs inputs(const World& world, std::size_t i) const {
    const auto& dyad = mechanism_.dyads_[i];
    deterrence::CrisisInputs in;
    if (dyad.challenger_cinc > 0.0)
      in.challenger_capability = dyad.challenger_cinc * (1.0 + world.challenger_capability_boost);
    if (dyad.host_cinc > 0.0) in.defender_capability = dyad.host_cinc;
    if (dyad.patron_cinc > 0.0) in.ally_capability = 0.25 * dyad.patron_cinc;
    in.credibility = world.alliances[dyad.roles.alliance].credibility;
    in.first_strike_advantage =
        std::min(1.0, p_["first_strike_advantage"] +
                          (dyad.preemptive_doctrine ? p_["preemptive_doctrine_advantage"] : 0.0));
    in.escalation_probability = p_["escalation_probability"];
    in.challenger_clash_cost = in.defender_clash_cost = p_["clash_cost"];
    in.armistice_channel = dyad.crisis_channel ? 1.0 : 0.0;
    return in;
  }

  void update_credibility(World& world, std::size_t i) {
    const auto& dyad = mechanism_.dyads_[i];
    auto& alliance = world.alliances[dyad.roles.alliance];
    deterrence::CredibilityInputs in;
    in.treaty = dyad.treaty && alliance.in_force;
    in.tripwire = alliance.troops / p_["tripwire_troops"];
    in.combined_command = dyad.combined_command;
    in.readiness = alliance.readiness;
    in.extended_deterrence = dyad.extended_deterrence;
    in.consultation = dyad.consultation;
    in.distraction = world.patron_distraction;
    in.patron_commitment =
        unit_stance(mechanism_.scenario_, world.offices[dyad.roles.patron_executive],
                    mechanism_.commitment_dimension_, 0.5);
    const deterrence::CredibilityWeights weights{
        p_["credibility_weight_treaty"],       p_["credibility_weight_tripwire"],
        p_["credibility_weight_command"],      p_["credibility_weight_extended"],
        p_["credibility_weight_consultation"], p_["credibility_distraction"],
        p_["credibility_commitment_floor"]};
    alliance.credibility = deterrence::commitment_credibility(in, weights);
  }

  // Publishes the month's state; credibility was updated earlier in the month.
  void publish(World& world, TrialSink& sink, std::size_t i) {
    world.threat = std::min(
        1.0, threat_index(world.tension, world.challenger_warheads, p_["warhead_reference"],
                          world.bloc_cohesion, p_["threat_weight_tension"],
                          p_["threat_weight_arsenal"], p_["threat_weight_bloc"]) +
                 (mechanism_.dyads_[i].preemptive_doctrine ? p_["threat_weight_doctrine"] : 0.0));
    const std::size_t m = 5 * i;
    sink.set_metric(m, world.alliances[mechanism_.dyads_[i].roles.alliance].credibility);
    sink.set_metric(m + 1, world.tension);
    sink.set_metric(m + 2, world.threat);
    sink.set_metric(m + 3, world.challenger_warheads);
    sink.set_metric(m + 4, std::min(60, states_[i].crises));
  }

  const DeterrenceMechanism& mechanism_;
  MechanismParameters p_;
  RandomStream stream_;
  RandomStream coding_stream_;  // fatal and display-of-force draws of a MID
  std::vector<State> states_;
};

std::unique_ptr<MechanismTrial> DeterrenceMechanism::start_trial(World& world,
                                                                 const TrialContext& context,
                                                                 TrialSink& sink) const {
  return std::make_unique<DeterrenceTrial>(*this, world, context, sink);
}

}  // namespace linchpin
