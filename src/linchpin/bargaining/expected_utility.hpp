#pragma once
// The expected-utility model of group decisions (Bueno de Mesquita 1994, 1997) as specified by
// Scholz, Calbert & Smith (2011): one issue dimension; each actor has a capability c, a
// position x and a salience s. Every round, actors compute the probability of winning a
// contest against each other actor (from everyone's capability- and salience-weighted votes),
// their risk exponents (from how exposed their position is), the expected utility of
// challenging each other actor, and make offers; each actor accepts the offer that moves it
// least, and all actors move at once. The forecast is the weighted median voter position.
//
// Kernels are free functions on positions already normalised to [0, 1] (distance / scale
// width). docs/models/expected_utility.md gives every equation and each reading chosen where
// the published descriptions are ambiguous.
#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "linchpin/bargaining/bargaining_problem.hpp"
#include "linchpin/core/enum_names.hpp"

namespace linchpin::bargaining {

// ---- Kernels ------------------------------------------------------------------------------

// Voter k's vote for position a over position b (Scholz et al. eq. 1):
// v = c_k s_k (|x_k - b| - |x_k - a|); positive when k prefers a.
double eu_vote(double capability, double salience, double voter_position, double a, double b);

// The median voter position: the actor position that wins every pairwise vote, i.e. minimises
// sum_k w_k |x_k - x| with w_k = c_k s_k (a weighted median). Ties go to the lowest position.
// Throws std::invalid_argument for empty input or when every weight is zero.
double weighted_median_position(std::span<const double> positions, std::span<const double> weights);

// sum_k w_k x_k / sum_k w_k. Throws std::invalid_argument when every weight is zero.
double weighted_mean_position(std::span<const double> positions, std::span<const double> weights);

// Probability that the actor at `challenger` beats the actor at `target`: the votes for the
// challenger's position over the target's, summed over the voters who prefer it, divided by
// the sum of every voter's absolute vote. P(i, j) + P(j, i) = 1. 0.5 when no voter has a
// preference (equal positions, or no weight).
double success_probability(std::span<const double> positions, std::span<const double> weights,
                           double challenger, double target);

// Actor i's utilities for the outcomes of its challenge of j, with risk exponent r
// (Scholz et al. section 3): success, failure, status quo, and the status quo changing to
// i's advantage (better) or disadvantage (worse). Distances are normalised to [0, 1].
struct ChallengeUtilities {
  double success = 0;     // 2 - 4 (0.5 - 0.5 d_ij)^r
  double failure = 0;     // 2 - 4 (0.5 + 0.5 d_ij)^r
  double status_quo = 0;  // 2 - 4 (0.5)^r
  double better = 0;      // 2 - 4 (0.5 - 0.25 (d_i,median + d_ij))^r
  double worse = 0;       // 2 - 4 (0.5 + 0.25 (d_i,median + d_ij))^r
};
ChallengeUtilities challenge_utilities(double distance_to_target, double distance_to_median,
                                       double risk_exponent);

// E^i U_ij = s_j [P U_s + (1 - P) U_f] + (1 - s_j) U_s - Q U_sq - (1 - Q)[T U_b + (1 - T) U_w]
double challenge_expected_utility(const ChallengeUtilities& utilities, double success_probability,
                                  double target_salience, double status_quo_probability,
                                  double improvement_probability);

// r_i = (1 - R_i/3) / (1 + R_i/3) with R_i = (2 S_i - S_max - S_min) / (S_max - S_min), where
// S_i is the sum of the other actors' expected utilities of challenging i. R ranges over
// [-1, 1], so r over [0.5, 2]; all securities equal gives R = 0, r = 1.
double risk_exponent(double security, double min_security, double max_security);

enum class OfferKind { confrontation, compromise, capitulation };
inline constexpr std::array<EnumName<OfferKind>, 3> kOfferKindNames = {{
    {OfferKind::confrontation, "confrontation"},
    {OfferKind::compromise, "compromise"},
    {OfferKind::capitulation, "capitulation"},
}};

// What a challenge from i means for its target j, given i's expected utility of challenging j
// (> 0, else there is no offer) and j's own expected utility of challenging i:
// - both positive: confrontation; the side with the larger expected utility prevails, so j
//   moves to x_i when E_ij > E_ji and stays otherwise (`target_moves` false);
// - E_ji <= 0: j yields the fraction |E_ji| / E_ij of the distance to x_i (compromise), or
//   all of it when that fraction reaches 1 (capitulation).
struct OfferTerms {
  OfferKind kind = OfferKind::compromise;
  bool target_moves = false;
  double new_target_position = 0;  // on the caller's scale
};
std::optional<OfferTerms> classify_offer(double challenger_eu, double target_eu,
                                         double challenger_position, double target_position);

// ---- The model ----------------------------------------------------------------------------

enum class ForecastRule { median, mean };
inline constexpr std::array<EnumName<ForecastRule>, 2> kForecastRuleNames = {{
    {ForecastRule::median, "median"},
    {ForecastRule::mean, "mean"},
}};

struct ExpectedUtilityOptions {
  double status_quo_probability = 1.0;   // Q
  double improvement_probability = 1.0;  // T (matters only when Q < 1)
  int max_rounds = 10;
  // Stop when no actor moves more than this fraction of the scale width in a round.
  double tolerance = 1e-9;
  ForecastRule forecast_rule = ForecastRule::median;
};

struct Offer {
  int challenger = 0;  // actor indices
  int target = 0;
  double challenger_eu = 0;  // E_ij
  double target_eu = 0;      // E_ji
  OfferTerms terms;
};

struct ExpectedUtilityRound {
  int round = 0;                         // 1-based
  std::vector<double> positions_before;  // on the problem's scale
  double median_before = 0;
  std::vector<double> security;                         // S_i, from expected utilities with r = 1
  std::vector<double> risk_exponents;                   // r_i
  std::vector<std::vector<double>> probabilities;       // [i][j] = P(i beats j); diagonal 0
  std::vector<std::vector<double>> expected_utilities;  // [i][j] = E^i U_ij with r_i; diagonal 0
  std::vector<Offer> offers;  // every challenge made (E_ij > 0 at distinct positions)
  std::vector<int> accepted;  // per actor: index into offers, or -1
  std::vector<double> positions_after;
  double median_after = 0;
  double mean_after = 0;
};

struct ExpectedUtilityResult {
  std::vector<double> initial_positions;
  double initial_median = 0;
  double initial_mean = 0;
  std::vector<ExpectedUtilityRound> rounds;
  bool converged = false;  // stopped because no one moved, not at max_rounds
  ForecastRule forecast_rule = ForecastRule::median;
  double forecast = 0;  // on the problem's scale
  std::string note;     // set for degenerate problems (one actor, everyone agrees)
};

// Checks the problem for this model: one dimension, at least one actor, finite values,
// saliences in [0, 1], capabilities >= 0 and not all zero (of actors with non-zero salience),
// positions inside [scale_min, scale_max] and scale_min < scale_max. Throws InputError listing
// every problem at the actors' locations.
void validate_expected_utility_problem(const BargainingProblem& problem);

// One round from the given positions (on the problem's scale).
ExpectedUtilityRound expected_utility_round(const BargainingProblem& problem,
                                            std::span<const double> positions,
                                            const ExpectedUtilityOptions& options, int round = 1);

// Validates, then runs rounds until no one moves or max_rounds. One actor, or every actor at
// the same position, is answered without rounds: the forecast is that position (see `note`).
ExpectedUtilityResult run_expected_utility(const BargainingProblem& problem,
                                           const ExpectedUtilityOptions& options = {});

}  // namespace linchpin::bargaining
