#include "linchpin/mechanisms/registry.hpp"

#include "linchpin/mechanisms/bloc.hpp"
#include "linchpin/mechanisms/burden_sharing.hpp"
#include "linchpin/mechanisms/cohesion.hpp"
#include "linchpin/mechanisms/deterrence.hpp"
#include "linchpin/mechanisms/elections.hpp"
#include "linchpin/mechanisms/event_processes.hpp"
#include "linchpin/mechanisms/exercises.hpp"
#include "linchpin/mechanisms/force_posture.hpp"
#include "linchpin/mechanisms/nuclear_hedging.hpp"
#include "linchpin/mechanisms/pendulum.hpp"
#include "linchpin/mechanisms/theatres.hpp"
#include "linchpin/mechanisms/trade_coercion.hpp"
#include "linchpin/mechanisms/trilateral.hpp"
#include "linchpin/mechanisms/us_attention.hpp"

namespace linchpin {

namespace {
template <typename T>
std::unique_ptr<Mechanism> make(const Scenario& scenario) {
  return std::make_unique<T>(scenario);
}

std::vector<ParameterSchema> no_parameters() {
  return {};
}

// Order: politics first (who governs this month), then the world outside and its events, then
// the alliance mechanisms that read them; the bloc and deterrence (credibility) before cohesion,
// which folds in everyone's friction and the credibility; nuclear hedging last (reads the fears).
constexpr MechanismEntry kRegistry[] = {
    {"elections", "Elections on their real calendars; party turnover and leader stances",
     &make<ElectionsMechanism>, &no_parameters},
    {"pendulum", "Discordance between allied executives' stances (the political pendulum)",
     &make<PendulumMechanism>, &PendulumMechanism::parameter_schema},
    {"theatres", "Other theatres drawing on US attention: calm / crisis / war Markov chains",
     &make<TheatresMechanism>, &no_parameters},
    {"event_processes", "Poisson event processes with sourced monthly rates",
     &make<EventProcessesMechanism>, &EventProcessesMechanism::parameter_schema},
    {"us_attention", "The patron's distraction by other theatres; polarity from capabilities",
     &make<UsAttentionMechanism>, &UsAttentionMechanism::parameter_schema},
    {"burden_sharing", "Cost-sharing agreement cycle: talks, reopening, lapses, friction",
     &make<BurdenSharingMechanism>, &BurdenSharingMechanism::parameter_schema},
    {"force_posture", "Forward-deployed troops: withdrawal threats and decisions",
     &make<ForcePostureMechanism>, &ForcePostureMechanism::parameter_schema},
    {"exercises", "Combined exercises, suspensions, combined-command readiness, OPCON",
     &make<ExercisesMechanism>, &ExercisesMechanism::parameter_schema},
    {"trilateral", "Trilateral cooperation with a third ally: lapse and restoration",
     &make<TrilateralMechanism>, &TrilateralMechanism::parameter_schema},
    {"trade_coercion", "Trade dependence, economic coercion by the patron's rival, hedging",
     &make<TradeCoercionMechanism>, &TradeCoercionMechanism::parameter_schema},
    {"bloc", "The adversary bloc: ties, cohesion, transfers to the challenger",
     &make<BlocMechanism>, &BlocMechanism::parameter_schema},
    {"deterrence",
     "Tension, arsenal, threat, credibility from the pillars, crises (IIG as logit QRE)",
     &make<DeterrenceMechanism>, &DeterrenceMechanism::parameter_schema},
    {"cohesion", "Alliance cohesion, friction, abandonment and entrapment fear, rupture",
     &make<CohesionMechanism>, &CohesionMechanism::parameter_schema},
    {"nuclear_hedging", "The host's public support for a weapon and steps toward a programme",
     &make<NuclearHedgingMechanism>, &NuclearHedgingMechanism::parameter_schema},
};
}  // namespace

std::span<const MechanismEntry> mechanism_registry() {
  return kRegistry;
}

std::vector<std::string> mechanism_names() {
  std::vector<std::string> names;
  for (const auto& entry : kRegistry) names.emplace_back(entry.name);
  return names;
}

std::vector<MechanismSchema> mechanism_schemas() {
  std::vector<MechanismSchema> schemas;
  for (const auto& entry : kRegistry)
    schemas.push_back(MechanismSchema{std::string(entry.name), entry.parameters()});
  return schemas;
}

std::vector<std::unique_ptr<Mechanism>> build_mechanisms(const Scenario& scenario) {
  std::vector<std::unique_ptr<Mechanism>> mechanisms;
  for (const auto& entry : kRegistry) {
    const auto* section = scenario.mechanism_section(entry.name);
    if (section != nullptr && !section->enabled) continue;
    mechanisms.push_back(entry.make(scenario));
  }
  return mechanisms;
}

}  // namespace linchpin
