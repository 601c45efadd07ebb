#include "linchpin/deterrence/crisis_game.hpp"

#include <fmt/format.h>

#include <cmath>
#include <string>

namespace linchpin::deterrence {

namespace {

void check_precision(const SolverOptions& options, const SourceLocation& location) {
  if (options.solution_concept != SolutionConcept::qre) return;
  if (!std::isfinite(options.precision) || options.precision < 0)
    throw_input_error(location, "precision",
                      fmt::format("expected a finite number >= 0 (the logit precision lambda; use "
                                  "subgame_perfect for the infinite limit), got {}",
                                  options.precision));
}

double choice_probability(double first_utility, double second_utility,
                          const SolverOptions& options) {
  if (options.solution_concept == SolutionConcept::subgame_perfect) {
    if (first_utility > second_utility) return 1.0;
    if (first_utility < second_utility) return 0.0;
    return 0.5;  // an exact tie: the limit of the logit choice
  }
  return logit_choice(first_utility, second_utility, options.precision);
}

// Backward induction (values and choice probabilities, from the last node to the first), then
// a forward pass from the root for reach and terminal probabilities. Outputs are sized by the
// caller: one entry per node, one per terminal.
void solve_into(std::span<const DecisionNode> nodes, std::span<const PayoffPair> terminals,
                const SolverOptions& options, std::size_t root, std::span<double> first_probability,
                std::span<PayoffPair> value, std::span<double> reach,
                std::span<double> terminal_probability) {
  const auto branch_value = [&](const Branch& branch) -> const PayoffPair& {
    return branch.terminal ? terminals[branch.index] : value[branch.index];
  };
  for (std::size_t k = nodes.size(); k-- > 0;) {
    const DecisionNode& node = nodes[k];
    const PayoffPair& first = branch_value(node.first);
    const PayoffPair& second = branch_value(node.second);
    const double p = choice_probability(first[node.mover], second[node.mover], options);
    first_probability[k] = p;
    value[k] = {p * first[0] + (1 - p) * second[0], p * first[1] + (1 - p) * second[1]};
  }
  for (double& r : reach) r = 0;
  for (double& t : terminal_probability) t = 0;
  reach[root] = 1;
  for (std::size_t k = root; k < nodes.size(); ++k) {
    if (reach[k] == 0) continue;
    const auto pass = [&](const Branch& branch, double probability) {
      (branch.terminal ? terminal_probability[branch.index] : reach[branch.index]) +=
          reach[k] * probability;
    };
    pass(nodes[k].first, first_probability[k]);
    pass(nodes[k].second, 1 - first_probability[k]);
  }
}

// The IIG's terminals as the tree sees them: the six outcomes without mutual force keep their
// CrisisOutcome index; mutual force started by A or by B are the chance moves split later.
constexpr std::size_t kForceByChallenger = 6;
constexpr std::size_t kForceByDefender = 7;
constexpr std::size_t kIigTerminalCount = 8;

constexpr Branch node_branch(std::size_t iig_node_number) {
  return {false, iig_node_number - 1};
}
constexpr Branch outcome_branch(CrisisOutcome outcome) {
  return {true, static_cast<std::size_t>(outcome)};
}
constexpr Branch force_branch(std::size_t terminal) {
  return {true, terminal};
}

constexpr int kA = 0;
constexpr int kB = 1;

// Bueno de Mesquita & Lalman (1992), figure 2.2; node k at index k - 1.
constexpr std::array<DecisionNode, kIigNodeCount> kIigNodes = {{
    // 1: A demands, or not.
    {kA, node_branch(3), node_branch(2)},
    // 2: B demands, or not (status quo).
    {kB, node_branch(4), outcome_branch(CrisisOutcome::status_quo)},
    // 3: B answers A's demand with a counter-demand, or acquiesces.
    {kB, node_branch(5), outcome_branch(CrisisOutcome::acquiescence_by_defender)},
    // 4: A answers B's demand with a counter-demand, or acquiesces.
    {kA, node_branch(6), outcome_branch(CrisisOutcome::acquiescence_by_challenger)},
    // 5: A uses force, or not.
    {kA, node_branch(10), node_branch(9)},
    // 6: B uses force, or not.
    {kB, node_branch(8), node_branch(7)},
    // 7: A uses force, or negotiates.
    {kA, node_branch(11), outcome_branch(CrisisOutcome::negotiation)},
    // 8: A, attacked, retaliates (war started by B) or capitulates.
    {kA, force_branch(kForceByDefender), outcome_branch(CrisisOutcome::capitulation_by_challenger)},
    // 9: B uses force, or negotiates.
    {kB, node_branch(12), outcome_branch(CrisisOutcome::negotiation)},
    // 10: B, attacked, retaliates (war started by A) or capitulates.
    {kB, force_branch(kForceByChallenger), outcome_branch(CrisisOutcome::capitulation_by_defender)},
    // 11: as 10.
    {kB, force_branch(kForceByChallenger), outcome_branch(CrisisOutcome::capitulation_by_defender)},
    // 12: as 8.
    {kA, force_branch(kForceByDefender), outcome_branch(CrisisOutcome::capitulation_by_challenger)},
}};

std::size_t at(CrisisOutcome outcome) {
  return static_cast<std::size_t>(outcome);
}

}  // namespace

double logit_choice(double first_utility, double second_utility, double precision) {
  // 1 / (1 + exp(-x)) saturates cleanly to 0 or 1 for large |x| (exp overflows to inf).
  return 1.0 / (1.0 + std::exp(-precision * (first_utility - second_utility)));
}

TreeSolution solve_game_tree(std::span<const DecisionNode> nodes,
                             std::span<const PayoffPair> terminal_utilities,
                             const SolverOptions& options, std::size_t root) {
  const SourceLocation here{};
  check_precision(options, here);
  if (nodes.empty()) throw_input_error(here, "game_tree", "expected at least one decision node");
  if (root >= nodes.size())
    throw_input_error(here, "game_tree.root",
                      fmt::format("root {} is not one of the {} nodes", root, nodes.size()));
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    const DecisionNode& node = nodes[k];
    const std::string key = fmt::format("game_tree.nodes[{}]", k);
    if (node.mover != 0 && node.mover != 1)
      throw_input_error(here, key + ".mover",
                        fmt::format("expected player 0 or 1, got {}", node.mover));
    for (const Branch* branch : {&node.first, &node.second}) {
      if (branch->terminal && branch->index >= terminal_utilities.size())
        throw_input_error(here, key,
                          fmt::format("terminal {} does not exist ({} terminals)", branch->index,
                                      terminal_utilities.size()));
      if (!branch->terminal && (branch->index <= k || branch->index >= nodes.size()))
        throw_input_error(here, key,
                          fmt::format("child node {} must come after node {} and exist ({} nodes)",
                                      branch->index, k, nodes.size()));
    }
  }
  for (std::size_t t = 0; t < terminal_utilities.size(); ++t)
    for (int player = 0; player < 2; ++player)
      if (!std::isfinite(terminal_utilities[t][player]))
        throw_input_error(
            here, fmt::format("game_tree.terminals[{}][{}]", t, player),
            fmt::format("expected a finite utility, got {}", terminal_utilities[t][player]));

