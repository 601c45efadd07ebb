// Kernels of the spatial model against hand-computed values (arithmetic in the comments), one
// test per model option, plus properties of whole runs.
#include "linchpin/bargaining/spatial_model.hpp"

#include <fmt/format.h>
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

// Two parties on two dimensions (unit scale) for the bargain-model kernel:
// initiator i at (0.2, 0.6), saliences (0.5, 0.25), capability 40 (total salience 0.75);
// target j at (0.8, 0.2), saliences (0.25, 0.5), capability 60 (total salience 0.75).
// i estimates it wins with P = 0.75; j estimates P = 0.5 and i's expected gain 0.25.
// Interpolation S1P1 throughout (weights s * p, with p_j = 1 - p_i); the 1e-6 floors move
// nothing at 4 decimals.
//   i's bargain (p_i 0.75): dim 0 w = 0.375 : 0.0625 -> (0.075 + 0.05) / 0.4375 = 0.285714
//     -> 0.2857; dim 1 w = 0.1875 : 0.125 -> (0.1125 + 0.025) / 0.3125 = 0.44
//   j's bargain from P (p_i 0.5): dim 0 w = 0.25 : 0.125 -> (0.05 + 0.1) / 0.375 = 0.4;
//     dim 1 w = 0.125 : 0.25 -> (0.075 + 0.05) / 0.375 = 0.333333 -> 0.3333
//   j's bargain from the gain (p_i 0.25): dim 0 w = 0.125 : 0.1875 -> (0.025 + 0.15) / 0.3125
//     = 0.56; dim 1 w = 0.0625 : 0.375 -> (0.0375 + 0.075) / 0.4375 = 0.257143 -> 0.2571
struct TwoParties {
  BargainParty initiator{{0.2, 0.6}, {0.5, 0.25}, 40};
  BargainParty target{{0.8, 0.2}, {0.25, 0.5}, 60};
  ChallengeEstimate by_initiator{0.75, 0.1};
  ChallengeEstimate by_target{0.5, 0.25};
};

std::vector<BargainProposal> proposals(BargainModel model, TargetBargainInput input,
                                       CompromiseWeights weights) {
  const TwoParties parties;
  SpatialModelOptions o;
  o.interpolation = BargainInterpolation::S1P1;
  o.bargain_model = model;
  o.target_bargain_input = input;
  o.compromise_weights = weights;
  return propose_bargains(o, parties.initiator, parties.target, parties.by_initiator,
                          parties.by_target);
}

// Both sides of every S1P1 bargain here agree at 4 decimals.
void expect_bargain(const BargainProposal& b, double x0, double x1, double tolerance) {
  ASSERT_EQ(b.for_initiator.size(), 2u);
  ASSERT_EQ(b.for_receiver.size(), 2u);
  EXPECT_NEAR(b.for_initiator[0], x0, tolerance);
  EXPECT_NEAR(b.for_initiator[1], x1, tolerance);
  EXPECT_NEAR(b.for_receiver[0], x0, tolerance);
  EXPECT_NEAR(b.for_receiver[1], x1, tolerance);
}

TEST(SpatialModelBargainModels, InitOnlyInterpProposesTheInitiatorsBargain) {
  // One bargain, the initiator's (0.2857, 0.44); the target's estimate is not used.
  for (auto input : {TargetBargainInput::VictoryProbability, TargetBargainInput::KtabExpectedGain})
    for (auto weights :
         {CompromiseWeights::OwnCapability, CompromiseWeights::KtabInitiatorCapability}) {
      const auto b = proposals(BargainModel::InitOnlyInterp, input, weights);
      ASSERT_EQ(b.size(), 1u);
      expect_bargain(b[0], 0.2857, 0.44, 1e-12);
    }
}

TEST(SpatialModelBargainModels, InitRcvrInterpWithTheTargetsVictoryProbability) {
  // Two bargains: the initiator's (0.2857, 0.44), then the target's from P = 0.5: (0.4, 0.3333).
  const auto b = proposals(BargainModel::InitRcvrInterp, TargetBargainInput::VictoryProbability,
                           CompromiseWeights::OwnCapability);
  ASSERT_EQ(b.size(), 2u);
  expect_bargain(b[0], 0.2857, 0.44, 1e-12);
  expect_bargain(b[1], 0.4, 0.3333, 1e-12);
}

TEST(SpatialModelBargainModels, InitRcvrInterpWithKtabExpectedGain) {
  // KTAB's code: the target interpolates with its estimate of the initiator's expected gain
  // (0.25) in place of a probability: (0.56, 0.2571).
  const auto b = proposals(BargainModel::InitRcvrInterp, TargetBargainInput::KtabExpectedGain,
                           CompromiseWeights::OwnCapability);
  ASSERT_EQ(b.size(), 2u);
  expect_bargain(b[0], 0.2857, 0.44, 1e-12);
  expect_bargain(b[1], 0.56, 0.2571, 1e-12);
}

