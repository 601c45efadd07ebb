#include "linchpin/bargaining/spatial_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>

#include "linchpin/core/error.hpp"
#include "linchpin/core/random_stream.hpp"

namespace linchpin::bargaining {
namespace {

using Matrix = std::vector<std::vector<double>>;

// KTAB's floors that keep every ratio away from 0/0.
constexpr double kMinCoalition = 1e-8;  // coalition strength of an empty coalition
constexpr double kMinChallengeCoalition = 1e-10;
constexpr double kMinInterpolationWeight = 1e-6;
constexpr double kMinSignificantGain = 1e-5;   // smaller expected gains are not worth a challenge
constexpr double kEquivalentPositions = 1e-3;  // unit-scale distance below which positions merge
constexpr double kMinFirstMove = 1e-4;  // added to the first turn's move in the stopping ratio

double sum(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0);
}

// Rounds to 4 decimals on the unit scale, as KTAB does to its S^nP^m bargains so that the two
// sides of one bargain do not differ by round-off alone.
double round4(double value) {
  return static_cast<double>(static_cast<long long>(0.5 + value * 10000.0)) / 10000.0;
}

double euclidean(const std::vector<double>& a, const std::vector<double>& b) {
  double total = 0.0;
  for (std::size_t k = 0; k < a.size(); ++k) total += (a[k] - b[k]) * (a[k] - b[k]);
  return std::sqrt(total);
}

}  // namespace

double weighted_distance(const std::vector<double>& from, const std::vector<double>& to,
                         const std::vector<double>& saliences) {
  double weighted = 0.0;
  double norm = 0.0;
  for (std::size_t k = 0; k < saliences.size(); ++k) {
    const double ds = (from[k] - to[k]) * saliences[k];
    weighted += ds * ds;
    norm += saliences[k] * saliences[k];
  }
  if (norm <= 0.0) return 0.0;
  return std::sqrt(weighted / norm);
}

double risk_utility(double distance, double risk) {
  // Beyond distance 1 (round-off only) KTAB keeps the curve's slope at d = 1.
  if (distance <= 1.0) return (1.0 - distance) * (1.0 + distance * risk);
  return (1.0 - distance) * (1.0 + risk);
}

double vote(VotingRule rule, double weight, double utility_a, double utility_b) {
  if (weight <= 0.0) return 0.0;  // an actor without weight does not vote
  const double du = utility_a - utility_b;
  const double binary = std::clamp(du / 1e-8, -1.0, 1.0);
  switch (rule) {
    case VotingRule::Binary:
      return weight * binary;
    case VotingRule::PropBin:
      return weight * (0.8 * du + 0.2 * binary);
    case VotingRule::Proportional:
      return weight * du;
    case VotingRule::PropCbc:
      return weight * (0.5 * du + 0.5 * du * du * du);
    case VotingRule::Cubic:
      return weight * du * du * du;
    case VotingRule::ASymProsp:
      return du < 0.0 ? weight * du : 2.0 * weight * du / 3.0;
  }
  return 0.0;
}

double victory_probability(VictoryProbabilityModel model, double strength_a, double strength_b) {
  double a = strength_a;
  double b = strength_b;
  switch (model) {
    case VictoryProbabilityModel::Linear:
      break;
    case VictoryProbabilityModel::Square:
      a = a * a;
      b = b * b;
      break;
    case VictoryProbabilityModel::Quartic:
      a = a * a * a * a;
      b = b * b * b * b;
      break;
    case VictoryProbabilityModel::Octic:
      a = std::pow(a, 8.0);
      b = std::pow(b, 8.0);
      break;
    case VictoryProbabilityModel::Binary: {
      // A 10% advantage decides; linear in the strength share in between.
      constexpr double threshold = 1.10;
      constexpr double floor = 1e-6;
      if (strength_a >= threshold * strength_b) {
        a = 1.0;
        b = floor;
      } else if (strength_b >= threshold * strength_a) {
        a = floor;
        b = 1.0;
      } else {
        const double share = strength_a / (strength_a + strength_b);
        a = (share * (threshold + 1.0) - 1.0) / (threshold - 1.0);
        b = 1.0 - a;
      }
      break;
    }
  }
  return a / (a + b);
}

