#include "linchpin/deterrence/crisis_game.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace linchpin::deterrence {
namespace {

using O = CrisisOutcome;

std::size_t at(CrisisOutcome outcome) {
  return static_cast<std::size_t>(outcome);
}

// Payoffs given outcome by outcome as (A, B); limited clashes cost nothing and escalation is
// certain unless set, so the game is the pure eight-outcome IIG.
struct IigTable {
  PayoffPair status_quo, negotiation, acquiescence_a, acquiescence_b, capitulation_a,
      capitulation_b, war_a, war_b;
};

CrisisPayoffs payoffs_from(const IigTable& t) {
  CrisisPayoffs payoffs;
  const auto set = [&](CrisisOutcome outcome, PayoffPair value) {
    payoffs.challenger[at(outcome)] = value[0];
    payoffs.defender[at(outcome)] = value[1];
  };
  set(O::status_quo, t.status_quo);
  set(O::negotiation, t.negotiation);
  set(O::acquiescence_by_challenger, t.acquiescence_a);
  set(O::acquiescence_by_defender, t.acquiescence_b);
  set(O::capitulation_by_challenger, t.capitulation_a);
  set(O::capitulation_by_defender, t.capitulation_b);
  set(O::war_started_by_challenger, t.war_a);
  set(O::war_started_by_defender, t.war_b);
  payoffs.escalation_probability = 1.0;
  return payoffs;
}

CrisisSolverOptions qre(double precision, CrisisStart start = CrisisStart::challenger_decides) {
  CrisisSolverOptions options;
  options.solver = {SolutionConcept::qre, precision};
  options.start = start;
  return options;
}

double total(const CrisisSolution& solution) {
  double sum = 0;
  for (double p : solution.outcome_probability) sum += p;
  return sum;
}

// (a) lambda = 0: every choice is a coin flip, whatever the payoffs.
TEST(CrisisGame, ZeroPrecisionGivesUniformChoicesFullGame) {
  IigTable table{{0, 0}, {1, 2}, {3, -4}, {5, 6}, {-7, 8}, {9, -1}, {-2, -3}, {4, 7}};
  const auto solution = solve_crisis_game(payoffs_from(table), qre(0.0));
  for (double p : solution.first_action_probability) EXPECT_DOUBLE_EQ(p, 0.5);
  // Paths from node 1, each step a factor 1/2 (in 64ths):
  // SQ: 1-2 = 16; Acq_A: 1-2-4 = 8; Acq_B: 1-3 = 16;
  // Nego: 1-3-5-9 (4) + 1-2-4-6-7 (2) = 6;
  // War_A: 1-3-5-10 (4) + 1-2-4-6-7-11 (1) = 5; Cap_B: the same = 5;
  // War_B: 1-3-5-9-12 (2) + 1-2-4-6-8 (2) = 4; Cap_A: the same = 4. Total 64.
  EXPECT_DOUBLE_EQ(solution.probability(O::status_quo), 16.0 / 64);
  EXPECT_DOUBLE_EQ(solution.probability(O::acquiescence_by_challenger), 8.0 / 64);
  EXPECT_DOUBLE_EQ(solution.probability(O::acquiescence_by_defender), 16.0 / 64);
  EXPECT_DOUBLE_EQ(solution.probability(O::negotiation), 6.0 / 64);
  EXPECT_DOUBLE_EQ(solution.probability(O::war_started_by_challenger), 5.0 / 64);
  EXPECT_DOUBLE_EQ(solution.probability(O::capitulation_by_defender), 5.0 / 64);
  EXPECT_DOUBLE_EQ(solution.probability(O::war_started_by_defender), 4.0 / 64);
  EXPECT_DOUBLE_EQ(solution.probability(O::capitulation_by_challenger), 4.0 / 64);
  EXPECT_DOUBLE_EQ(solution.probability(O::limited_clash_started_by_challenger), 0.0);
  EXPECT_DOUBLE_EQ(total(solution), 1.0);
  // Node values are plain averages: node 12 = ((4 + -7) / 2, (7 + 8) / 2) = (-1.5, 7.5).
  EXPECT_DOUBLE_EQ(solution.node_value[11][0], -1.5);
  EXPECT_DOUBLE_EQ(solution.node_value[11][1], 7.5);
  EXPECT_DOUBLE_EQ(solution.reach_probability[10], 1.0 / 32);  // node 11: 1-2-4-6-7-11
}

TEST(CrisisGame, ZeroPrecisionCrisisUnderWayWithEscalationSplit) {
  IigTable table{{0, 0}, {1, 2}, {3, -4}, {5, 6}, {-7, 8}, {9, -1}, {-2, -3}, {4, 7}};
  auto payoffs = payoffs_from(table);
  payoffs.escalation_probability = 0.25;
  const auto solution = solve_crisis_game(payoffs, qre(0.0, CrisisStart::challenger_has_demanded));
  // From node 3: Acq_B 1/2; 3-5-10: force by A 1/8 (clash 3/4 of it, war 1/4), Cap_B 1/8;
  // 3-5-9: Nego 1/8; 3-5-9-12: force by B 1/16, Cap_A 1/16. No status quo, nothing from node 2.
  EXPECT_DOUBLE_EQ(solution.probability(O::status_quo), 0.0);
  EXPECT_DOUBLE_EQ(solution.probability(O::acquiescence_by_challenger), 0.0);
  EXPECT_DOUBLE_EQ(solution.probability(O::acquiescence_by_defender), 0.5);
  EXPECT_DOUBLE_EQ(solution.probability(O::capitulation_by_defender), 0.125);
  EXPECT_DOUBLE_EQ(solution.probability(O::limited_clash_started_by_challenger), 0.75 / 8);
  EXPECT_DOUBLE_EQ(solution.probability(O::war_started_by_challenger), 0.25 / 8);
  EXPECT_DOUBLE_EQ(solution.probability(O::negotiation), 0.125);
  EXPECT_DOUBLE_EQ(solution.probability(O::limited_clash_started_by_defender), 0.75 / 16);
  EXPECT_DOUBLE_EQ(solution.probability(O::war_started_by_defender), 0.25 / 16);
  EXPECT_DOUBLE_EQ(solution.probability(O::capitulation_by_challenger), 1.0 / 16);
  // Classes: defender backs down 1/2 + 1/8; challenger 1/16; clash 3/32 + 3/64; war 1/32 + 1/64.
  EXPECT_DOUBLE_EQ(solution.probability(CrisisOutcomeClass::defender_backs_down), 0.625);
  EXPECT_DOUBLE_EQ(solution.probability(CrisisOutcomeClass::challenger_backs_down), 0.0625);
  EXPECT_DOUBLE_EQ(solution.probability(CrisisOutcomeClass::negotiated_settlement), 0.125);
  EXPECT_DOUBLE_EQ(solution.probability(CrisisOutcomeClass::limited_clash), 9.0 / 64);
  EXPECT_DOUBLE_EQ(solution.probability(CrisisOutcomeClass::war), 3.0 / 64);
  EXPECT_DOUBLE_EQ(solution.deterrence_failure(), 12.0 / 64);
  EXPECT_DOUBLE_EQ(solution.one_sided_force(), 0.1875);
  // The force terminal's value mixes clash (0 here) and war: node 10 = average of
  // (0.25 * War_A, Cap_B) = ((-0.5 + 9) / 2, (-0.75 + -1) / 2).
  EXPECT_DOUBLE_EQ(solution.node_value[9][0], 4.25);
  EXPECT_DOUBLE_EQ(solution.node_value[9][1], -0.875);
}

// (b) closed forms.
TEST(CrisisGame, OneNodeLogitClosedForm) {
  // p = 1 / (1 + exp(-2 * (1 - 0.5))) = 1 / (1 + e^-1) = 0.7310585786300049.
  EXPECT_NEAR(logit_choice(1.0, 0.5, 2.0), 0.7310585786300049, 1e-15);
  const std::array<DecisionNode, 1> nodes = {{{0, {true, 0}, {true, 1}}}};
  const std::array<PayoffPair, 2> terminals = {{{1.0, 0.0}, {0.5, 0.0}}};
  const auto solution = solve_game_tree(nodes, terminals, {SolutionConcept::qre, 2.0});
  EXPECT_NEAR(solution.terminal_probability[0], 0.7310585786300049, 1e-15);
  EXPECT_NEAR(solution.terminal_probability[1], 1 - 0.7310585786300049, 1e-15);
  EXPECT_NEAR(solution.node_value[0][0], 0.5 + 0.5 * 0.7310585786300049, 1e-15);
}

TEST(CrisisGame, TwoNodeLogitClosedForm) {
  // Signorino's three-outcome game: player 1 stops (terminal 0, utilities (0, 0)) or moves on;
  // player 2 then fights (terminal 1: (-1, 0.5)) or yields (terminal 2: (1, 0)). lambda = 1:
  // q = 1 / (1 + e^-0.5) = 0.6224593312018546;
  // EU1(move on) = -q + (1 - q) = 1 - 2q = -0.2449186624037092;
  // p = 1 / (1 + e^0.2449186624037092) = 0.43907458205751787.
  const std::array<DecisionNode, 2> nodes = {
      {{0, {false, 1}, {true, 0}}, {1, {true, 1}, {true, 2}}}};
  const std::array<PayoffPair, 3> terminals = {{{0, 0}, {-1, 0.5}, {1, 0}}};
  const auto solution = solve_game_tree(nodes, terminals, {SolutionConcept::qre, 1.0});
  const double q = 1 / (1 + std::exp(-0.5));
  const double p = 1 / (1 + std::exp(-(1 - 2 * q)));
  EXPECT_NEAR(q, 0.6224593312018546, 1e-15);
  EXPECT_NEAR(p, 0.43907458205751787, 1e-15);
  EXPECT_NEAR(solution.first_action_probability[1], q, 1e-15);
  EXPECT_NEAR(solution.first_action_probability[0], p, 1e-15);
  EXPECT_NEAR(solution.terminal_probability[0], 1 - p, 1e-15);
  EXPECT_NEAR(solution.terminal_probability[1], p * q, 1e-15);
  EXPECT_NEAR(solution.terminal_probability[2], p * (1 - q), 1e-15);
}

TEST(CrisisGame, IigLastNodesMatchTheirClosedForms) {
  IigTable table{{0, 0},    {0.2, 0.1}, {-1, 1},      {1, -1},
                 {-1.5, 1}, {1, -1.5},  {-0.6, -0.8}, {-0.9, -0.5}};
  const double lambda = 1.5;
  const auto solution = solve_crisis_game(payoffs_from(table), qre(lambda));
  // Node 12 (A): retaliate (War_B, -0.9) vs capitulate (Cap_A, -1.5).
  const double p12 = 1 / (1 + std::exp(-lambda * (-0.9 - -1.5)));
  EXPECT_NEAR(solution.first_action_probability[11], p12, 1e-15);
  // Node 9 (B): force, worth p12 * -0.5 + (1 - p12) * 1 to B, vs negotiation (0.1).
  const double u9 = p12 * -0.5 + (1 - p12) * 1.0;
  EXPECT_NEAR(solution.first_action_probability[8], 1 / (1 + std::exp(-lambda * (u9 - 0.1))),
              1e-15);
}

// (c) large lambda reproduces the subgame-perfect equilibrium of hand-solved games.
// Common payoffs (A, B): Acq_A (-1, 1), Acq_B (1, -1), Cap_A (-1.5, 1), Cap_B (1, -1.5),
// War_B (-0.9, -0.5), Nego (0.2, 0.1).
IigTable negotiation_game() {
  // Backward induction: 12, 8 (A): War_B -0.9 > Cap_A -1.5, retaliate -> (-0.9, -0.5).
  // 10, 11 (B): War_A -0.8 > Cap_B -1.5, retaliate -> (-0.6, -0.8).
  // 9 (B): force -0.5 < Nego 0.1 -> Nego. 7 (A): force -0.6 < Nego 0.2 -> Nego.
  // 6 (B): force -0.5 < node 7's 0.1 -> no force. 5 (A): force -0.6 < node 9's 0.2 -> no force.
  // 4 (A): counter-demand 0.2 > acquiesce -1. 3 (B): counter-demand 0.1 > acquiesce -1.
  // 2 (B): demand 0.1 < SQ 0.3 -> status quo, worth (0, 0.3) at node 2.
  // 1 (A): demand (node 3, 0.2) > no demand (node 2, 0) -> demand. Outcome: negotiation.
  return {{0, 0.3}, {0.2, 0.1}, {-1, 1}, {1, -1}, {-1.5, 1}, {1, -1.5}, {-0.6, -0.8}, {-0.9, -0.5}};
}

IigTable status_quo_game() {
  // As above but SQ = (0.3, 0.3): node 1 (A) compares demand 0.2 with no demand 0.3 -> SQ.
  IigTable table = negotiation_game();
  table.status_quo = {0.3, 0.3};
  return table;
}

IigTable acquiescence_game() {
  // B finds war started by A worse than capitulating: War_A = (-0.6, -2), SQ = (0, 0).
  // 12, 8 (A): retaliate -> (-0.9, -0.5). 10, 11 (B): -2 < Cap_B -1.5 -> capitulate, (1, -1.5).
  // 9 (B): force -0.5 < Nego 0.1 -> Nego (0.2, 0.1). 5 (A): force 1 > 0.2 -> force, (1, -1.5).
  // 3 (B): counter-demand -1.5 < acquiesce -1 -> acquiesce, (1, -1).
  // 7 (A): force 1 > Nego 0.2 -> force, (1, -1.5). 6 (B): force -0.5 > -1.5 -> force,
  // (-0.9, -0.5). 4 (A): counter-demand -0.9 > acquiesce -1, (-0.9, -0.5).
  // 2 (B): demand -0.5 < SQ 0 -> SQ. 1 (A): demand 1 > 0 -> demand. Outcome: Acq_B.
  IigTable table = negotiation_game();
  table.status_quo = {0, 0};
  table.war_a = {-0.6, -2};
  return table;
}

void expect_pure_outcome(const CrisisSolution& solution, CrisisOutcome expected, double tolerance) {
  for (const auto& entry : kCrisisOutcomeNames)
    EXPECT_NEAR(solution.probability(entry.value), entry.value == expected ? 1.0 : 0.0, tolerance)
        << entry.name;
}

TEST(CrisisGame, LargePrecisionReproducesHandSolvedSubgamePerfectEquilibria) {
  CrisisSolverOptions spe;
  spe.solver.solution_concept = SolutionConcept::subgame_perfect;
  // Smallest margin in these games is 0.1, so lambda = 400 leaves errors below e^-40.
  const auto negotiation = solve_crisis_game(payoffs_from(negotiation_game()), qre(400));
  expect_pure_outcome(negotiation, O::negotiation, 1e-12);
  expect_pure_outcome(solve_crisis_game(payoffs_from(negotiation_game()), spe), O::negotiation, 0);
  EXPECT_NEAR(negotiation.first_action_probability[1], 0.0, 1e-12);  // node 2: B stays put
  EXPECT_NEAR(negotiation.first_action_probability[9], 1.0, 1e-12);  // node 10: B retaliates

  expect_pure_outcome(solve_crisis_game(payoffs_from(status_quo_game()), qre(400)), O::status_quo,
                      1e-12);
  expect_pure_outcome(solve_crisis_game(payoffs_from(status_quo_game()), spe), O::status_quo, 0);

  const auto acquiescence = solve_crisis_game(payoffs_from(acquiescence_game()), qre(400));
  expect_pure_outcome(acquiescence, O::acquiescence_by_defender, 1e-12);
  expect_pure_outcome(solve_crisis_game(payoffs_from(acquiescence_game()), spe),
                      O::acquiescence_by_defender, 0);
  EXPECT_NEAR(acquiescence.first_action_probability[9], 0.0, 1e-12);  // node 10: B capitulates
  EXPECT_NEAR(acquiescence.first_action_probability[5], 1.0, 1e-12);  // node 6: B uses force
  // Equilibrium values at the root: A gets its demand (1), B concedes it (-1).
  EXPECT_NEAR(acquiescence.node_value[0][0], 1.0, 1e-12);
  EXPECT_NEAR(acquiescence.node_value[0][1], -1.0, 1e-12);
}

TEST(CrisisGame, SubgamePerfectSplitsExactTies) {
  // Every payoff 0: every node is a tie, so choices are 1/2 as at lambda = 0.
  IigTable zero{};
  CrisisSolverOptions spe;
  spe.solver.solution_concept = SolutionConcept::subgame_perfect;
  const auto tied = solve_crisis_game(payoffs_from(zero), spe);
  EXPECT_DOUBLE_EQ(tied.probability(O::status_quo), 0.25);
  EXPECT_DOUBLE_EQ(tied.probability(O::negotiation), 6.0 / 64);
}

// Payoffs built from inputs, by hand.
TEST(CrisisGame, PayoffsFromInputsHandComputed) {
  CrisisInputs in;
  in.challenger_capability = 1;
  in.defender_capability = 1;
  in.ally_capability = 2;
  in.credibility = 0.5;              // P = 1 / (1 + 1 + 0.5 * 2) = 1/3
  in.first_strike_advantage = 0.25;  // A first: 1/3 + 0.25 * 2/3 = 1/2; B first: 1/3 * 0.75 = 1/4
  in.challenger_gain = 1;
  in.challenger_loss = 1;
  in.defender_gain = 0.5;
  in.defender_loss = 1;
  in.ally_resolve = 0.5;  // B's stakes x (1 + 0.5 * 0.5) = 1.25: gain 0.625, loss 1.25
  in.challenger_war_cost = 2;
  in.defender_war_cost = 1.5;
  in.challenger_capitulation_cost = 0.25;
  in.defender_capitulation_cost = 0.3;
  in.challenger_clash_cost = 0.1;
  in.defender_clash_cost = 0.2;
  in.escalation_probability = 0.05;
  in.armistice_channel = 1;
  in.channel_negotiation_bonus = 0.1;
  in.channel_containment = 0.5;
  EXPECT_DOUBLE_EQ(challenger_win_probability(in), 1.0 / 3);
  const auto payoffs = build_crisis_payoffs(in);
  const auto a = [&](CrisisOutcome o) { return payoffs.challenger[at(o)]; };
  const auto b = [&](CrisisOutcome o) { return payoffs.defender[at(o)]; };
  EXPECT_DOUBLE_EQ(a(O::status_quo), 0);
  EXPECT_DOUBLE_EQ(b(O::status_quo), 0);
  // Nego: A 1/3 * 1 - 2/3 * 1 + 0.1; B 2/3 * 0.625 - 1/3 * 1.25 + 0.1 = 0 + 0.1.
  EXPECT_NEAR(a(O::negotiation), -1.0 / 3 + 0.1, 1e-15);
  EXPECT_NEAR(b(O::negotiation), 0.1, 1e-15);
  EXPECT_DOUBLE_EQ(a(O::acquiescence_by_challenger), -1);
  EXPECT_DOUBLE_EQ(b(O::acquiescence_by_challenger), 0.625);
  EXPECT_DOUBLE_EQ(a(O::acquiescence_by_defender), 1);
  EXPECT_DOUBLE_EQ(b(O::acquiescence_by_defender), -1.25);
  EXPECT_DOUBLE_EQ(a(O::capitulation_by_challenger), -1.25);
  EXPECT_DOUBLE_EQ(b(O::capitulation_by_challenger), 0.625);
  EXPECT_DOUBLE_EQ(a(O::capitulation_by_defender), 1);
  EXPECT_DOUBLE_EQ(b(O::capitulation_by_defender), -1.55);
  // War_A: A 1/2 - 1/2 - 2 = -2; B 1/2 * 0.625 - 1/2 * 1.25 - 1.5 = -1.8125.
  EXPECT_DOUBLE_EQ(a(O::war_started_by_challenger), -2);
  EXPECT_DOUBLE_EQ(b(O::war_started_by_challenger), -1.8125);
  // War_B: A 1/4 - 3/4 - 2 = -2.5; B 3/4 * 0.625 - 1/4 * 1.25 - 1.5 = -1.34375.
  EXPECT_DOUBLE_EQ(a(O::war_started_by_defender), -2.5);
  EXPECT_DOUBLE_EQ(b(O::war_started_by_defender), -1.34375);
  // Limited clash: the settlement without the bonus, less the clash costs:
  // A -1/3 - 0.1; B 0 - 0.2.
  EXPECT_NEAR(a(O::limited_clash_started_by_challenger), -1.0 / 3 - 0.1, 1e-15);
  EXPECT_NEAR(b(O::limited_clash_started_by_defender), -0.2, 1e-15);
  // Escalation 0.05 * (1 - 1 * 0.5) = 0.025.
  EXPECT_DOUBLE_EQ(payoffs.escalation_probability, 0.025);

  // Without the Armistice/UNC channel: no bonus, the full escalation risk.
  in.armistice_channel = 0;
  const auto no_channel = build_crisis_payoffs(in);
  EXPECT_NEAR(no_channel.challenger[at(O::negotiation)], -1.0 / 3, 1e-15);
  EXPECT_DOUBLE_EQ(no_channel.escalation_probability, 0.05);
}

// (d) properties.
TEST(CrisisGame, ProbabilitiesSumToOneAndClassesPartition) {
  for (double lambda : {0.0, 0.3, 2.0, 10.0, 100.0, 1e4})
    for (double credibility : {0.0, 0.4, 1.0})
      for (double escalation : {0.0, 0.3, 1.0})
        for (CrisisStart start :
             {CrisisStart::challenger_decides, CrisisStart::challenger_has_demanded}) {
          CrisisInputs in;
          in.credibility = credibility;
          in.escalation_probability = escalation;
          const auto solution = adjudicate_crisis(in, qre(lambda, start));
          EXPECT_NEAR(total(solution), 1.0, 1e-12);
          double classes = 0;
          for (const auto& entry : kCrisisOutcomeClassNames) {
            const double p = solution.probability(entry.value);
            EXPECT_GE(p, 0.0);
            EXPECT_LE(p, 1.0);
            classes += p;
          }
          EXPECT_NEAR(classes, 1.0, 1e-12);
          for (double p : solution.first_action_probability) EXPECT_TRUE(p >= 0 && p <= 1);
        }
}

// Monotonicity in credibility is not a theorem of the IIG under agent QRE (see "Known limits"
// in docs/models/crisis_game.md): the expected utility of a logit chooser is not monotone in the
// utilities of its options, and a more resolute defender can make preemption pay. The grid
// records where it holds: in a crisis under way with precision up to 4 (the default range),
// P(defender backs down) never rises along credibility steps of 0.05; for both starts and every
// precision, full credibility never leaves the challenger more successful than none. (At
// precision 64 one grid point, gain 1, war cost 5, ally 0.0309, no channel, f 0.3, e 0.3, rises
// by 0.105 between credibility 0.95 and 1: a near-subgame-perfect preemption reversal.)
TEST(CrisisGame, CredibilityNeverRaisesTheChallengersSuccessOnTheGrid) {
  int checked = 0;
  double largest_rise = 0;
  for (CrisisStart start : {CrisisStart::challenger_decides, CrisisStart::challenger_has_demanded})
    for (double lambda : {0.25, 1.0, 4.0, 16.0, 64.0})
      for (double challenger_gain : {0.5, 1.0, 3.0})
        for (double defender_war_cost : {0.2, 1.5, 5.0})
          for (double ally_capability : {0.0, 0.0309, 0.5})
            for (double channel : {0.0, 1.0})
              for (double first_strike : {0.0, 0.3})
                for (double escalation : {0.01, 0.3}) {
                  CrisisInputs in;
                  in.first_strike_advantage = first_strike;
                  in.escalation_probability = escalation;
                  in.challenger_gain = challenger_gain;
                  in.defender_war_cost = defender_war_cost;
                  in.ally_capability = ally_capability;
                  in.armistice_channel = channel;
                  const auto success = [&](double credibility) {
                    in.credibility = credibility;
                    return adjudicate_crisis(in, qre(lambda, start))
                        .probability(CrisisOutcomeClass::defender_backs_down);
                  };
                  const std::string where = fmt::format(
                      "lambda {} gain {} war cost {} ally {} channel {} f {} e {} start {}", lambda,
                      challenger_gain, defender_war_cost, ally_capability, channel, first_strike,
                      escalation, enum_name(kCrisisStartNames, start));
                  EXPECT_LE(success(1.0), success(0.0)) << where;
                  if (start == CrisisStart::challenger_decides || lambda > 4) continue;
                  double previous = success(0.0);
                  for (int step = 1; step <= 20; ++step) {
                    const double now = success(step / 20.0);
                    largest_rise = std::max(largest_rise, now - previous);
                    EXPECT_LE(now, previous + 1e-12) << where << " credibility " << step / 20.0;
                    previous = now;
                    ++checked;
                  }
                }
  EXPECT_EQ(checked, 3 * 3 * 3 * 3 * 2 * 2 * 2 * 20);
  EXPECT_LE(largest_rise, 1e-12);
}

// The full game's known exception: with no help from the ally (capability 0) credibility only
// adds resolve; a defender whose war is very costly (5) but who is more resolute demands more
// often itself at node 2, so A, anticipating that, demands first more often and B, dreading the
// escalation risk (0.3, no Armistice channel), still mostly acquiesces. P(defender backs down)
// rises from about 0.887 to 0.898 as credibility goes from 0 to 0.25.
TEST(CrisisGame, FullGameExceptionPreemptiveDemand) {
  CrisisInputs in;
  in.challenger_gain = 0.5;
  in.defender_war_cost = 5;
  in.ally_capability = 0;
  in.first_strike_advantage = 0.3;
  in.escalation_probability = 0.3;
  in.armistice_channel = 0;
  const auto solve = [&](double credibility) {
    in.credibility = credibility;
    return adjudicate_crisis(in, qre(4));
  };
  const auto low = solve(0), high = solve(0.25);
  EXPECT_GT(high.probability(CrisisOutcomeClass::defender_backs_down),
            low.probability(CrisisOutcomeClass::defender_backs_down) + 0.005);
  EXPECT_GT(high.first_action_probability[1], low.first_action_probability[1] + 0.1);  // node 2
  EXPECT_GT(high.first_action_probability[0], low.first_action_probability[0]);        // node 1
  EXPECT_GT(high.first_action_probability[2], low.first_action_probability[2]);        // node 3
}

TEST(CrisisGame, CredibilityMattersWhenTheAllyContributes) {
  // Not a vacuous property: with an ally worth having, full credibility lowers the challenger's
  // success markedly compared with none.
  CrisisInputs in;
  in.credibility = 0;
  const double without =
      adjudicate_crisis(in, qre(4)).probability(CrisisOutcomeClass::defender_backs_down);
  in.credibility = 1;
  const double with =
      adjudicate_crisis(in, qre(4)).probability(CrisisOutcomeClass::defender_backs_down);
  EXPECT_LT(with, without - 0.01);
}

TEST(CrisisGame, InvalidInputsThrowWithClearMessages) {
  const auto message_of = [](auto&& call) -> std::string {
    try {
      call();
    } catch (const InputError& error) {
      return error.what();
    }
    return "no error";
  };
  CrisisInputs in;
  in.credibility = std::numeric_limits<double>::quiet_NaN();
  in.location = {"korea.yaml", 12, 5};
  const std::string nan_message = message_of([&] { build_crisis_payoffs(in); });
  EXPECT_NE(nan_message.find("korea.yaml:12:5: error: crisis_game.credibility: expected a finite"),
            std::string::npos)
      << nan_message;

  in = CrisisInputs{};
  in.credibility = 1.5;
  in.escalation_probability = -0.1;
  in.defender_war_cost = -1;
  const std::string several = message_of([&] { build_crisis_payoffs(in); });
  EXPECT_NE(several.find("crisis_game.credibility: expected a number in [0, 1], got 1.5"),
            std::string::npos)
      << several;
  EXPECT_NE(several.find("crisis_game.escalation_probability: expected a number in [0, 1]"),
            std::string::npos);
  EXPECT_NE(several.find("crisis_game.defender_war_cost: expected a number >= 0, got -1"),
            std::string::npos);

  in = CrisisInputs{};
  in.challenger_capability = 0;
  EXPECT_NE(message_of([&] { build_crisis_payoffs(in); }).find("challenger_capability"),
            std::string::npos);

  const std::string negative_lambda =
      message_of([&] { adjudicate_crisis(CrisisInputs{}, qre(-1)); });
  EXPECT_NE(negative_lambda.find("precision: expected a finite number >= 0"), std::string::npos)
      << negative_lambda;
  EXPECT_NE(message_of([&] {
              adjudicate_crisis(CrisisInputs{}, qre(std::numeric_limits<double>::infinity()));
            }).find("precision"),
            std::string::npos);

  CrisisPayoffs payoffs;
  payoffs.escalation_probability = 1.2;
  EXPECT_NE(message_of([&] {
              solve_crisis_game(payoffs, qre(1));
            }).find("escalation_probability: expected a number in [0, 1], got 1.2"),
            std::string::npos);
  payoffs.escalation_probability = 0.5;
  payoffs.defender[at(O::negotiation)] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_NE(message_of([&] {
              solve_crisis_game(payoffs, qre(1));
            }).find("crisis_game.payoffs.negotiation: expected finite utilities"),
            std::string::npos);

  // A malformed tree: a child that points backwards.
  const std::array<DecisionNode, 2> loop = {
      {{0, {false, 1}, {true, 0}}, {1, {false, 0}, {true, 0}}}};
  const std::array<PayoffPair, 1> one = {{{0, 0}}};
  EXPECT_NE(message_of([&] { solve_game_tree(loop, one, {}); }).find("must come after"),
            std::string::npos);
}

TEST(CrisisGame, NamesAndClassMapping) {
  EXPECT_EQ(enum_name(kSolutionConceptNames, SolutionConcept::subgame_perfect), "subgame_perfect");
  EXPECT_EQ(parse_enum(kCrisisStartNames, "challenger_has_demanded"),
            CrisisStart::challenger_has_demanded);
  EXPECT_EQ(crisis_outcome_class(O::capitulation_by_defender),
            CrisisOutcomeClass::defender_backs_down);
  EXPECT_EQ(crisis_outcome_class(O::acquiescence_by_challenger),
            CrisisOutcomeClass::challenger_backs_down);
  EXPECT_EQ(crisis_outcome_class(O::limited_clash_started_by_defender),
            CrisisOutcomeClass::limited_clash);
  EXPECT_EQ(crisis_outcome_class(O::war_started_by_challenger), CrisisOutcomeClass::war);
  EXPECT_EQ(iig_nodes().size(), kIigNodeCount);
  for (std::size_t k = 0; k < kCrisisOutcomeCount; ++k)
    EXPECT_EQ(static_cast<std::size_t>(kCrisisOutcomeNames[k].value), k);
}

}  // namespace
}  // namespace linchpin::deterrence