  TreeSolution solution;
  solution.first_action_probability.resize(nodes.size());
  solution.node_value.resize(nodes.size());
  solution.reach_probability.resize(nodes.size());
  solution.terminal_probability.resize(terminal_utilities.size());
  solve_into(nodes, terminal_utilities, options, root, solution.first_action_probability,
             solution.node_value, solution.reach_probability, solution.terminal_probability);
  return solution;
}

CrisisOutcomeClass crisis_outcome_class(CrisisOutcome outcome) {
  switch (outcome) {
    case CrisisOutcome::status_quo:
      return CrisisOutcomeClass::status_quo;
    case CrisisOutcome::negotiation:
      return CrisisOutcomeClass::negotiated_settlement;
    case CrisisOutcome::acquiescence_by_challenger:
    case CrisisOutcome::capitulation_by_challenger:
      return CrisisOutcomeClass::challenger_backs_down;
    case CrisisOutcome::acquiescence_by_defender:
    case CrisisOutcome::capitulation_by_defender:
      return CrisisOutcomeClass::defender_backs_down;
    case CrisisOutcome::limited_clash_started_by_challenger:
    case CrisisOutcome::limited_clash_started_by_defender:
      return CrisisOutcomeClass::limited_clash;
    case CrisisOutcome::war_started_by_challenger:
    case CrisisOutcome::war_started_by_defender:
      return CrisisOutcomeClass::war;
  }
  return CrisisOutcomeClass::war;  // unreachable: every enumerator is handled above
}

std::span<const DecisionNode> iig_nodes() {
  return kIigNodes;
}