Matrix coalition_strengths(VotingRule rule, const std::vector<double>& weights,
                           const Matrix& utility) {
  const std::size_t options = utility.empty() ? 0 : utility[0].size();
  Matrix c(options, std::vector<double>(options, kMinCoalition));
  for (std::size_t a = 0; a < options; ++a) {
    for (std::size_t b = 0; b < a; ++b) {
      for (std::size_t k = 0; k < utility.size(); ++k) {
        const double v = vote(rule, weights[k], utility[k][a], utility[k][b]);
        if (v > 0.0) c[a][b] += v;
        if (v < 0.0) c[b][a] -= v;
      }
    }
  }
  return c;
}

namespace {

Matrix victory_matrix(VictoryProbabilityModel model, const Matrix& c) {
  const std::size_t n = c.size();
  Matrix v(n, std::vector<double>(n, 0.5));
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < a; ++b) {
      v[a][b] = victory_probability(model, c[a][b], c[b][a]);
      v[b][a] = 1.0 - v[a][b];
    }
  }
  return v;
}

std::vector<double> conditional_pce(const Matrix& v) {
  const std::size_t n = v.size();
  std::vector<double> p(n, 1.0);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) p[a] *= v[a][b];
  const double total = sum(p);
  for (double& x : p) x /= total;
  return p;
}

// Iterates p <- (p + q) / 2 until no component moves more than `tolerance`.
template <typename Step>
std::vector<double> markov_fixed_point(std::size_t n, double tolerance, Step step) {
  std::vector<double> p(n, 1.0 / static_cast<double>(n));
  for (int iteration = 0; iteration < 100000; ++iteration) {
    const std::vector<double> q = step(p);
    double change = 0.0;
    for (std::size_t a = 0; a < n; ++a) change = std::max(change, std::fabs(q[a] - p[a]));
    for (std::size_t a = 0; a < n; ++a) p[a] = 0.5 * (p[a] + q[a]);
    if (change <= tolerance) return p;
  }
  throw Error("spatial model: Markov PCE did not converge");
}

std::vector<double> markov_uniform_pce(const Matrix& v) {
  const std::size_t n = v.size();
  return markov_fixed_point(n, 1e-6, [&](const std::vector<double>& p) {
    std::vector<double> q(n, 0.0);
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t b = 0; b < n; ++b) q[a] += v[a][b] * (p[a] + p[b]);
      q[a] /= static_cast<double>(n);
    }
    return q;
  });
}

std::vector<double> markov_incentive_pce(const Matrix& c, const Matrix& v) {
  const std::size_t n = c.size();
  // Challenge probability of a against the current favourite b: proportional to a's incentive
  // (coalition strength times victory probability).
  Matrix challenge(n, std::vector<double>(n, 0.0));
  for (std::size_t b = 0; b < n; ++b) {
    double total = 0.0;
    std::vector<double> incentive(n);
    for (std::size_t a = 0; a < n; ++a) {
      incentive[a] = c[a][b] * v[a][b] + (a == b ? 1e-10 : 0.0);
      total += incentive[a];
    }
    for (std::size_t a = 0; a < n; ++a) challenge[a][b] = incentive[a] / total;
  }
  return markov_fixed_point(n, 1e-8, [&](const std::vector<double>& p) {
    std::vector<double> q(n, 0.0);
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b)
        q[a] += v[a][b] * (p[a] * challenge[b][a] + p[b] * challenge[a][b]);
    return q;
  });
}

}  // namespace

std::vector<double> condorcet_probabilities(PceModel pce, VictoryProbabilityModel victory,
                                            const Matrix& coalitions) {
  const Matrix v = victory_matrix(victory, coalitions);
  switch (pce) {
    case PceModel::Conditional:
      return conditional_pce(v);
    case PceModel::MarkovIncentive:
      return markov_incentive_pce(coalitions, v);
    case PceModel::MarkovUniform:
      return markov_uniform_pce(v);
  }
  return {};
}

std::vector<double> scalar_pce(VotingRule rule, VictoryProbabilityModel victory, PceModel pce,
                               const std::vector<double>& weights, const Matrix& utility) {
  return condorcet_probabilities(pce, victory, coalition_strengths(rule, weights, utility));
}