TEST(SpatialModelBargainModels, PWCompInterpWithOwnCapability) {
  // Weights capability x total salience: i 40 * 0.75 = 30, j 60 * 0.75 = 45 -> 0.4 : 0.6.
  // From P: 0.4 (0.2857, 0.44) + 0.6 (0.4, 0.3333) = (0.11428 + 0.24, 0.176 + 0.19998)
  //   = (0.35428, 0.37598)
  auto b = proposals(BargainModel::PWCompInterp, TargetBargainInput::VictoryProbability,
                     CompromiseWeights::OwnCapability);
  ASSERT_EQ(b.size(), 1u);
  expect_bargain(b[0], 0.35428, 0.37598, 1e-12);
  // From the gain: 0.4 (0.2857, 0.44) + 0.6 (0.56, 0.2571) = (0.11428 + 0.336, 0.176 + 0.15426)
  //   = (0.45028, 0.33026)
  b = proposals(BargainModel::PWCompInterp, TargetBargainInput::KtabExpectedGain,
                CompromiseWeights::OwnCapability);
  ASSERT_EQ(b.size(), 1u);
  expect_bargain(b[0], 0.45028, 0.33026, 1e-12);
}

TEST(SpatialModelBargainModels, PWCompInterpWithKtabInitiatorCapability) {
  // KTAB's code weighs the target by the initiator's capability: 40 * 0.75 = 30 for both
  // sides -> the plain mean. From P: ((0.2857 + 0.4) / 2, (0.44 + 0.3333) / 2)
  //   = (0.34285, 0.38665)
  auto b = proposals(BargainModel::PWCompInterp, TargetBargainInput::VictoryProbability,
                     CompromiseWeights::KtabInitiatorCapability);
  ASSERT_EQ(b.size(), 1u);
  expect_bargain(b[0], 0.34285, 0.38665, 1e-12);
  // From the gain (KTAB's code throughout): ((0.2857 + 0.56) / 2, (0.44 + 0.2571) / 2)
  //   = (0.42285, 0.34855)
  b = proposals(BargainModel::PWCompInterp, TargetBargainInput::KtabExpectedGain,
                CompromiseWeights::KtabInitiatorCapability);
  ASSERT_EQ(b.size(), 1u);
  expect_bargain(b[0], 0.42285, 0.34855, 1e-12);
}

TEST(SpatialModelKernels, EveryStateTransitions) {
  // Queue probabilities (0.2, 0.5, 0.3). Deterministic: the most probable, index 1, whatever
  // the draw. Stochastic: intervals [0, 0.2) -> 0, [0.2, 0.7) -> 1, [0.7, 1) -> 2.
  const std::vector<double> p{0.2, 0.5, 0.3};
  EXPECT_EQ(choose_bargain(StateTransitions::Deterministic, p, 0.0), 1u);
  EXPECT_EQ(choose_bargain(StateTransitions::Deterministic, p, 0.95), 1u);
  EXPECT_EQ(choose_bargain(StateTransitions::Stochastic, p, 0.1), 0u);
  EXPECT_EQ(choose_bargain(StateTransitions::Stochastic, p, 0.25), 1u);
  EXPECT_EQ(choose_bargain(StateTransitions::Stochastic, p, 0.65), 1u);
  EXPECT_EQ(choose_bargain(StateTransitions::Stochastic, p, 0.75), 2u);
  // Round-off can leave a draw beyond the total: the last option.
  EXPECT_EQ(choose_bargain(StateTransitions::Stochastic, {0.25, 0.25, 0.25}, 0.9), 2u);
  // Ties, deterministic: the first (the status quo comes first in every queue).
  EXPECT_EQ(choose_bargain(StateTransitions::Deterministic, {0.4, 0.4, 0.2}, 0.0), 0u);
}

TEST(SpatialModelKernels, EveryStopMeasure) {
  // Actor 0 moves (0.3, 0.4): distance 0.5; actor 1 moves (0, 0.12): distance 0.12.
  // RmsOfMoves sqrt((0.25 + 0.0144) / 2) = sqrt(0.1322) = 0.36359318; KtabSumOfMoves 0.62.
  const std::vector<std::vector<double>> before{{0.1, 0.2}, {0.5, 0.5}};
  const std::vector<std::vector<double>> after{{0.4, 0.6}, {0.5, 0.62}};
  EXPECT_NEAR(move_measure(StopMeasure::RmsOfMoves, before, after), 0.36359318, 1e-8);
  EXPECT_NEAR(move_measure(StopMeasure::KtabSumOfMoves, before, after), 0.62, 1e-12);
  EXPECT_EQ(move_measure(StopMeasure::RmsOfMoves, before, before), 0.0);
}

