#pragma once
// The immutable, validated description of a world at a start date. Built only by the loader;
// the engine reads it and never changes it.
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "linchpin/core/calendar.hpp"
#include "linchpin/core/enum_names.hpp"
#include "linchpin/scenario/quantity.hpp"

namespace linchpin {

enum class SourceKind { dataset, document, treaty, statistic, news, assumption };
inline constexpr std::array<EnumName<SourceKind>, 6> kSourceKindNames = {{
    {SourceKind::dataset, "dataset"},
    {SourceKind::document, "document"},
    {SourceKind::treaty, "treaty"},
    {SourceKind::statistic, "statistic"},
    {SourceKind::news, "news"},
    {SourceKind::assumption, "assumption"},
}};

enum class ActorKind { state, bloc, institution };
inline constexpr std::array<EnumName<ActorKind>, 3> kActorKindNames = {
    {{ActorKind::state, "state"},
     {ActorKind::bloc, "bloc"},
     {ActorKind::institution, "institution"}}};

enum class NuclearDoctrine { none, no_first_use, ambiguous, first_use, preemptive };
inline constexpr std::array<EnumName<NuclearDoctrine>, 5> kNuclearDoctrineNames = {{
    {NuclearDoctrine::none, "none"},
    {NuclearDoctrine::no_first_use, "no_first_use"},
    {NuclearDoctrine::ambiguous, "ambiguous"},
    {NuclearDoctrine::first_use, "first_use"},
    {NuclearDoctrine::preemptive, "preemptive"},
}};

enum class AllianceKind { defense_pact, neutrality, nonaggression, entente, partnership };
inline constexpr std::array<EnumName<AllianceKind>, 5> kAllianceKindNames = {{
    {AllianceKind::defense_pact, "defense_pact"},
    {AllianceKind::neutrality, "neutrality"},
    {AllianceKind::nonaggression, "nonaggression"},
    {AllianceKind::entente, "entente"},
    {AllianceKind::partnership, "partnership"},
}};

enum class InstrumentKind {
  treaty_commitment,
  crisis_channel,
  combined_command,
  forward_forces,
  extended_deterrence,
  consultation,
  exercise_program,
  cost_sharing
};
inline constexpr std::array<EnumName<InstrumentKind>, 8> kInstrumentKindNames = {{
    {InstrumentKind::treaty_commitment, "treaty_commitment"},
    {InstrumentKind::crisis_channel, "crisis_channel"},
    {InstrumentKind::combined_command, "combined_command"},
    {InstrumentKind::forward_forces, "forward_forces"},
    {InstrumentKind::extended_deterrence, "extended_deterrence"},
    {InstrumentKind::consultation, "consultation"},
    {InstrumentKind::exercise_program, "exercise_program"},
    {InstrumentKind::cost_sharing, "cost_sharing"},
}};

enum class RivalryKind { enduring, strategic, territorial };
inline constexpr std::array<EnumName<RivalryKind>, 3> kRivalryKindNames = {
    {{RivalryKind::enduring, "enduring"},
     {RivalryKind::strategic, "strategic"},
     {RivalryKind::territorial, "territorial"}}};

enum class OfficeKind { executive, legislature };
inline constexpr std::array<EnumName<OfficeKind>, 2> kOfficeKindNames = {
    {{OfficeKind::executive, "executive"}, {OfficeKind::legislature, "legislature"}}};

enum class TheatreCondition { calm, crisis, war };
inline constexpr std::array<EnumName<TheatreCondition>, 3> kTheatreConditionNames = {
    {{TheatreCondition::calm, "calm"},
     {TheatreCondition::crisis, "crisis"},
     {TheatreCondition::war, "war"}}};

struct ScenarioInfo {
  std::string name;
  std::string title;
  std::string description;
  CalendarDate start;
  int horizon_months = 0;
};

struct Source {
  std::string id;
  SourceKind kind = SourceKind::document;
  std::string citation;
  std::string url;
};

// The six Correlates of War National Material Capabilities components, in COW units. A
// component is empty when unknown (COW's -9), as COW's CINC convention expects.
struct Capabilities {
  int year = 0;
  std::string source;
  std::string note;
  std::optional<double> milex;   // thousands of current US dollars
  std::optional<double> milper;  // thousands of personnel
  std::optional<double> irst;    // thousands of tons of iron and steel
  std::optional<double> pec;     // thousands of coal-ton equivalents of primary energy
  std::optional<double> tpop;    // thousands of people
  std::optional<double> upop;    // thousands of people in cities over 100,000
};

struct NuclearForces {
  Quantity warheads;
  NuclearDoctrine doctrine = NuclearDoctrine::none;
  std::string doctrine_source;
};

struct Actor {
  std::string id;
  std::string name;
  ActorKind kind = ActorKind::state;
  int cow_code = 0;  // 0 when the actor has none
  std::optional<Capabilities> capabilities;
  std::optional<NuclearForces> nuclear;
  std::map<std::string, Quantity> attributes;
};

struct Instrument {
  std::string id;
  std::string name;
  InstrumentKind kind = InstrumentKind::treaty_commitment;
  CalendarDate established;
  std::string source;
  std::map<std::string, Quantity> parameters;
};

struct Alliance {
  std::string id;
  std::string name;
  AllianceKind kind = AllianceKind::defense_pact;
  std::vector<int> members;  // actor indices
  std::string treaty;
  CalendarDate signed_on;
  std::optional<CalendarDate> in_force;
  std::string source;
  std::vector<Instrument> instruments;
};

struct TradeFlow {
  int first = 0;  // actor indices
  int second = 0;
  int year = 0;
  Quantity value;
};

struct Rivalry {
  int first = 0;
  int second = 0;
  RivalryKind kind = RivalryKind::enduring;
  CalendarDate since;
  std::string source;
  std::string note;
};

struct StanceDimension {
  std::string id;
  std::string description;
  double low = 0.0;
  double high = 1.0;
};

struct Party {
  std::string id;
  std::string name;
  std::vector<Quantity> stances;  // one per stance dimension, in dimension order
};

// One scheduled election: a known date, or a window in which its month is uniformly uncertain.
struct ScheduledElection {
  CalendarDate first;  // the date, or the window's first month
  CalendarDate last;   // equal to first when the date is known
  std::string kind;
  std::string source;
  bool is_window() const { return first.to_month() != last.to_month(); }
};

// Hindcast only (the backtest sets it; scenarios cannot): a real administration replayed in
// place of the election draws, from its first month.
struct ReplayedTerm {
  CalendarDate start;
  int party = 0;  // index into the political system's parties
  std::string leader;
  std::vector<std::optional<double>> stances;  // coded values; empty entries use the party draw
};

struct Office {
  std::string id;
  int actor = 0;  // actor index
  OfficeKind kind = OfficeKind::executive;
  int incumbent_party = 0;  // index into the political system's parties
  std::string incumbent_leader;
  std::string incumbent_source;
  // The sitting leader's own stance where the scenario gives it (executives only), one entry
  // per stance dimension; empty entries are drawn from the party's distribution.
  std::vector<std::optional<Quantity>> incumbent_stances;
  CalendarDate incumbent_since;
  int terms_served = 1;
  int term_limit = 0;  // 0 = no limit
  std::vector<ScheduledElection> elections;
  int recurrence_months = 0;
  Quantity incumbent_party_win_probability;
  Quantity leader_runs_again_probability;
  std::string key_path;
  // Non-empty in hindcast mode: the office follows these terms and holds no elections.
  std::vector<ReplayedTerm> replay;
};

struct PoliticalSystem {
  int actor = 0;
  std::vector<Party> parties;
  std::vector<Office> offices;
};

struct Politics {
  std::vector<StanceDimension> stance_dimensions;
  std::vector<PoliticalSystem> systems;
};

struct Theatre {
  std::string id;
  std::string name;
  TheatreCondition initial = TheatreCondition::calm;
  std::string source;
  // How much of the patron's attention the theatre draws (us_attention) and how much a conflict
  // there risks entangling the allies (cohesion's entrapment fear); both in [0, 1].
  double attention_weight = 1.0;
  double entrapment_weight = 0.0;
  // transitions[from][to]: monthly probability; absent transitions have no value.
  std::array<std::array<std::optional<Quantity>, 3>, 3> transitions;
};

// One regime of a Markov-modulated event process (docs/models/event_processes.md).
struct EventRegime {
  std::string id;
  Quantity rate_per_month;  // mean events a month while in this regime
  // Negative-binomial size of a calendar year's count spent in this regime (over-dispersion);
  // absent = Poisson within the regime.
  std::optional<Quantity> dispersion_per_year;
  Quantity initial_probability;  // P(this regime in the first month); normalised per trial
  std::vector<std::pair<int, Quantity>> switch_per_month;  // (to regime, monthly probability)
};

struct EventProcess {
  std::string id;
  std::string name;
  int actor = 0;
  // Unused (a zero constant) when the process has regimes or is modulated by another's.
  Quantity rate_per_month;
  // Optional hidden regime chain; tension moves the switch probabilities (elasticity below).
  std::vector<EventRegime> regimes;
  std::optional<Quantity> switch_tension_elasticity;
  // Definition-only (no scenario key; the rolling backtest sets it, docs/analysis/backtest.md):
  // in month `regime_reset_month` (months since the start) the regime is redrawn from
  // `regime_reset_probabilities` (indexed like `regimes`) instead of switching, so the chain is
  // conditioned on the record up to the forecast origin. -1 = no reset.
  int regime_reset_month = -1;
  std::vector<double> regime_reset_probabilities;
  // Optional: driven by the regime chain of an earlier process, with a Poisson rate per regime.
  int modulated_by = -1;                  // process index, -1 when absent
  std::vector<Quantity> rate_per_regime;  // indexed like that process's regimes
  // Optional, processes with a plain rate only: the rate is rate_per_month * exp(elasticity *
  // (tension - starting tension)), tension written by the deterrence mechanism.
  std::optional<Quantity> tension_elasticity;
  // Optional: another actor may join each event with this probability (e.g. the DPRK joining a
  // China-Russia naval drill); joining is its own outcome.
  int joined_by = -1;  // actor index, -1 when absent
  std::optional<Quantity> join_probability;
};

// Who holds a stake in a contested issue: a state from `actors` or a domestic actor of one.
enum class StakeholderKind {
  state,
  executive,
  legislature,
  party,
  ministry,
  military,
  business,
  public_opinion
};
inline constexpr std::array<EnumName<StakeholderKind>, 8> kStakeholderKindNames = {{
    {StakeholderKind::state, "state"},
    {StakeholderKind::executive, "executive"},
    {StakeholderKind::legislature, "legislature"},
    {StakeholderKind::party, "party"},
    {StakeholderKind::ministry, "ministry"},
    {StakeholderKind::military, "military"},
    {StakeholderKind::business, "business"},
    {StakeholderKind::public_opinion, "public"},
}};

struct Stakeholder {
  std::string id;
  std::string name;
  StakeholderKind kind = StakeholderKind::state;
  int actor = 0;            // actor index: the state itself, or the state it belongs to
  double capability = 0.0;  // >= 0, relative influence on this issue
  double position = 0.0;    // on the issue's scale
  double salience = 0.0;    // in [0, 1]
  std::string source;
  std::string note;
  SourceLocation location;
};

// A one-dimensional issue the bargaining models can forecast.
struct ContestedIssue {
  std::string id;
  std::string title;
  std::string description;
  double scale_min = 0.0;
  double scale_max = 100.0;
  std::string min_meaning;  // what the ends of the scale mean
  std::string max_meaning;
  std::vector<Stakeholder> stakeholders;
  SourceLocation location;
};

struct MechanismSection {
  std::string name;
  bool enabled = true;
  std::map<std::string, Quantity> parameters;
  SourceLocation location;
};

struct RunSettings {
  std::uint64_t trials = 1000;
  std::uint64_t seed = 1;
  std::uint64_t trace_trials = 0;
};

struct ScenarioDefinition {
  std::string file;
  std::string text;    // the file as read
  std::string sha256;  // of text
  int language_version = 1;
  ScenarioInfo info;
  std::vector<Source> sources;
  std::vector<Actor> actors;
  std::vector<Alliance> alliances;
  std::vector<TradeFlow> trade;
  std::vector<Rivalry> rivalries;
  Politics politics;
  std::vector<Theatre> theatres;
  std::vector<EventProcess> event_processes;
  std::vector<ContestedIssue> contested_issues;
  std::vector<MechanismSection> mechanisms;
  RunSettings run;
};

// Shared, read-only handle to a validated scenario.
class Scenario {
 public:
  explicit Scenario(std::shared_ptr<const ScenarioDefinition> definition)
      : definition_(std::move(definition)) {}
  const ScenarioDefinition& definition() const { return *definition_; }
  const ScenarioInfo& info() const { return definition_->info; }
  const std::vector<Actor>& actors() const { return definition_->actors; }
  const Politics& politics() const { return definition_->politics; }
  const std::vector<Theatre>& theatres() const { return definition_->theatres; }
  const std::vector<EventProcess>& event_processes() const { return definition_->event_processes; }
  const RunSettings& run_settings() const { return definition_->run; }
  const std::vector<ContestedIssue>& contested_issues() const {
    return definition_->contested_issues;
  }
  Month start_month() const { return definition_->info.start.to_month(); }
  int horizon_months() const { return definition_->info.horizon_months; }
  // The section for a mechanism, or nullptr if the scenario does not mention it.
  const MechanismSection* mechanism_section(std::string_view name) const;
  int actor_index(std::string_view id) const;  // -1 when absent

 private:
  std::shared_ptr<const ScenarioDefinition> definition_;
};

}  // namespace linchpin