std::vector<double> risk_from_probabilities(const std::vector<double>& probabilities,
                                            RiskRange range) {
  const auto [min_it, max_it] = std::minmax_element(probabilities.begin(), probabilities.end());
  const double lo = *min_it;
  const double hi = *max_it;
  std::vector<double> risk(probabilities.size(), 0.0);
  if (hi - lo <= 1e-12) return risk;  // all equal: nobody stands out, treat all as neutral
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    const double p = probabilities[i];
    switch (range) {
      case RiskRange::Min:
        risk[i] = (p - lo) / (hi - lo);
        break;
      case RiskRange::Mid:
        risk[i] = (3.0 * p - (hi + 2.0 * lo)) / (2.0 * (hi - lo));
        break;
      case RiskRange::Max:
        risk[i] = (2.0 * p - (hi + lo)) / (hi - lo);
        break;
    }
  }
  return risk;
}

double estimated_risk(double own_risk, double other_risk, RiskAdjust adjust) {
  switch (adjust) {
    case RiskAdjust::None:
      return own_risk;
    case RiskAdjust::OneThird:
      return (2.0 * own_risk + other_risk) / 3.0;
    case RiskAdjust::Half:
      return (own_risk + other_risk) / 2.0;
    case RiskAdjust::TwoThirds:
      return (own_risk + 2.0 * other_risk) / 3.0;
    case RiskAdjust::Full:
      return other_risk;
  }
  return own_risk;
}

double third_party_vote(VotingRule rule, ThirdPartyCommit commit, double weight, double p_initiator,
                        double u_initiator, double u_target, double u_own) {
  // Sum of the third party's utilities over the three positions (initiator's, target's, own)
  // after each outcome of the little three-actor contest; unchanged positions cancel.
  const double ui = u_initiator;
  const double uj = u_target;
  const double uk = u_own;
  double joined_i_wins = 0, joined_i_loses = 0, joined_j_loses = 0, joined_j_wins = 0;
  switch (commit) {
    case ThirdPartyCommit::FullCommit:  // the joiner adopts the winner's position either way
      joined_i_wins = 3 * ui;
      joined_i_loses = 3 * uj;
      joined_j_loses = 3 * ui;
      joined_j_wins = 3 * uj;
      break;
    case ThirdPartyCommit::SemiCommit:  // the joiner keeps its position if its side wins
      joined_i_wins = 2 * ui + uk;
      joined_i_loses = 3 * uj;
      joined_j_loses = 3 * ui;
      joined_j_wins = 2 * uj + uk;
      break;
    case ThirdPartyCommit::NoCommit:  // the joiner keeps its position whatever happens
      joined_i_wins = 2 * ui + uk;
      joined_i_loses = 2 * uj + uk;
      joined_j_loses = 2 * ui + uk;
      joined_j_wins = 2 * uj + uk;
      break;
  }
  const double p_j = 1.0 - p_initiator;
  const double join_i = p_initiator * joined_i_wins + p_j * joined_i_loses;
  const double join_j = p_initiator * joined_j_loses + p_j * joined_j_wins;
  return vote(rule, weight, join_i, join_j);
}

std::array<double, 2> interpolate_dimension(BargainInterpolation method, double t_i, double s_i,
                                            double p_i, double t_j, double s_j, double p_j) {
  if (method == BargainInterpolation::S2PMax) {
    // Only the side with the lower probability concedes, by the probability gap.
    const double gap_i = std::max(0.0, p_j - p_i);
    const double gap_j = std::max(0.0, p_i - p_j);
    const double si2 = s_i * s_i;
    const double sj2 = s_j * s_j;
    const double di = gap_i * sj2 / (gap_i * sj2 + kMinInterpolationWeight + (1 - gap_i) * si2);
    const double dj = gap_j * si2 / (gap_j * si2 + kMinInterpolationWeight + (1 - gap_j) * sj2);
    return {t_i + di * (t_j - t_i), t_j + dj * (t_i - t_j)};
  }
  const int power = method == BargainInterpolation::S1P1 ? 1 : 2;
  const double w_i = std::pow(s_i, power) * std::pow(p_i, power);
  const double w_j = std::pow(s_j, power) * std::pow(p_j, power);
  // The tiny weight keeps 0/0 away: with no weight on either side, each keeps its own position.
  const double m = kMinInterpolationWeight;
  return {round4(((w_i + m) * t_i + w_j * t_j) / (w_i + m + w_j)),
          round4((w_i * t_i + (w_j + m) * t_j) / (w_i + m + w_j))};
}

// ---------------------------------------------------------------------------------------------

