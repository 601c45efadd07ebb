#pragma once
// The simulated state of one trial. Mechanisms read it and change their own part of it;
// they share information only through this state and through events.
#include <array>
#include <cstdint>
#include <vector>

#include "linchpin/core/calendar.hpp"
#include "linchpin/core/enum_names.hpp"
#include "linchpin/scenario/scenario.hpp"

namespace linchpin {

// Who holds an office now.
struct OfficeState {
  int party = 0;               // index into the political system's parties
  std::vector<double> stance;  // the holder's stance, one value per stance dimension
  int terms_served = 1;
  int leader_serial = 0;  // increases with every new leader, so changes are detectable
  Month since;
};

struct TheatreState {
  TheatreCondition condition = TheatreCondition::calm;
  int months_in_condition = 0;
};

// Points from the flat office list back into the scenario.
struct OfficeRef {
  int system = 0;
  int office = 0;
};

// What the alliance mechanisms share about one alliance (index = scenario alliance index). Each
// field has one writer, named in the comment; the others only read it.
struct AllianceState {
  bool in_force = true;               // cohesion (formal rupture) / trilateral (lapse)
  double discordance = 0.0;           // pendulum: mean stance gap of the members' executives
  double troops = 0.0;                // force_posture: forward-deployed personnel
  double troops_start = 0.0;          // force_posture
  int months_since_threat = 1000000;  // force_posture: since the last withdrawal threat
  double readiness = 0.0;             // exercises: combined-command readiness in [0, 1]
  bool exercises_suspended = false;   // exercises
  bool cost_sharing_lapsed = false;   // burden_sharing
  double friction_shock = 0.0;        // any mechanism adds; cohesion folds it in and resets
  double friction = 0.0;              // cohesion
  double cohesion = 0.0;              // cohesion
  double abandonment_fear = 0.0;      // cohesion (the host's fear)
  double entrapment_fear = 0.0;       // cohesion
  int months_since_alignment_move = 1000000;  // trilateral (restoration), read by trade_coercion
  double hedging = 0.0;      // trade_coercion: the host's hedging toward the coercer
  bool coerced = false;      // trade_coercion: an economic-coercion episode is on
  double credibility = 0.0;  // deterrence: credibility of the patron's commitment
};

// Which dynamics can still happen in a trial. A war (MID hostility level 5: at least 1,000
// battle deaths, COW/UCDP) ends peacetime alliance management for the rest of the horizon: no
// cost-sharing cycle, exercise suspensions, peacetime crises or settlements follow it. War is
// absorbing within a trial (docs/engine/engine.md, "Regimes").
enum class WorldRegime { peacetime, wartime };
inline constexpr std::array<EnumName<WorldRegime>, 2> kWorldRegimeNames = {
    {{WorldRegime::peacetime, "peacetime"}, {WorldRegime::wartime, "wartime"}}};

struct World {
  Month month;          // the month being simulated
  int month_index = 0;  // 0 for the start month
  std::vector<OfficeState> offices;
  std::vector<TheatreState> theatres;
  std::vector<std::uint64_t> event_counts;  // event_processes: this month's events, one per process
  std::vector<AllianceState> alliances;     // one per scenario alliance
  double patron_distraction = 0.0;       // us_attention: share of the patron's attention drawn away
  double patron_capability_share = 0.0;  // us_attention: patron's CINC share this month
  double patron_capability_share_start = 0.0;  // us_attention: at the start
  double tension = 0.0;                        // deterrence: tension on the peninsula in [0, 1]
  double tension_reference = 0.0;    // deterrence: the starting tension (event processes' baseline)
  double threat = 0.0;               // deterrence: the host's threat environment in [0, 1]
  double challenger_warheads = 0.0;  // deterrence: the challenger's arsenal
  double bloc_cohesion = 0.0;        // bloc: cohesion of the adversary bloc in [0, 1]
  double challenger_capability_boost = 0.0;  // bloc: share added to the challenger's capability
  WorldRegime regime = WorldRegime::peacetime;  // deterrence: wartime from a war's month on
  int war_month_index = -1;                     // deterrence: month index the war began, or -1
  bool host_weapons_programme = false;  // nuclear_hedging: the host has launched a programme

  bool at_war() const { return regime == WorldRegime::wartime; }
};

// Offices of every political system, in scenario order: the index used by World::offices.
std::vector<OfficeRef> office_refs(const Scenario& scenario);

// The state at the start month, before any mechanism has prepared its part.
World make_initial_world(const Scenario& scenario);

}  // namespace linchpin
