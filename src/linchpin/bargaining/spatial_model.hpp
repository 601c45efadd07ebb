#pragma once
// The Spatial Model of Politics (SMP) as implemented by KTAB, KAPSARC's Kinetic Tool for
// Actor-Based modeling (Wise, Lumley et al.). Actors hold vector positions; each turn they infer
// risk attitudes, pick the most profitable challenge, interpolate a bargain with the target, and
// every actor adopts one bargain from its queue by a probabilistic Condorcet election (PCE).
// Model variants carry KTAB's own names. See docs/models/spatial_model.md.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "linchpin/bargaining/bargaining_problem.hpp"
#include "linchpin/core/enum_names.hpp"

namespace linchpin::bargaining {

// How the probability of victory rises with the strength ratio of two coalitions.
enum class VictoryProbabilityModel { Linear, Square, Quartic, Octic, Binary };
inline constexpr std::array<EnumName<VictoryProbabilityModel>, 5> kVictoryProbabilityModelNames{{
    {VictoryProbabilityModel::Linear, "Linear"},
    {VictoryProbabilityModel::Square, "Square"},
    {VictoryProbabilityModel::Quartic, "Quartic"},
    {VictoryProbabilityModel::Octic, "Octic"},
    {VictoryProbabilityModel::Binary, "Binary"},
}};

// How an actor's vote responds to its difference in utility between two options.
enum class VotingRule { Binary, PropBin, Proportional, PropCbc, Cubic, ASymProsp };
inline constexpr std::array<EnumName<VotingRule>, 6> kVotingRuleNames{{
    {VotingRule::Binary, "Binary"},
    {VotingRule::PropBin, "PropBin"},
    {VotingRule::Proportional, "Prop"},
    {VotingRule::PropCbc, "PropCbc"},
    {VotingRule::Cubic, "Cubic"},
    {VotingRule::ASymProsp, "ASymProsp"},
}};

// Probabilistic Condorcet election: from pairwise victory probabilities to one distribution.
enum class PceModel { Conditional, MarkovIncentive, MarkovUniform };
inline constexpr std::array<EnumName<PceModel>, 3> kPceModelNames{{
    {PceModel::Conditional, "Conditional"},
    {PceModel::MarkovIncentive, "MarkovIncentive"},
    {PceModel::MarkovUniform, "MarkovUniform"},
}};

// Whether each actor adopts its most probable bargain or draws one from the PCE distribution.
enum class StateTransitions { Deterministic, Stochastic };
inline constexpr std::array<EnumName<StateTransitions>, 2> kStateTransitionsNames{{
    {StateTransitions::Deterministic, "Deterministic"},
    {StateTransitions::Stochastic, "Stochastic"},
}};

// Range of inferred risk attitudes R: Min [0, 1], Mid [-1/2, 1], Max [-1, 1].
enum class RiskRange { Min, Mid, Max };
inline constexpr std::array<EnumName<RiskRange>, 3> kRiskRangeNames{{
    {RiskRange::Min, "Min"},
    {RiskRange::Mid, "Mid"},
    {RiskRange::Max, "Max"},
}};

// How far actor h moves its estimate of i's risk attitude from its own r_h towards r_i.
enum class RiskAdjust { None, OneThird, Half, TwoThirds, Full };
inline constexpr std::array<EnumName<RiskAdjust>, 5> kRiskAdjustNames{{
    {RiskAdjust::None, "None"},
    {RiskAdjust::OneThird, "OneThird"},
    {RiskAdjust::Half, "Half"},
    {RiskAdjust::TwoThirds, "TwoThirds"},
    {RiskAdjust::Full, "Full"},
}};

// How committed a third party is to the side it joins in a challenge.
enum class ThirdPartyCommit { NoCommit, SemiCommit, FullCommit };
inline constexpr std::array<EnumName<ThirdPartyCommit>, 3> kThirdPartyCommitNames{{
    {ThirdPartyCommit::NoCommit, "NoCommit"},
    {ThirdPartyCommit::SemiCommit, "SemiCommit"},
    {ThirdPartyCommit::FullCommit, "FullCommit"},
}};

// Interpolation of a bargain between two positions, dimension by dimension: weights
// salience^n * probability^m (S1P1, S2P2), or S2PMax (only the weaker side concedes).
enum class BargainInterpolation { S1P1, S2P2, S2PMax };
inline constexpr std::array<EnumName<BargainInterpolation>, 3> kBargainInterpolationNames{{
    {BargainInterpolation::S1P1, "S1P1"},
    {BargainInterpolation::S2P2, "S2P2"},
    {BargainInterpolation::S2PMax, "S2PMax"},
}};

// Whose perspective forms the proposed bargain: the initiator's only, both (two bargains), or
// their power-weighted compromise.
enum class BargainModel { InitOnlyInterp, InitRcvrInterp, PWCompInterp };
inline constexpr std::array<EnumName<BargainModel>, 3> kBargainModelNames{{
    {BargainModel::InitOnlyInterp, "InitOnlyInterp"},
    {BargainModel::InitRcvrInterp, "InitRcvrInterp"},
    {BargainModel::PWCompInterp, "PWCompInterp"},
}};

// What the target feeds into its own interpolation (the "receiver's perspective" bargain).
// KTAB's comment and the model description say: the target's estimate of the probability that
// the initiator wins. KTAB's code passes the target's estimate of the initiator's expected gain.
enum class TargetBargainInput { VictoryProbability, KtabExpectedGain };
inline constexpr std::array<EnumName<TargetBargainInput>, 2> kTargetBargainInputNames{{
    {TargetBargainInput::VictoryProbability, "VictoryProbability"},
    {TargetBargainInput::KtabExpectedGain, "KtabExpectedGain"},
}};

// Weights of the power-weighted compromise: each side's capability times total salience
// (as documented), or KTAB's code, which uses the initiator's capability for both sides.
enum class CompromiseWeights { OwnCapability, KtabInitiatorCapability };
inline constexpr std::array<EnumName<CompromiseWeights>, 2> kCompromiseWeightsNames{{
    {CompromiseWeights::OwnCapability, "OwnCapability"},
    {CompromiseWeights::KtabInitiatorCapability, "KtabInitiatorCapability"},
}};

// Stopping measure. KTAB's README: stop when the RMS change of positions is 1/100 of the first
// turn's. KTAB's code: stop when the sum over actors of the distance moved is below 0.02 of the
// first turn's (plus 1e-4).
enum class StopMeasure { RmsOfMoves, KtabSumOfMoves };
inline constexpr std::array<EnumName<StopMeasure>, 2> kStopMeasureNames{{
    {StopMeasure::RmsOfMoves, "RmsOfMoves"},
    {StopMeasure::KtabSumOfMoves, "KtabSumOfMoves"},
}};

struct SpatialModelOptions {
  VictoryProbabilityModel victory_model = VictoryProbabilityModel::Linear;
  VotingRule voting_rule = VotingRule::Proportional;
  PceModel pce_model = PceModel::Conditional;
  StateTransitions transitions = StateTransitions::Deterministic;
  RiskRange risk_range = RiskRange::Mid;
  RiskAdjust risk_adjust = RiskAdjust::OneThird;
  ThirdPartyCommit third_party_commit = ThirdPartyCommit::SemiCommit;
  BargainInterpolation interpolation = BargainInterpolation::S2P2;
  BargainModel bargain_model = BargainModel::InitOnlyInterp;
  TargetBargainInput target_bargain_input = TargetBargainInput::VictoryProbability;
  CompromiseWeights compromise_weights = CompromiseWeights::OwnCapability;
  StopMeasure stop_measure = StopMeasure::RmsOfMoves;
  // Stop when last move / first move falls below this; unset = the measure's own ratio
  // (0.01 for RmsOfMoves, 0.02 for KtabSumOfMoves).
  std::optional<double> stop_ratio;
  int min_turns = 2;       // never stop before this many turns
  int max_turns = 100;     // always stop here
  std::uint64_t seed = 0;  // stochastic transitions only
};

// The options that reproduce KTAB's code where it departs from its documentation
// (target bargain input, compromise weights, stopping rule); all else as the defaults.
SpatialModelOptions ktab_code_options();

// ---- Math kernels (pure; positions and saliences on the unit scale) ----

// Salience-weighted distance sqrt(sum (s_k d_k)^2 / sum s_k^2) between two positions; 0 when
// every salience is 0 (the actor cares about nothing, so every position is equally good).
double weighted_distance(const std::vector<double>& from, const std::vector<double>& to,
                         const std::vector<double>& saliences);
// Utility of a position at weighted distance d for risk attitude R: (1 - d)(1 + d R).
double risk_utility(double distance, double risk);
// A vote of strength `weight` for option a over option b under the rule (positive favours a).
double vote(VotingRule rule, double weight, double utility_a, double utility_b);
// Probability that a coalition of strength `strength_a` beats one of `strength_b`.
double victory_probability(VictoryProbabilityModel model, double strength_a, double strength_b);
// coalitions[a][b] = 1e-8 + sum over actors of their positive votes for option a over b.
std::vector<std::vector<double>> coalition_strengths(
    VotingRule rule, const std::vector<double>& weights,
    const std::vector<std::vector<double>>& utility);
// Probability of each option from the coalition matrix.
std::vector<double> condorcet_probabilities(PceModel pce, VictoryProbabilityModel victory,
                                            const std::vector<std::vector<double>>& coalitions);
// Scalar PCE: weights[actor], utility[actor][option] -> probability of each option.
std::vector<double> scalar_pce(VotingRule rule, VictoryProbabilityModel victory, PceModel pce,
                               const std::vector<double>& weights,
                               const std::vector<std::vector<double>>& utility);
// Risk attitudes from position probabilities, spread linearly over the range (all 0 when every
// probability is equal, where KTAB would divide by zero).
std::vector<double> risk_from_probabilities(const std::vector<double>& probabilities,
                                            RiskRange range);
// h's estimate of i's risk attitude.
double estimated_risk(double own_risk, double other_risk, RiskAdjust adjust);
// Third party's vote in a challenge (KTAB's "sum of utilities" model); the probability that the
// initiator's side wins with the third party on it is p_initiator.
double third_party_vote(VotingRule rule, ThirdPartyCommit commit, double weight, double p_initiator,
                        double u_initiator, double u_target, double u_own);
// Bargain on one dimension: positions t_i, t_j, saliences, probabilities; returns {b_i, b_j}.
std::array<double, 2> interpolate_dimension(BargainInterpolation method, double t_i, double s_i,
                                            double p_i, double t_j, double s_j, double p_j);

// One actor's estimate of a challenge of i against j.
struct ChallengeEstimate {
  double probability = 0.0;  // estimated probability that the initiator wins
  double gain = 0.0;         // estimated expected change in utility for the affected actor
};
// A party to a bargain: position (unit scale), saliences per dimension, capability.
struct BargainParty {
  std::vector<double> position;
  std::vector<double> saliences;
  double capability = 0.0;
};
// A bargain's new positions (unit scale) for the initiator and for the receiver.
struct BargainProposal {
  std::vector<double> for_initiator;
  std::vector<double> for_receiver;
};
// The bargains proposed when `initiator` challenges `target` (step 5 of the docs page), in the
// order they join both parties' queues. `by_initiator` is the initiator's estimate of its own
// challenge; `by_target` is the target's estimate of the same challenge and of the initiator's
// gain (used only by InitRcvrInterp and PWCompInterp, through target_bargain_input).
// InitOnlyInterp: one bargain; InitRcvrInterp: the initiator's then the target's; PWCompInterp:
// one, their mean weighted by capability x total salience (per compromise_weights).
std::vector<BargainProposal> propose_bargains(const SpatialModelOptions& options,
                                              const BargainParty& initiator,
                                              const BargainParty& target,
                                              const ChallengeEstimate& by_initiator,
                                              const ChallengeEstimate& by_target);
// Index of the bargain an actor adopts from its queue's PCE probabilities: the most probable
// (Deterministic; the first on ties) or the one whose cumulative-probability interval holds
// `uniform_draw` in [0, 1) (Stochastic; the last if round-off leaves the draw beyond the total).
std::size_t choose_bargain(StateTransitions transitions, const std::vector<double>& probabilities,
                           double uniform_draw);
// How far the positions moved between two states (rows are actors, unit scale): the RMS over
// actors of the Euclidean distance moved (RmsOfMoves) or its sum (KtabSumOfMoves).
double move_measure(StopMeasure measure, const std::vector<std::vector<double>>& before,
                    const std::vector<std::vector<double>>& after);

// ---- The run ----

struct SpatialTurn {
  int turn = 0;                                // 0 = the input positions
  std::vector<std::vector<double>> positions;  // [actor][dimension], on the problem's scale
  std::vector<double> probabilities;           // [actor]: probability of the actor's position
  std::vector<double> risk_attitudes;          // [actor]: inferred R this turn
};

struct SpatialModelResult {
  std::vector<SpatialTurn> turns;  // turns[t].turn == t
  int stop_turn = 0;
  std::string stop_reason;  // "converged", "max_turns", "single_actor"
};

// Runs the SMP on the problem until the stopping rule fires. Throws InputError on a problem
// the model cannot run (no actors, mismatched dimensions, NaN, saliences outside [0, 1],
// capability not positive anywhere, positions outside the scale).
SpatialModelResult run_spatial_model(const BargainingProblem& problem,
                                     const SpatialModelOptions& options = {});

}  // namespace linchpin::bargaining