namespace {

struct Actors {
  std::vector<double> capability;
  std::vector<std::vector<double>> salience;
  std::vector<double> total_salience;
};

struct Bargain {
  std::size_t initiator = 0;
  std::size_t receiver = 0;
  std::vector<double> for_initiator;
  std::vector<double> for_receiver;
  bool status_quo() const { return initiator == receiver; }
};

// Everything a turn derives from the positions: distances, risk attitudes, reported probability.
class TurnAnalysis {
 public:
  TurnAnalysis(const Actors& actors, const Matrix& positions, const SpatialModelOptions& options)
      : actors_(actors), positions_(positions), n_(positions.size()) {
    distance_.assign(n_, std::vector<double>(n_, 0.0));
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t j = 0; j < n_; ++j)
        distance_[i][j] = weighted_distance(positions[i], positions[j], actors.salience[i]);

    // Risk attitudes from the risk-neutral probability of each actor's position.
    Matrix neutral(n_, std::vector<double>(n_));
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t j = 0; j < n_; ++j) neutral[i][j] = risk_utility(distance_[i][j], 0.0);
    const auto neutral_p = scalar_pce(options.voting_rule, options.victory_model, options.pce_model,
                                      actors.capability, neutral);
    risk_ = risk_from_probabilities(neutral_p, options.risk_range);
    estimated_risk_.assign(n_, std::vector<double>(n_));
    for (std::size_t h = 0; h < n_; ++h)
      for (std::size_t i = 0; i < n_; ++i)
        estimated_risk_[h][i] = estimated_risk(risk_[h], risk_[i], options.risk_adjust);

    own_utility_.assign(n_, std::vector<double>(n_));
    own_row_sum_.assign(n_, 0.0);
    for (std::size_t i = 0; i < n_; ++i) {
      for (std::size_t j = 0; j < n_; ++j) {
        own_utility_[i][j] = risk_utility(distance_[i][j], risk_[i]);
        own_row_sum_[i] += own_utility_[i][j];
      }
    }
    report_probabilities(options);
  }

  // h's estimate of i's utility for j's position.
  double utility(std::size_t h, std::size_t i, std::size_t j) const {
    return risk_utility(distance_[i][j], estimated_risk_[h][i]);
  }
  // i's own utility for an arbitrary position.
  double utility_of(std::size_t i, const std::vector<double>& position) const {
    return risk_utility(weighted_distance(positions_[i], position, actors_.salience[i]), risk_[i]);
  }
  double own_utility(std::size_t i, std::size_t j) const { return own_utility_[i][j]; }
  double own_row_sum(std::size_t i) const { return own_row_sum_[i]; }
  const std::vector<double>& risk() const { return risk_; }
  const std::vector<double>& probabilities() const { return probabilities_; }

 private:
  // Probability of each distinct position (equivalent positions merged) winning a PCE in which
  // every actor votes with its own risk-aware utilities; each actor reports its position's.
  void report_probabilities(const SpatialModelOptions& options) {
    // First the distinct positions (each not equivalent to an earlier distinct one), then each
    // actor joins the LAST distinct position within tolerance: a position within tolerance of
    // two distinct ones goes with the later, as in KTAB's output tables.
    std::vector<std::size_t> unique;
    for (std::size_t i = 0; i < n_; ++i) {
      bool seen = false;
      for (std::size_t u : unique)
        seen = seen || euclidean(positions_[i], positions_[u]) < kEquivalentPositions;
      if (!seen) unique.push_back(i);
    }
    std::vector<std::size_t> class_of(n_, 0);
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t u = 0; u < unique.size(); ++u)
        if (euclidean(positions_[i], positions_[unique[u]]) < kEquivalentPositions) class_of[i] = u;
    Matrix u(n_, std::vector<double>(unique.size()));
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t m = 0; m < unique.size(); ++m) u[i][m] = own_utility_[i][unique[m]];
    const auto p = scalar_pce(options.voting_rule, options.victory_model, options.pce_model,
                              actors_.capability, u);
    probabilities_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) probabilities_[i] = p[class_of[i]];
  }

  const Actors& actors_;
  Matrix positions_;
  std::size_t n_;
  Matrix distance_;
  std::vector<double> risk_;
  Matrix estimated_risk_;
  Matrix own_utility_;
  std::vector<double> own_row_sum_;
  std::vector<double> probabilities_;
};