// Two actors, one dimension, scale [0, 100] (unit positions 0.2 and 0.8, distance 0.6):
// actor 0 capability 3, salience 0.8; actor 1 capability 1, salience 0.5. One turn by hand,
// default options except the bargain model, target input and compromise weights.
BargainingProblem two_actor_problem() {
  BargainingProblem p;
  p.name = "two";
  p.dimensions = {"x"};
  p.scale_min = 0;
  p.scale_max = 100;
  BargainingActor a0;
  a0.name = "A0";
  a0.capability = 3;
  a0.positions = {20};
  a0.saliences = {0.8};
  BargainingActor a1 = a0;
  a1.name = "A1";
  a1.capability = 1;
  a1.positions = {80};
  a1.saliences = {0.5};
  p.actors = {a0, a1};
  return p;
}

// Turn 0 by hand:
// - Risk-neutral election of the two positions: actor 0 votes 3 * 0.6 = 1.8 for its own,
//   actor 1 votes 1 * 0.6 = 0.6 for its own: P(0 > 1) = 0.75, conditional PCE (0.75, 0.25).
//   Risk range Mid: the likelier position R_0 = +1, the other R_1 = -0.5.
// - OneThird adjustment: 0's view of 1: (2 - 0.5)/3 = 0.5; 1's view of 0: (-1 + 1)/3 = 0.
//   Utilities (1 - d)(1 + d R) at d = 0.6: by 0: U0(0,1) = 0.4 * 1.6 = 0.64, U0(1,0) =
//   0.4 * 1.3 = 0.52; by 1: U1(0,1) = 0.4 * 1.0 = 0.4, U1(1,0) = 0.4 * 0.7 = 0.28.
// - Reported probabilities (own utilities): votes 3 (1 - 0.64) = 1.08 vs 1 (1 - 0.28) = 0.72:
//   P = 0.6 -> (0.6, 0.4).
// - 0 challenges 1, by 0: principal weights 3 * 0.8 = 2.4, 1 * 0.5 = 0.5; votes
//   2.4 (1 - 0.64) = 0.864 vs 0.5 (1 - 0.52) = 0.24: P = 0.864 / 1.104 = 18/23 = 0.782609.
//   Gain to 0: (1 - 0.5) * 2 + 0.5 (P * 2 + (1 - P) * 1.28) - (1 + 0.64) = 0.281739 > 0.
// - 1 challenges 0, by 1: votes 0.5 (1 - 0.28) = 0.36 vs 2.4 (1 - 0.4) = 1.44: P = 0.2; gain
//   (1 - 0.8) * 2 + 0.8 (0.2 * 2 + 0.8 * 0.56) - 1.28 = -0.2016: no challenge.
// - 1's estimate of 0's challenge: votes 2.4 (1 - 0.4) = 1.44 vs 0.5 (1 - 0.28) = 0.36:
//   P = 0.8; gain to 0: 0.5 * 2 + 0.5 (0.8 * 2 + 0.2 * 0.8) - 1.4 = 0.48.
// - S2P2 bargains (w = (s p)^2): from 0's P: (14.4/23)^2 : (2.5/23)^2 = 207.36 : 6.25 ->
//   (207.36 * 0.2 + 6.25 * 0.8) / 213.61 = 0.217555 -> 0.2176. From 1's P = 0.8:
//   0.4096 : 0.01 -> 0.08992 / 0.4196 = 0.214299 -> 0.2143. From 1's gain 0.48 (KTAB's code):
//   0.147456 : 0.0676 -> 0.0835712 / 0.215056 = 0.388602 -> 0.3886.
// - Queues: each actor's holds its status quo and the same bargains (both move to the bargain).
//   Each option is valued by each actor at the mean of its utilities of the two positions,
//   with its own R: status quo 0: (1 + 0.64)/2 = 0.82, 1: (1 + 0.28)/2 = 0.64.
//   Bargain at x: 0: (1 - d)(1 + d), d = x - 0.2; 1: (1 - d)(1 - d/2), d = 0.8 - x.
//   0.2176: 0.99969, 0.29599; 0.2143: 0.99980, 0.29297; 0.3886: 0.96443, 0.46752.
SpatialModelResult one_turn(BargainModel model, TargetBargainInput input,
                            CompromiseWeights weights) {
  SpatialModelOptions o;
  o.bargain_model = model;
  o.target_bargain_input = input;
  o.compromise_weights = weights;
  o.max_turns = 1;
  return run_spatial_model(two_actor_problem(), o);
}

