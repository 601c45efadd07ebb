// Kernels of the spatial model against hand-computed values (arithmetic in the comments), one
// test per model option, plus properties of whole runs.
#include "linchpin/bargaining/spatial_model.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "linchpin/core/error.hpp"

namespace {
using namespace linchpin::bargaining;

TEST(SpatialModelKernels, WeightedDistance) {
  // d = (0.3, 0.4), s = (0.5, 0.5): (s d)^2 = 0.0225 + 0.04 = 0.0625; sum s^2 = 0.5;
  // sqrt(0.0625 / 0.5) = sqrt(0.125) = 0.35355339
  EXPECT_NEAR(weighted_distance({0, 0}, {0.3, 0.4}, {0.5, 0.5}), 0.35355339, 1e-8);
  // An actor with no salience anywhere is indifferent: distance 0.
  EXPECT_EQ(weighted_distance({0, 0}, {0.3, 0.4}, {0, 0}), 0.0);
}

TEST(SpatialModelKernels, RiskUtility) {
  // (1 - d)(1 + d R) with d = 0.2: R = 1 -> 0.8 * 1.2 = 0.96; R = -0.5 -> 0.8 * 0.9 = 0.72
  EXPECT_NEAR(risk_utility(0.2, 1.0), 0.96, 1e-12);
  EXPECT_NEAR(risk_utility(0.2, -0.5), 0.72, 1e-12);
  EXPECT_NEAR(risk_utility(0.2, 0.0), 0.8, 1e-12);
}

TEST(SpatialModelKernels, EveryVotingRule) {
  // weight 2, utilities 0.7 vs 0.5, du = 0.2
  EXPECT_NEAR(vote(VotingRule::Binary, 2, 0.7, 0.5), 2.0, 1e-12);         // 2 * 1
  EXPECT_NEAR(vote(VotingRule::PropBin, 2, 0.7, 0.5), 0.72, 1e-12);       // 2(0.8*0.2 + 0.2*1)
  EXPECT_NEAR(vote(VotingRule::Proportional, 2, 0.7, 0.5), 0.4, 1e-12);   // 2 * 0.2
  EXPECT_NEAR(vote(VotingRule::PropCbc, 2, 0.7, 0.5), 0.208, 1e-12);      // 2(0.1 + 0.004)
  EXPECT_NEAR(vote(VotingRule::Cubic, 2, 0.7, 0.5), 0.016, 1e-12);        // 2 * 0.008
  EXPECT_NEAR(vote(VotingRule::ASymProsp, 2, 0.7, 0.5), 0.8 / 3, 1e-12);  // gains count 2/3
  EXPECT_NEAR(vote(VotingRule::ASymProsp, 2, 0.5, 0.7), -0.4, 1e-12);     // losses in full
  EXPECT_EQ(vote(VotingRule::Proportional, 0, 0.7, 0.5), 0.0);            // no weight, no vote
}

TEST(SpatialModelKernels, EveryVictoryProbabilityModel) {
  // strengths 2 : 1
  EXPECT_NEAR(victory_probability(VictoryProbabilityModel::Linear, 2, 1), 2.0 / 3, 1e-12);
  EXPECT_NEAR(victory_probability(VictoryProbabilityModel::Square, 2, 1), 4.0 / 5, 1e-12);
  EXPECT_NEAR(victory_probability(VictoryProbabilityModel::Quartic, 2, 1), 16.0 / 17, 1e-12);
  EXPECT_NEAR(victory_probability(VictoryProbabilityModel::Octic, 2, 1), 256.0 / 257, 1e-12);
  // Binary: a 10% lead decides (1 / (1 + 1e-6)); 1.05 : 1 interpolates:
  // share 1.05/2.05 = 0.5121951; (0.5121951 * 2.1 - 1) / 0.1 = 0.7560976
  EXPECT_NEAR(victory_probability(VictoryProbabilityModel::Binary, 2, 1), 1 / (1 + 1e-6), 1e-12);
  EXPECT_NEAR(victory_probability(VictoryProbabilityModel::Binary, 1.05, 1), 0.7560976, 1e-7);
}

// Coalitions for three options: 0 beats 1 by 3 : 1, every other pair 1 : 1, so the victory
// matrix is v01 = 3/4, v02 = v12 = 1/2.
std::vector<std::vector<double>> three_option_coalitions() {
  return {{1e-8, 3, 1}, {1, 1e-8, 1}, {1, 1, 1e-8}};
}

TEST(SpatialModelKernels, ConditionalPce) {
  // p_i proportional to prod_j v_ij: 0.5*0.75*0.5 = 0.1875, 0.25*0.5*0.5 = 0.0625,
  // 0.5*0.5*0.5 = 0.125; sum 0.375 -> 1/2, 1/6, 1/3
  const auto p = condorcet_probabilities(PceModel::Conditional, VictoryProbabilityModel::Linear,
                                         three_option_coalitions());
  EXPECT_NEAR(p[0], 0.5, 1e-8);
  EXPECT_NEAR(p[1], 1.0 / 6, 1e-8);
  EXPECT_NEAR(p[2], 1.0 / 3, 1e-8);
}

TEST(SpatialModelKernels, MarkovUniformPce) {
  // Fixed point of p_a = sum_b v_ab (p_a + p_b) / 3: 0.75 p0 = 0.75 p1 + 0.5 p2,
  // 1.25 p1 = 0.25 p0 + 0.5 p2, p2 = (p0 + p1) / 2 -> p1 = p0/2, p2 = 3 p0 / 4 -> p0 = 4/9
  const auto p = condorcet_probabilities(PceModel::MarkovUniform, VictoryProbabilityModel::Linear,
                                         three_option_coalitions());
  EXPECT_NEAR(p[0], 4.0 / 9, 1e-5);
  EXPECT_NEAR(p[1], 2.0 / 9, 1e-5);
  EXPECT_NEAR(p[2], 3.0 / 9, 1e-5);
}

TEST(SpatialModelKernels, MarkovIncentivePce) {
  // Incentives c_ab v_ab: (0,1) 2.25, (1,0) 0.25, others 0.5. Challenge probabilities per
  // column: col 0 (1/3 from 1, 2/3 from 2), col 1 (9/11 from 0, 2/11 from 2), col 2 (1/2, 1/2).
  // q0 = 7/12 p0 + 27/44 p1 + 1/4 p2, q2 = 1/3 p0 + 1/11 p1 + 1/2 p2 at the fixed point give
  // p1 = 11/29 p0, p2 = 64/87 p0 -> p = (87, 33, 64) / 184
  const auto p = condorcet_probabilities(PceModel::MarkovIncentive, VictoryProbabilityModel::Linear,
                                         three_option_coalitions());
  EXPECT_NEAR(p[0], 87.0 / 184, 1e-6);
  EXPECT_NEAR(p[1], 33.0 / 184, 1e-6);
  EXPECT_NEAR(p[2], 64.0 / 184, 1e-6);
}

TEST(SpatialModelKernels, ScalarPceBuildsCoalitionsFromVotes) {
  // Two actors (weights 3, 1) and two options; actor 0 prefers option 0 by 0.2, actor 1
  // prefers option 1 by 0.2. Prop votes: c01 = 1e-8 + 0.6, c10 = 1e-8 + 0.2 -> v01 = 0.75;
  // conditional: 0.5*0.75 : 0.25*0.5 -> 0.75, 0.25
  const auto p = scalar_pce(VotingRule::Proportional, VictoryProbabilityModel::Linear,
                            PceModel::Conditional, {3, 1}, {{0.9, 0.7}, {0.5, 0.7}});
  EXPECT_NEAR(p[0], 0.75, 1e-7);
  EXPECT_NEAR(p[1], 0.25, 1e-7);
}

TEST(SpatialModelKernels, EveryRiskRange) {
  // p = (0.1, 0.3, 0.6): Min (p - 0.1)/0.5; Mid (3p - 0.8)/1; Max (2p - 0.7)/0.5
  const std::vector<double> p{0.1, 0.3, 0.6};
  const auto min = risk_from_probabilities(p, RiskRange::Min);
  const auto mid = risk_from_probabilities(p, RiskRange::Mid);
  const auto max = risk_from_probabilities(p, RiskRange::Max);
  EXPECT_NEAR(min[0], 0.0, 1e-12);
  EXPECT_NEAR(min[1], 0.4, 1e-12);
  EXPECT_NEAR(min[2], 1.0, 1e-12);
  EXPECT_NEAR(mid[0], -0.5, 1e-12);
  EXPECT_NEAR(mid[1], 0.1, 1e-12);
  EXPECT_NEAR(mid[2], 1.0, 1e-12);
  EXPECT_NEAR(max[0], -1.0, 1e-12);
  EXPECT_NEAR(max[1], -0.2, 1e-12);
  EXPECT_NEAR(max[2], 1.0, 1e-12);
  // Equal probabilities: KTAB would divide 0 by 0; we return risk neutrality.
  for (double r : risk_from_probabilities({0.5, 0.5}, RiskRange::Mid)) EXPECT_EQ(r, 0.0);
}

TEST(SpatialModelKernels, EveryRiskAdjust) {
  // own 0.6, other -0.3
  EXPECT_NEAR(estimated_risk(0.6, -0.3, RiskAdjust::None), 0.6, 1e-12);
  EXPECT_NEAR(estimated_risk(0.6, -0.3, RiskAdjust::OneThird), 0.3, 1e-12);   // (1.2 - 0.3)/3
  EXPECT_NEAR(estimated_risk(0.6, -0.3, RiskAdjust::Half), 0.15, 1e-12);      // 0.3/2
  EXPECT_NEAR(estimated_risk(0.6, -0.3, RiskAdjust::TwoThirds), 0.0, 1e-12);  // (0.6 - 0.6)/3
  EXPECT_NEAR(estimated_risk(0.6, -0.3, RiskAdjust::Full), -0.3, 1e-12);
}

TEST(SpatialModelKernels, EveryThirdPartyCommit) {
  // weight 1, p = 0.6, u(initiator) 0.8, u(target) 0.5, u(own) 0.9.
  // Semi: join i = 0.6(1.6 + 0.9) + 0.4(1.5) = 2.1; join j = 0.6(2.4) + 0.4(1.0 + 0.9) = 2.2
  EXPECT_NEAR(third_party_vote(VotingRule::Proportional, ThirdPartyCommit::SemiCommit, 1, 0.6, 0.8,
                               0.5, 0.9),
              -0.1, 1e-12);
  // Full: both sides 0.6(2.4) + 0.4(1.5) = 2.04; No: both 0.6(2.5) + 0.4(1.9) = 2.26. KTAB
  // uses one probability for both hypothetical contests, so these two never vote.
  EXPECT_NEAR(third_party_vote(VotingRule::Proportional, ThirdPartyCommit::FullCommit, 1, 0.6, 0.8,
                               0.5, 0.9),
              0.0, 1e-12);
  EXPECT_NEAR(
      third_party_vote(VotingRule::Proportional, ThirdPartyCommit::NoCommit, 1, 0.6, 0.8, 0.5, 0.9),
      0.0, 1e-12);
}

TEST(SpatialModelKernels, EveryBargainInterpolation) {
  // t_i 0.2, s_i 0.5, p_i 0.6; t_j 0.8, s_j 0.4, p_j 0.4.
  // S1P1: w_i 0.3, w_j 0.16: (0.3*0.2 + 0.16*0.8)/0.46 = 0.188/0.46 = 0.40870 -> 0.4087
  const auto s1 = interpolate_dimension(BargainInterpolation::S1P1, 0.2, 0.5, 0.6, 0.8, 0.4, 0.4);
  EXPECT_DOUBLE_EQ(s1[0], 0.4087);
  EXPECT_DOUBLE_EQ(s1[1], 0.4087);
  // S2P2: w_i 0.09, w_j 0.0256: 0.03848/0.1156 = 0.332872 -> 0.3329
  const auto s2 = interpolate_dimension(BargainInterpolation::S2P2, 0.2, 0.5, 0.6, 0.8, 0.4, 0.4);
  EXPECT_DOUBLE_EQ(s2[0], 0.3329);
  EXPECT_DOUBLE_EQ(s2[1], 0.3329);
  // S2PMax: i is stronger and keeps 0.2; j concedes d = 0.2*0.25/(0.05 + 1e-6 + 0.8*0.16)
  // = 0.280897 of the way: 0.8 - 0.6*0.280897 = 0.631462
  const auto sm = interpolate_dimension(BargainInterpolation::S2PMax, 0.2, 0.5, 0.6, 0.8, 0.4, 0.4);
  EXPECT_NEAR(sm[0], 0.2, 1e-12);
  EXPECT_NEAR(sm[1], 0.631462, 1e-6);
  // Nobody cares: each keeps its own position (the 1e-6 floor breaks the 0/0).
  const auto none = interpolate_dimension(BargainInterpolation::S2P2, 0.2, 0, 0.6, 0.8, 0, 0.4);
  EXPECT_DOUBLE_EQ(none[0], 0.2);
  EXPECT_DOUBLE_EQ(none[1], 0.8);
}

BargainingProblem four_actor_problem() {
  BargainingProblem p;
  p.name = "test";
  p.dimensions = {"a", "b"};
  p.scale_min = 0;
  p.scale_max = 100;
  const double data[4][5] = {{100, 20, 70, 0.5, 0.3},
                             {60, 80, 40, 0.4, 0.4},
                             {40, 50, 10, 0.2, 0.6},
                             {80, 30, 90, 0.6, 0.1}};
  for (int i = 0; i < 4; ++i) {
    BargainingActor a;
    a.name = "A" + std::to_string(i);
    a.capability = data[i][0];
    a.positions = {data[i][1], data[i][2]};
    a.saliences = {data[i][3], data[i][4]};
    p.actors.push_back(a);
  }
  return p;
}

void expect_sane(const SpatialModelResult& r, const BargainingProblem& p) {
  ASSERT_FALSE(r.turns.empty());
  EXPECT_EQ(r.turns.back().turn, r.stop_turn);
  for (const auto& t : r.turns)
    for (std::size_t a = 0; a < p.actors.size(); ++a) {
      EXPECT_GE(t.probabilities[a], 0.0);
      EXPECT_LE(t.probabilities[a], 1.0);
      for (double x : t.positions[a]) {
        EXPECT_GE(x, p.scale_min - 1e-9);
        EXPECT_LE(x, p.scale_max + 1e-9);
      }
    }
}

TEST(SpatialModelRun, EveryBargainModelAndPerspectiveOptionRuns) {
  const auto problem = four_actor_problem();
  for (auto model :
       {BargainModel::InitOnlyInterp, BargainModel::InitRcvrInterp, BargainModel::PWCompInterp})
    for (auto input :
         {TargetBargainInput::VictoryProbability, TargetBargainInput::KtabExpectedGain})
      for (auto weights :
           {CompromiseWeights::OwnCapability, CompromiseWeights::KtabInitiatorCapability}) {
        SpatialModelOptions o;
        o.bargain_model = model;
        o.target_bargain_input = input;
        o.compromise_weights = weights;
        expect_sane(run_spatial_model(problem, o), problem);
      }
}

TEST(SpatialModelRun, InitiatorOnlyBargainsIgnoreTheTargetsPerspective) {
  // The target's interpolation and the compromise weights are unused under InitOnlyInterp.
  const auto problem = four_actor_problem();
  const auto base = run_spatial_model(problem);
  auto other = SpatialModelOptions{};
  other.target_bargain_input = TargetBargainInput::KtabExpectedGain;
  other.compromise_weights = CompromiseWeights::KtabInitiatorCapability;
  const auto same = run_spatial_model(problem, other);
  ASSERT_EQ(base.turns.size(), same.turns.size());
  EXPECT_EQ(base.turns.back().positions, same.turns.back().positions);
}

TEST(SpatialModelRun, StochasticTransitionsAreReproducibleBySeed) {
  const auto problem = four_actor_problem();
  SpatialModelOptions o;
  o.transitions = StateTransitions::Stochastic;
  o.seed = 42;
  const auto a = run_spatial_model(problem, o);
  const auto b = run_spatial_model(problem, o);
  expect_sane(a, problem);
  ASSERT_EQ(a.turns.size(), b.turns.size());
  for (std::size_t t = 0; t < a.turns.size(); ++t)
    EXPECT_EQ(a.turns[t].positions, b.turns[t].positions);
}

TEST(SpatialModelRun, TurnZeroIsTheInputAndMaxTurnsStops) {
  const auto problem = four_actor_problem();
  SpatialModelOptions o;
  o.max_turns = 1;
  const auto r = run_spatial_model(problem, o);
  EXPECT_EQ(r.stop_turn, 1);
  EXPECT_EQ(r.stop_reason, "max_turns");
  ASSERT_EQ(r.turns.size(), 2u);
  EXPECT_DOUBLE_EQ(r.turns[0].positions[2][1], 10.0);
}

TEST(SpatialModelRun, SingleActorIsADegenerateAnswer) {
  auto problem = four_actor_problem();
  problem.actors.resize(1);
  const auto r = run_spatial_model(problem);
  EXPECT_EQ(r.stop_reason, "single_actor");
  ASSERT_EQ(r.turns.size(), 1u);
  EXPECT_EQ(r.turns[0].probabilities, std::vector<double>{1.0});
}

TEST(SpatialModelRun, IdenticalPositionsStayPut) {
  auto problem = four_actor_problem();
  for (auto& a : problem.actors) a.positions = {50, 50};
  const auto r = run_spatial_model(problem);
  EXPECT_EQ(r.stop_reason, "converged");
  for (const auto& t : r.turns)
    for (const auto& x : t.positions) EXPECT_EQ(x, (std::vector<double>{50, 50}));
}

TEST(SpatialModelRun, RejectsBadProblems) {
  auto nan = four_actor_problem();
  nan.actors[1].positions[0] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(run_spatial_model(nan), linchpin::InputError);
  auto no_power = four_actor_problem();
  for (auto& a : no_power.actors) a.capability = 0;
  EXPECT_THROW(run_spatial_model(no_power), linchpin::InputError);
  auto salience = four_actor_problem();
  salience.actors[0].saliences = {0.7, 0.6};  // total 1.3
  EXPECT_THROW(run_spatial_model(salience), linchpin::InputError);
  auto dims = four_actor_problem();
  dims.actors[2].positions.pop_back();
  EXPECT_THROW(run_spatial_model(dims), linchpin::InputError);
  auto empty = four_actor_problem();
  empty.actors.clear();
  EXPECT_THROW(run_spatial_model(empty), linchpin::InputError);
}

TEST(SpatialModelNames, OneNameTablePerOption) {
  using linchpin::enum_name;
  using linchpin::parse_enum;
  EXPECT_EQ(enum_name(kVotingRuleNames, VotingRule::Proportional), "Prop");
  EXPECT_EQ(parse_enum(kPceModelNames, "MarkovIncentive"), PceModel::MarkovIncentive);
  EXPECT_EQ(enum_name(kRiskAdjustNames, RiskAdjust::OneThird), "OneThird");
  EXPECT_EQ(enum_name(kBargainModelNames, BargainModel::InitOnlyInterp), "InitOnlyInterp");
  EXPECT_EQ(parse_enum(kBargainInterpolationNames, "S2P2"), BargainInterpolation::S2P2);
}

}  // namespace