// h's estimate of the challenge of i against j and its expected gain for actor k.
ChallengeEstimate estimate_challenge(const TurnAnalysis& turn, const Actors& actors,
                                     const SpatialModelOptions& options, std::size_t h,
                                     std::size_t k, std::size_t i, std::size_t j) {
  const std::size_t n = actors.capability.size();
  const VotingRule rule = options.voting_rule;
  const double u_ki = turn.utility(h, k, i);
  const double u_kj = turn.utility(h, k, j);
  const double status_quo = u_ki + u_kj;
  const double i_wins = 2 * u_ki;  // j adopts i's position
  const double j_wins = 2 * u_kj;  // i adopts j's position

  const double w_i = actors.total_salience[i] * actors.capability[i];
  const double w_j = actors.total_salience[j] * actors.capability[j];
  const double vote_i = vote(rule, w_i, turn.utility(h, i, i), turn.utility(h, i, j));
  const double vote_j = vote(rule, w_j, turn.utility(h, j, i), turn.utility(h, j, j));
  double for_i = kMinChallengeCoalition + std::max(0.0, vote_i) + std::max(0.0, vote_j);
  double for_j = kMinChallengeCoalition + std::max(0.0, -vote_i) + std::max(0.0, -vote_j);
  const double principals_i = for_i;
  const double principals_j = for_j;

  for (std::size_t m = 0; m < n; ++m) {
    if (m == i || m == j) continue;
    const double w_m = actors.total_salience[m] * actors.capability[m];
    const double u_mi = turn.utility(h, m, i);
    const double u_mj = turn.utility(h, m, j);
    // Each third party judges the little contest of the principals plus itself.
    const double own = vote(rule, w_m, u_mi, u_mj);
    const double little_i = principals_i + std::max(0.0, own);
    const double little_j = principals_j + std::max(0.0, -own);
    const double p_little = little_i / (little_i + little_j);
    const double v = third_party_vote(rule, options.third_party_commit, w_m, p_little, u_mi, u_mj,
                                      turn.utility(h, m, m));
    if (v > 0) for_i += v;
    if (v < 0) for_j -= v;
  }
  const double p = for_i / (for_i + for_j);
  const double contest = p * i_wins + (1 - p) * j_wins;
  // The target resists with probability equal to its total salience; otherwise it gives in.
  const double s_j = actors.total_salience[j];
  const double challenge = (1 - s_j) * i_wins + s_j * contest;
  return {p, challenge - status_quo};
}

void validate(const BargainingProblem& problem) {
  DiagnosticList problems;
  const std::size_t dims = problem.dimensions.size();
  if (problem.actors.empty()) problems.add(problem.location, "actors", "at least one actor");
  if (dims == 0) problems.add(problem.location, "dimensions", "at least one dimension");
  if (!(std::isfinite(problem.scale_min) && std::isfinite(problem.scale_max) &&
        problem.scale_max > problem.scale_min))
    problems.add(problem.location, "scale", "finite scale with scale_max > scale_min");
  bool any_capability = false;
  for (std::size_t a = 0; a < problem.actors.size(); ++a) {
    const auto& actor = problem.actors[a];
    const std::string key = fmt::format("actors[{}]", a);
    if (!std::isfinite(actor.capability) || actor.capability < 0.0)
      problems.add(actor.location, key + ".capability", "a finite number >= 0");
    else if (actor.capability > 0.0)
      any_capability = true;
    if (actor.positions.size() != dims || actor.saliences.size() != dims) {
      problems.add(actor.location, key,
                   fmt::format("one position and salience per dimension ({})", dims));
      continue;
    }
    double total = 0.0;
    for (std::size_t d = 0; d < dims; ++d) {
      const double x = actor.positions[d];
      const double s = actor.saliences[d];
      if (!std::isfinite(x) || x < problem.scale_min || x > problem.scale_max)
        problems.add(actor.location, fmt::format("{}.positions[{}]", key, d),
                     fmt::format("a number in [{}, {}]", problem.scale_min, problem.scale_max));
      if (!std::isfinite(s) || s < 0.0 || s > 1.0)
        problems.add(actor.location, fmt::format("{}.saliences[{}]", key, d), "a number in [0, 1]");
      else
        total += s;
    }
    if (total > 1.0 + 1e-9)
      problems.add(actor.location, key + ".saliences",
                   fmt::format("total salience at most 1 (found {:.4f})", total));
  }
  if (!problem.actors.empty() && !any_capability)
    problems.add(problem.location, "actors", "a positive capability for at least one actor");
  problems.throw_if_any();
}