TEST(SpatialModelBargainModels, OneTurnByHandTurnZero) {
  const auto r = one_turn(BargainModel::InitOnlyInterp, TargetBargainInput::VictoryProbability,
                          CompromiseWeights::OwnCapability);
  ASSERT_EQ(r.turns.size(), 2u);
  EXPECT_NEAR(r.turns[0].risk_attitudes[0], 1.0, 1e-9);
  EXPECT_NEAR(r.turns[0].risk_attitudes[1], -0.5, 1e-9);
  EXPECT_NEAR(r.turns[0].probabilities[0], 0.6, 1e-8);
  EXPECT_NEAR(r.turns[0].probabilities[1], 0.4, 1e-8);
}

TEST(SpatialModelBargainModels, OneTurnByHandInitOnlyInterp) {
  // Queue {status quo, 0.2176}: coalitions 3 (0.99969 - 0.82) = 0.539 for the bargain,
  // 1 (0.64 - 0.29599) = 0.344 against: P = 0.61, the bargain. Both adopt 21.76.
  const auto r = one_turn(BargainModel::InitOnlyInterp, TargetBargainInput::VictoryProbability,
                          CompromiseWeights::OwnCapability);
  EXPECT_NEAR(r.turns[1].positions[0][0], 21.76, 1e-9);
  EXPECT_NEAR(r.turns[1].positions[1][0], 21.76, 1e-9);
}

TEST(SpatialModelBargainModels, OneTurnByHandInitRcvrInterp) {
  // Victory probability: queue {SQ, 0.2176, 0.2143}. 0.2176 beats 0.2143 by
  // 1 (0.29599 - 0.29297) = 0.00302 against 3 (0.99980 - 0.99969) = 0.00033 (P = 0.90) and
  // the status quo (P = 0.61): conditional PCE (0.20, 0.72, 0.08) -> both adopt 21.76.
  auto r = one_turn(BargainModel::InitRcvrInterp, TargetBargainInput::VictoryProbability,
                    CompromiseWeights::OwnCapability);
  EXPECT_NEAR(r.turns[1].positions[0][0], 21.76, 1e-9);
  EXPECT_NEAR(r.turns[1].positions[1][0], 21.76, 1e-9);
  // KTAB's expected gain: queue {SQ, 0.2176, 0.3886}. 0.3886 beats 0.2176 by
  // 1 (0.46752 - 0.29599) = 0.17153 against 3 (0.99969 - 0.96443) = 0.1058 (P = 0.62) and the
  // status quo by 3 (0.96443 - 0.82) = 0.4333 against 0.64 - 0.46752 = 0.17248 (P = 0.72):
  // conditional PCE (0.14, 0.30, 0.56) -> both adopt 38.86.
  r = one_turn(BargainModel::InitRcvrInterp, TargetBargainInput::KtabExpectedGain,
               CompromiseWeights::OwnCapability);
  EXPECT_NEAR(r.turns[1].positions[0][0], 38.86, 1e-9);
  EXPECT_NEAR(r.turns[1].positions[1][0], 38.86, 1e-9);
}

TEST(SpatialModelBargainModels, OneTurnByHandPWCompInterp) {
  // Compromise weights 0: 3 * 0.8 = 2.4; 1: 1 * 0.5 = 0.5 (own) or 3 * 0.5 = 1.5 (KTAB's
  // code). Each compromise beats the status quo (it lies near 0's position and 0 has
  // capability 3; P about 0.61-0.65), so both adopt it:
  //   P,    own:  (2.4 * 0.2176 + 0.5 * 0.2143) / 2.9 = 0.62939 / 2.9 = 0.217031
  //   P,    KTAB: (2.4 * 0.2176 + 1.5 * 0.2143) / 3.9 = 0.84369 / 3.9 = 0.216331
  //   gain, own:  (2.4 * 0.2176 + 0.5 * 0.3886) / 2.9 = 0.71654 / 2.9 = 0.247083
  //   gain, KTAB: (2.4 * 0.2176 + 1.5 * 0.3886) / 3.9 = 1.10514 / 3.9 = 0.283369
  struct Case {
    TargetBargainInput input;
    CompromiseWeights weights;
    double position;
  };
  const Case cases[] = {
      {TargetBargainInput::VictoryProbability, CompromiseWeights::OwnCapability, 0.62939 / 2.9},
      {TargetBargainInput::VictoryProbability, CompromiseWeights::KtabInitiatorCapability,
       0.84369 / 3.9},
      {TargetBargainInput::KtabExpectedGain, CompromiseWeights::OwnCapability, 0.71654 / 2.9},
      {TargetBargainInput::KtabExpectedGain, CompromiseWeights::KtabInitiatorCapability,
       1.10514 / 3.9},
  };
  for (const auto& c : cases) {
    const auto r = one_turn(BargainModel::PWCompInterp, c.input, c.weights);
    EXPECT_NEAR(r.turns[1].positions[0][0], 100 * c.position, 1e-9);
    EXPECT_NEAR(r.turns[1].positions[1][0], 100 * c.position, 1e-9);
  }
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
    a.name = fmt::format("A{}", i);
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