double challenger_win_probability(const CrisisInputs& inputs) {
  const double defender = inputs.defender_capability + inputs.credibility * inputs.ally_capability;
  return inputs.challenger_capability / (inputs.challenger_capability + defender);
}

CrisisPayoffs build_crisis_payoffs(const CrisisInputs& in) {
  DiagnosticList problems;
  const auto check = [&](double value, const char* key, bool unit_interval) {
    const bool finite = std::isfinite(value);
    if (finite && value >= 0 && (!unit_interval || value <= 1)) return;  // the common case
    const char* expected = !finite         ? "a finite number"
                           : unit_interval ? "a number in [0, 1]"
                                           : "a number >= 0";
    problems.add(in.location, fmt::format("crisis_game.{}", key),
                 fmt::format("expected {}, got {}", expected, value));
  };
  check(in.challenger_capability, "challenger_capability", false);
  check(in.defender_capability, "defender_capability", false);
  check(in.ally_capability, "ally_capability", false);
  check(in.credibility, "credibility", true);
  check(in.challenger_gain, "challenger_gain", false);
  check(in.challenger_loss, "challenger_loss", false);
  check(in.defender_gain, "defender_gain", false);
  check(in.defender_loss, "defender_loss", false);
  check(in.ally_resolve, "ally_resolve", false);
  check(in.challenger_war_cost, "challenger_war_cost", false);
  check(in.defender_war_cost, "defender_war_cost", false);
  check(in.challenger_capitulation_cost, "challenger_capitulation_cost", false);
  check(in.defender_capitulation_cost, "defender_capitulation_cost", false);
  check(in.challenger_clash_cost, "challenger_clash_cost", false);
  check(in.defender_clash_cost, "defender_clash_cost", false);
  check(in.first_strike_advantage, "first_strike_advantage", true);
  check(in.escalation_probability, "escalation_probability", true);
  check(in.armistice_channel, "armistice_channel", true);
  check(in.channel_negotiation_bonus, "channel_negotiation_bonus", false);
  check(in.channel_containment, "channel_containment", true);
  if (problems.empty() && in.challenger_capability <= 0)
    problems.add(in.location, "crisis_game.challenger_capability",
                 "expected a capability > 0 (the war lottery needs a challenger that can fight)");
  problems.throw_if_any();

  const double p = challenger_win_probability(in);
  const double f = in.first_strike_advantage;
  const double p_first_a = p + f * (1 - p);  // A wins a war A started
  const double p_first_b = p * (1 - f);      // A wins a war B started
  const double resolve = 1 + in.credibility * in.ally_resolve;
  const double defender_gain = resolve * in.defender_gain;
  const double defender_loss = resolve * in.defender_loss;
  const double bonus = in.armistice_channel * in.channel_negotiation_bonus;

  // Each outcome is a lottery over "A's demand met" (A: +gain, B: -loss) and "B's demand met"
  // (A: -loss, B: +gain), minus the costs it carries.
  const auto lottery = [&](double p_a) {
    return PayoffPair{p_a * in.challenger_gain - (1 - p_a) * in.challenger_loss,
                      (1 - p_a) * defender_gain - p_a * defender_loss};
  };
  CrisisPayoffs payoffs;
  const auto set = [&](CrisisOutcome outcome, PayoffPair value) {
    payoffs.challenger[at(outcome)] = value[0];
    payoffs.defender[at(outcome)] = value[1];
  };
  const PayoffPair a_wins = lottery(1), b_wins = lottery(0), settlement = lottery(p);
  set(CrisisOutcome::status_quo, {0, 0});
  set(CrisisOutcome::negotiation, {settlement[0] + bonus, settlement[1] + bonus});
  set(CrisisOutcome::acquiescence_by_challenger, b_wins);
  set(CrisisOutcome::acquiescence_by_defender, a_wins);
  set(CrisisOutcome::capitulation_by_challenger,
      {b_wins[0] - in.challenger_capitulation_cost, b_wins[1]});
  set(CrisisOutcome::capitulation_by_defender,
      {a_wins[0], a_wins[1] - in.defender_capitulation_cost});
  // A contained clash ends, like a negotiation, in a settlement that reflects the balance of
  // forces, with the clash's costs on top and without the channel's help.
  set(CrisisOutcome::limited_clash_started_by_challenger,
      {settlement[0] - in.challenger_clash_cost, settlement[1] - in.defender_clash_cost});
  set(CrisisOutcome::limited_clash_started_by_defender,
      {settlement[0] - in.challenger_clash_cost, settlement[1] - in.defender_clash_cost});
  const PayoffPair war_a = lottery(p_first_a), war_b = lottery(p_first_b);
  set(CrisisOutcome::war_started_by_challenger,
      {war_a[0] - in.challenger_war_cost, war_a[1] - in.defender_war_cost});
  set(CrisisOutcome::war_started_by_defender,
      {war_b[0] - in.challenger_war_cost, war_b[1] - in.defender_war_cost});
  payoffs.escalation_probability =
      in.escalation_probability * (1 - in.armistice_channel * in.channel_containment);
  return payoffs;
}