// The S^nP^m (or S2PMax) bargain between the two parties when the initiator wins with p_i.
BargainProposal interpolate(BargainInterpolation method, const BargainParty& i,
                            const BargainParty& j, double p_i) {
  BargainProposal b{i.position, j.position};
  for (std::size_t d = 0; d < i.position.size(); ++d) {
    const auto [bi, bj] = interpolate_dimension(method, i.position[d], i.saliences[d], p_i,
                                                j.position[d], j.saliences[d], 1.0 - p_i);
    b.for_initiator[d] = bi;
    b.for_receiver[d] = bj;
  }
  return b;
}

}  // namespace

std::vector<BargainProposal> propose_bargains(const SpatialModelOptions& options,
                                              const BargainParty& initiator,
                                              const BargainParty& target,
                                              const ChallengeEstimate& by_initiator,
                                              const ChallengeEstimate& by_target) {
  const BargainProposal from_i =
      interpolate(options.interpolation, initiator, target, by_initiator.probability);
  if (options.bargain_model == BargainModel::InitOnlyInterp) return {from_i};
  const double p_by_j = options.target_bargain_input == TargetBargainInput::VictoryProbability
                            ? by_target.probability
                            : by_target.gain;
  const BargainProposal from_j = interpolate(options.interpolation, initiator, target, p_by_j);
  if (options.bargain_model == BargainModel::InitRcvrInterp) return {from_i, from_j};
  const double w_i = initiator.capability * sum(initiator.saliences);
  const double cap_j = options.compromise_weights == CompromiseWeights::OwnCapability
                           ? target.capability
                           : initiator.capability;
  const double w_j = cap_j * sum(target.saliences);
  BargainProposal mixed = from_i;
  for (std::size_t d = 0; d < mixed.for_initiator.size(); ++d) {
    mixed.for_initiator[d] =
        (w_i * from_i.for_initiator[d] + w_j * from_j.for_initiator[d]) / (w_i + w_j);
    mixed.for_receiver[d] =
        (w_i * from_i.for_receiver[d] + w_j * from_j.for_receiver[d]) / (w_i + w_j);
  }
  return {mixed};
}

std::size_t choose_bargain(StateTransitions transitions, const std::vector<double>& probabilities,
                           double uniform_draw) {
  const auto& p = probabilities;
  if (transitions == StateTransitions::Deterministic)
    return static_cast<std::size_t>(std::max_element(p.begin(), p.end()) - p.begin());
  double draw = uniform_draw;
  for (std::size_t m = 0; m < p.size(); ++m) {
    if (draw < p[m]) return m;
    draw -= p[m];
  }
  return p.size() - 1;
}

double move_measure(StopMeasure measure, const Matrix& a, const Matrix& b) {
  double total = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double d = euclidean(a[i], b[i]);
    total += measure == StopMeasure::RmsOfMoves ? d * d : d;
  }
  if (measure == StopMeasure::RmsOfMoves) return std::sqrt(total / static_cast<double>(a.size()));
  return total;
}

SpatialModelOptions ktab_code_options() {
  SpatialModelOptions options;
  options.target_bargain_input = TargetBargainInput::KtabExpectedGain;
  options.compromise_weights = CompromiseWeights::KtabInitiatorCapability;
  options.stop_measure = StopMeasure::KtabSumOfMoves;
  return options;
}

