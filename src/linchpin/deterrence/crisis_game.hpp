#pragma once
// Crisis adjudication: the International Interaction Game (IIG) of Bueno de Mesquita & Lalman
// (1992, "War and Reason") between a challenger A (e.g. North Korea) and a defender B (the
// alliance), solved as a logit agent quantal-response equilibrium (McKelvey & Palfrey 1998;
// Signorino 1999) by backward induction. Pure functions; the model is described in
// docs/models/crisis_game.md.
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "linchpin/core/enum_names.hpp"
#include "linchpin/core/error.hpp"

namespace linchpin::deterrence {

// ---------------------------------------------------------------------------------------------
// Solver for finite two-player binary game trees (the IIG is one instance).

enum class SolutionConcept {
  qre,              // logit agent QRE: P(first action) = 1 / (1 + exp(-precision * (u1 - u2)))
  subgame_perfect,  // the precision -> infinity limit: best reply at every node, ties split 50/50
};
inline constexpr std::array<EnumName<SolutionConcept>, 2> kSolutionConceptNames = {{
    {SolutionConcept::qre, "qre"},
    {SolutionConcept::subgame_perfect, "subgame_perfect"},
}};

struct SolverOptions {
  SolutionConcept solution_concept = SolutionConcept::qre;
  double precision = 4.0;  // lambda >= 0 and finite; used by qre only (0 = uniform choices)
};

// Where a branch leads: another decision node (an index into the node list, greater than the
// current node's) or a terminal outcome (an index into the terminal utilities).
struct Branch {
  bool terminal = false;
  std::size_t index = 0;
};

struct DecisionNode {
  int mover = 0;  // 0 = first player (the challenger), 1 = second player (the defender)
  Branch first;   // the action whose probability is reported
  Branch second;
};

// Utilities of one terminal outcome for the two players.
using PayoffPair = std::array<double, 2>;

struct TreeSolution {
  std::vector<double> first_action_probability;  // per node: P(first action | node reached)
  std::vector<PayoffPair> node_value;            // per node: each player's expected utility
  std::vector<double> reach_probability;         // per node: P(node reached from the root)
  std::vector<double> terminal_probability;      // per terminal outcome
};

// Agent QRE (or subgame-perfect equilibrium) of a perfect-information binary tree. Nodes must
// be listed so that every child node has a larger index than its parent; `root` is the node
// where play starts. Throws InputError on a malformed tree, non-finite utilities or a bad
// precision.
TreeSolution solve_game_tree(std::span<const DecisionNode> nodes,
                             std::span<const PayoffPair> terminal_utilities,
                             const SolverOptions& options, std::size_t root = 0);

// Logit choice probability of the first of two actions: 1 / (1 + exp(-precision * (u1 - u2))).
double logit_choice(double first_utility, double second_utility, double precision);

// ---------------------------------------------------------------------------------------------
// The International Interaction Game.

// Terminal outcomes. The IIG's eight outcomes, with each war (mutual use of force) split by a
// chance move into a contained limited clash or an escalation to war.
enum class CrisisOutcome {
  status_quo,
  negotiation,
  acquiescence_by_challenger,  // A concedes B's demand without force being used
  acquiescence_by_defender,    // B concedes A's demand without force being used
  capitulation_by_challenger,  // B used force, A did not fight back and conceded
  capitulation_by_defender,    // A used force, B did not fight back and conceded
  limited_clash_started_by_challenger,
  limited_clash_started_by_defender,
  war_started_by_challenger,
  war_started_by_defender,
};
inline constexpr std::size_t kCrisisOutcomeCount = 10;
inline constexpr std::array<EnumName<CrisisOutcome>, kCrisisOutcomeCount> kCrisisOutcomeNames = {{
    {CrisisOutcome::status_quo, "status_quo"},
    {CrisisOutcome::negotiation, "negotiation"},
    {CrisisOutcome::acquiescence_by_challenger, "acquiescence_by_challenger"},
    {CrisisOutcome::acquiescence_by_defender, "acquiescence_by_defender"},
    {CrisisOutcome::capitulation_by_challenger, "capitulation_by_challenger"},
    {CrisisOutcome::capitulation_by_defender, "capitulation_by_defender"},
    {CrisisOutcome::limited_clash_started_by_challenger, "limited_clash_started_by_challenger"},
    {CrisisOutcome::limited_clash_started_by_defender, "limited_clash_started_by_defender"},
    {CrisisOutcome::war_started_by_challenger, "war_started_by_challenger"},
    {CrisisOutcome::war_started_by_defender, "war_started_by_defender"},
}};

// The outcome classes the simulation records.
enum class CrisisOutcomeClass {
  status_quo,             // nobody made a demand: no crisis
  challenger_backs_down,  // acquiescence or capitulation by A
  defender_backs_down,    // acquiescence or capitulation by B: A's demand succeeds
  negotiated_settlement,  // negotiation
  limited_clash,          // mutual use of force, contained
  war,                    // mutual use of force, escalated
};
inline constexpr std::size_t kCrisisOutcomeClassCount = 6;
inline constexpr std::array<EnumName<CrisisOutcomeClass>, kCrisisOutcomeClassCount>
    kCrisisOutcomeClassNames = {{
        {CrisisOutcomeClass::status_quo, "status_quo"},
        {CrisisOutcomeClass::challenger_backs_down, "challenger_backs_down"},
        {CrisisOutcomeClass::defender_backs_down, "defender_backs_down"},
        {CrisisOutcomeClass::negotiated_settlement, "negotiated_settlement"},
        {CrisisOutcomeClass::limited_clash, "limited_clash"},
        {CrisisOutcomeClass::war, "war"},
    }};

CrisisOutcomeClass crisis_outcome_class(CrisisOutcome outcome);

// Where play starts: the full IIG (A decides whether to demand) or a crisis already under way
// (A has made its demand, e.g. through a provocation; play starts at B's reply, node 3).
enum class CrisisStart { challenger_decides, challenger_has_demanded };
inline constexpr std::array<EnumName<CrisisStart>, 2> kCrisisStartNames = {{
    {CrisisStart::challenger_decides, "challenger_decides"},
    {CrisisStart::challenger_has_demanded, "challenger_has_demanded"},
}};

// The IIG's twelve decision nodes, numbered as in Bueno de Mesquita & Lalman (node k is index
// k - 1). The first action at each node: 1 A demands; 2 B demands; 3 B counter-demands (rather
// than acquiesce); 4 A counter-demands (rather than acquiesce); 5, 6, 7, 9 the mover uses force
// (rather than not); 8, 10, 11, 12 the attacked side retaliates (rather than capitulate).
inline constexpr std::size_t kIigNodeCount = 12;
std::span<const DecisionNode> iig_nodes();

// Utilities of every terminal outcome for A and B, and the chance that a mutual use of force
// escalates to war. Any numbers may be given here; build_crisis_payoffs makes them from inputs.
struct CrisisPayoffs {
  std::array<double, kCrisisOutcomeCount> challenger{};  // indexed by CrisisOutcome
  std::array<double, kCrisisOutcomeCount> defender{};
  double escalation_probability = 1.0;  // 1 = the pure IIG (every war is a war)
};

// Substantive inputs (defaults and their sources: docs/models/crisis_game.md). Stakes and costs
// are on one utility scale with the status quo at 0 for both players.
struct CrisisInputs {
  // Capabilities (e.g. CINC) and the credibility of the ally's commitment.
  double challenger_capability = 0.0141;  // DPRK, NMC v7 2022
  double defender_capability = 0.0200;    // ROK, NMC v7 2022
  double ally_capability = 0.0309;        // 0.25 x US CINC 2022: the share brought to bear
  double credibility = 0.8;               // in [0, 1]: how far the ally's commitment counts
  // Resolve: what each side gains if its own demand is met and loses if the other's is.
  double challenger_gain = 1.0;
  double challenger_loss = 1.0;
  double defender_gain = 0.5;
  double defender_loss = 1.0;
  // Resolve added by the ally: the defender's stakes (gain and loss) are multiplied by
  // 1 + credibility * ally_resolve, i.e. weighed more heavily against its costs.
  double ally_resolve = 0.5;
  // Costs.
  double challenger_war_cost = 2.0;
  double defender_war_cost = 1.5;
  double challenger_capitulation_cost = 0.25;  // beyond conceding: the strike absorbed, face
  double defender_capitulation_cost = 0.25;
  double challenger_clash_cost = 0.1;  // a contained exchange of fire
  double defender_clash_cost = 0.1;
  double first_strike_advantage = 0.1;   // in [0, 1]
  double escalation_probability = 0.05;  // in [0, 1]: mutual force -> war
  // The Armistice / UN Command channel.
  double armistice_channel = 1.0;          // in [0, 1]: 1 = functioning, 0 = absent
  double channel_negotiation_bonus = 0.1;  // utility added to negotiation for both sides
  double channel_containment = 0.5;        // in [0, 1]: share of escalation risk it removes
  SourceLocation location;                 // where the inputs came from, for error messages
};

// A's probability of winning a war with no first-strike advantage:
// cA / (cA + cB + credibility * cAlly).
double challenger_win_probability(const CrisisInputs& inputs);

// Builds the payoffs from the inputs (equations in docs/models/crisis_game.md). Throws
// InputError listing every invalid input (non-finite, negative, or outside [0, 1]).
CrisisPayoffs build_crisis_payoffs(const CrisisInputs& inputs);

struct CrisisSolution {
  std::array<double, kCrisisOutcomeCount> outcome_probability{};  // indexed by CrisisOutcome
  std::array<double, kIigNodeCount> first_action_probability{};   // per IIG node (see above)
  std::array<double, kIigNodeCount> reach_probability{};
  std::array<PayoffPair, kIigNodeCount> node_value{};  // expected utilities (A, B) at each node

  double probability(CrisisOutcome outcome) const {
    return outcome_probability[static_cast<std::size_t>(outcome)];
  }
  double probability(CrisisOutcomeClass outcome_class) const;
  // Outcomes where force was used by one side only (capitulations), a subset of backing down.
  double one_sided_force() const;
  // Deterrence failed: limited clash or war.
  double deterrence_failure() const;
};

struct CrisisSolverOptions {
  SolverOptions solver;
  CrisisStart start = CrisisStart::challenger_decides;
};

// Solves the IIG with the given payoffs. Throws InputError on non-finite payoffs, an escalation
// probability outside [0, 1] or a bad precision.
CrisisSolution solve_crisis_game(const CrisisPayoffs& payoffs, const CrisisSolverOptions& options);

// build_crisis_payoffs then solve_crisis_game.
CrisisSolution adjudicate_crisis(const CrisisInputs& inputs, const CrisisSolverOptions& options);

}  // namespace linchpin::deterrence