double CrisisSolution::probability(CrisisOutcomeClass outcome_class) const {
  double total = 0;
  for (const auto& entry : kCrisisOutcomeNames)
    if (crisis_outcome_class(entry.value) == outcome_class) total += probability(entry.value);
  return total;
}

double CrisisSolution::one_sided_force() const {
  return probability(CrisisOutcome::capitulation_by_challenger) +
         probability(CrisisOutcome::capitulation_by_defender);
}

double CrisisSolution::deterrence_failure() const {
  return probability(CrisisOutcomeClass::limited_clash) + probability(CrisisOutcomeClass::war);
}

CrisisSolution solve_crisis_game(const CrisisPayoffs& payoffs, const CrisisSolverOptions& options) {
  const SourceLocation here{};
  check_precision(options.solver, here);
  const double e = payoffs.escalation_probability;
  if (!std::isfinite(e) || e < 0 || e > 1)
    throw_input_error(here, "crisis_game.escalation_probability",
                      fmt::format("expected a number in [0, 1], got {}", e));
  for (const auto& entry : kCrisisOutcomeNames) {
    const std::size_t k = at(entry.value);
    if (!std::isfinite(payoffs.challenger[k]) || !std::isfinite(payoffs.defender[k]))
      throw_input_error(here, fmt::format("crisis_game.payoffs.{}", entry.name),
                        fmt::format("expected finite utilities, got ({}, {})",
                                    payoffs.challenger[k], payoffs.defender[k]));
  }

  std::array<PayoffPair, kIigTerminalCount> terminals{};
  for (std::size_t k = 0; k < kForceByChallenger; ++k)
    terminals[k] = {payoffs.challenger[k], payoffs.defender[k]};
  // A mutual use of force is worth its expected value over the chance move to war.
  const auto force = [&](CrisisOutcome clash, CrisisOutcome war) {
    return PayoffPair{(1 - e) * payoffs.challenger[at(clash)] + e * payoffs.challenger[at(war)],
                      (1 - e) * payoffs.defender[at(clash)] + e * payoffs.defender[at(war)]};
  };
  terminals[kForceByChallenger] = force(CrisisOutcome::limited_clash_started_by_challenger,
                                        CrisisOutcome::war_started_by_challenger);
  terminals[kForceByDefender] = force(CrisisOutcome::limited_clash_started_by_defender,
                                      CrisisOutcome::war_started_by_defender);

  CrisisSolution solution;
  std::array<double, kIigTerminalCount> terminal_probability{};
  const std::size_t root = options.start == CrisisStart::challenger_decides ? 0 : 2;  // node 1 | 3
  solve_into(kIigNodes, terminals, options.solver, root, solution.first_action_probability,
             solution.node_value, solution.reach_probability, terminal_probability);
  for (std::size_t k = 0; k < kForceByChallenger; ++k)
    solution.outcome_probability[k] = terminal_probability[k];
  const auto split = [&](std::size_t terminal, CrisisOutcome clash, CrisisOutcome war) {
    solution.outcome_probability[at(clash)] = (1 - e) * terminal_probability[terminal];
    solution.outcome_probability[at(war)] = e * terminal_probability[terminal];
  };
  split(kForceByChallenger, CrisisOutcome::limited_clash_started_by_challenger,
        CrisisOutcome::war_started_by_challenger);
  split(kForceByDefender, CrisisOutcome::limited_clash_started_by_defender,
        CrisisOutcome::war_started_by_defender);
  return solution;
}

CrisisSolution adjudicate_crisis(const CrisisInputs& inputs, const CrisisSolverOptions& options) {
  return solve_crisis_game(build_crisis_payoffs(inputs), options);
}

}  // namespace linchpin::deterrence