SpatialModelResult run_spatial_model(const BargainingProblem& problem,
                                     const SpatialModelOptions& options) {
  validate(problem);
  const std::size_t n = problem.actors.size();
  const double lo = problem.scale_min;
  const double span = problem.scale_max - problem.scale_min;

  Actors actors;
  Matrix positions(n);
  for (const auto& actor : problem.actors) {
    actors.capability.push_back(actor.capability);
    actors.salience.push_back(actor.saliences);
    actors.total_salience.push_back(sum(actor.saliences));
  }
  for (std::size_t i = 0; i < n; ++i)
    for (double x : problem.actors[i].positions) positions[i].push_back((x - lo) / span);

  auto to_scale = [&](const Matrix& unit) {
    Matrix out = unit;
    for (auto& row : out)
      for (double& x : row) x = lo + x * span;
    return out;
  };

  SpatialModelResult result;
  if (n == 1) {  // nobody to bargain with: the actor keeps its position and wins for sure
    result.turns.push_back({0, to_scale(positions), {1.0}, {0.0}});
    result.stop_turn = 0;
    result.stop_reason = "single_actor";
    return result;
  }

  RandomStream stream(options.seed, 0, "smp.bargain-choice");
  std::vector<Matrix> history{positions};
  auto analysis = std::make_unique<TurnAnalysis>(actors, history.back(), options);
  double first_move = 0.0;

  for (int turn = 1;; ++turn) {
    const Matrix& current = history.back();
    const TurnAnalysis& now = *analysis;
    result.turns.push_back({turn - 1, to_scale(current), now.probabilities(), now.risk()});

    // Challenges and bargains; every queue starts with the actor's status quo.
    std::vector<std::vector<Bargain>> queues(n);
    for (std::size_t i = 0; i < n; ++i) queues[i].push_back({i, i, current[i], current[i]});
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t best = n;
      ChallengeEstimate best_estimate{0.0, -1.0};
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i) continue;
        const auto e = estimate_challenge(now, actors, options, i, i, i, j);
        if (e.gain > kMinSignificantGain && e.gain > best_estimate.gain) {
          best = j;
          best_estimate = e;
        }
      }
      if (best == n) continue;
      const std::size_t j = best;
      const BargainParty party_i{current[i], actors.salience[i], actors.capability[i]};
      const BargainParty party_j{current[j], actors.salience[j], actors.capability[j]};
      // The target's estimate (of the initiator's gain) is needed only beyond InitOnlyInterp.
      const ChallengeEstimate by_j = options.bargain_model == BargainModel::InitOnlyInterp
                                         ? ChallengeEstimate{}
                                         : estimate_challenge(now, actors, options, j, i, i, j);
      for (const auto& proposal : propose_bargains(options, party_i, party_j, best_estimate, by_j))
        for (std::size_t a : {i, j})
          queues[a].push_back({i, j, proposal.for_initiator, proposal.for_receiver});
    }

    // Each actor's queue is decided by a PCE over the states its bargains would produce, valued
    // as the mean utility of all positions after the bargain.
    Matrix next(n);
    const double inv_n = 1.0 / static_cast<double>(n);
    for (std::size_t k = 0; k < n; ++k) {
      const auto& queue = queues[k];
      Matrix u(n, std::vector<double>(queue.size()));
      for (std::size_t a = 0; a < n; ++a) {
        for (std::size_t m = 0; m < queue.size(); ++m) {
          const Bargain& b = queue[m];
          double total = now.own_row_sum(a);
          if (!b.status_quo()) {
            total += now.utility_of(a, b.for_initiator) + now.utility_of(a, b.for_receiver) -
                     now.own_utility(a, b.initiator) - now.own_utility(a, b.receiver);
          }
          u[a][m] = total * inv_n;
        }
      }
      const auto p = scalar_pce(options.voting_rule, options.victory_model, options.pce_model,
                                actors.capability, u);
      // Only stochastic transitions draw, so a deterministic run leaves the stream untouched.
      const double draw =
          options.transitions == StateTransitions::Stochastic ? stream.uniform() : 0.0;
      const std::size_t chosen = choose_bargain(options.transitions, p, draw);
      const Bargain& b = queue[chosen];
      next[k] = b.status_quo() ? current[k] : (b.initiator == k ? b.for_initiator : b.for_receiver);
    }

    const double move = move_measure(options.stop_measure, current, next);
    if (turn == 1) first_move = move + kMinFirstMove;
    history.push_back(std::move(next));
    analysis = std::make_unique<TurnAnalysis>(actors, history.back(), options);
    const double ratio =
        options.stop_ratio.value_or(options.stop_measure == StopMeasure::RmsOfMoves ? 0.01 : 0.02);
    const bool quiet = move / first_move < ratio;
    if (turn >= options.max_turns || (turn >= options.min_turns && quiet)) {
      result.turns.push_back(
          {turn, to_scale(history.back()), analysis->probabilities(), analysis->risk()});
      result.stop_turn = turn;
      result.stop_reason = quiet && turn >= options.min_turns ? "converged" : "max_turns";
      return result;
    }
  }
}

}  // namespace linchpin::bargaining
