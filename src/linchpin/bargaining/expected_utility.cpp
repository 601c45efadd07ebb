#include "linchpin/bargaining/expected_utility.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace linchpin::bargaining {

double eu_vote(double capability, double salience, double voter_position, double a, double b) {
  return capability * salience * (std::abs(voter_position - b) - std::abs(voter_position - a));
}

double weighted_median_position(std::span<const double> positions,
                                std::span<const double> weights) {
  if (positions.empty() || positions.size() != weights.size())
    throw std::invalid_argument(
        "weighted median: positions and weights must match and be non-empty");
  if (std::accumulate(weights.begin(), weights.end(), 0.0) <= 0)
    throw std::invalid_argument("weighted median: every weight is zero");
  // The Condorcet winner among the held positions under intensity votes: the position with
  // the smallest weighted distance to all voters. n is small (tens of actors), so O(n^2).
  const auto cost_at = [&](double candidate) {
    double cost = 0;
    for (std::size_t k = 0; k < positions.size(); ++k)
      cost += weights[k] * std::abs(positions[k] - candidate);
    return cost;
  };
  double best = positions[0];
  double best_cost = cost_at(best);
  for (double candidate : positions) {
    const double cost = cost_at(candidate);
    // Relative tolerance so that equal costs computed in different orders count as a tie.
    const double slack = 1e-12 * std::max(1.0, best_cost);
    if (cost < best_cost - slack || (std::abs(cost - best_cost) <= slack && candidate < best)) {
      best = candidate;
      best_cost = cost;
    }
  }
  return best;
}

double weighted_mean_position(std::span<const double> positions, std::span<const double> weights) {
  double total = 0, weighted = 0;
  for (std::size_t k = 0; k < positions.size() && k < weights.size(); ++k) {
    total += weights[k];
    weighted += weights[k] * positions[k];
  }
  if (total <= 0) throw std::invalid_argument("weighted mean: every weight is zero");
  return weighted / total;
}

double success_probability(std::span<const double> positions, std::span<const double> weights,
                           double challenger, double target) {
  double for_challenger = 0, all_votes = 0;
  for (std::size_t k = 0; k < positions.size(); ++k) {
    // weights[k] = c_k s_k, so the vote is eu_vote(c_k, s_k, ...) without recomputing c s.
    const double vote =
        weights[k] * (std::abs(positions[k] - target) - std::abs(positions[k] - challenger));
    if (vote > 0) for_challenger += vote;
    all_votes += std::abs(vote);
  }
  if (all_votes <= 0) return 0.5;
  return for_challenger / all_votes;
}

ChallengeUtilities challenge_utilities(double distance_to_target, double distance_to_median,
                                       double risk_exponent) {
  const auto utility = [&](double base) { return 2.0 - 4.0 * std::pow(base, risk_exponent); };
  ChallengeUtilities u;
  u.success = utility(0.5 - 0.5 * distance_to_target);
  u.failure = utility(0.5 + 0.5 * distance_to_target);
  u.status_quo = utility(0.5);
  u.better = utility(0.5 - 0.25 * (distance_to_median + distance_to_target));
  u.worse = utility(0.5 + 0.25 * (distance_to_median + distance_to_target));
  return u;
}

double challenge_expected_utility(const ChallengeUtilities& u, double p, double target_salience,
                                  double status_quo_probability, double improvement_probability) {
  const double challenge =
      target_salience * (p * u.success + (1 - p) * u.failure) + (1 - target_salience) * u.success;
  const double no_challenge =
      status_quo_probability * u.status_quo +
      (1 - status_quo_probability) *
          (improvement_probability * u.better + (1 - improvement_probability) * u.worse);
  return challenge - no_challenge;
}

double risk_exponent(double security, double min_security, double max_security) {
  const double spread = max_security - min_security;
  if (!(spread > 0)) return 1.0;
  const double big_r = (2 * security - max_security - min_security) / spread;
  return (1 - big_r / 3) / (1 + big_r / 3);
}

std::optional<OfferTerms> classify_offer(double challenger_eu, double target_eu,
                                         double challenger_position, double target_position) {
  if (!(challenger_eu > 0) || challenger_position == target_position) return std::nullopt;
  OfferTerms terms;
  if (target_eu > 0) {
    terms.kind = OfferKind::confrontation;
    terms.target_moves = challenger_eu > target_eu;
    terms.new_target_position = terms.target_moves ? challenger_position : target_position;
    return terms;
  }
  const double fraction = std::abs(target_eu) / challenger_eu;
  terms.target_moves = fraction > 0;
  if (fraction >= 1) {
    terms.kind = OfferKind::capitulation;
    terms.new_target_position = challenger_position;
  } else {
    terms.kind = OfferKind::compromise;
    terms.new_target_position =
        target_position + (challenger_position - target_position) * fraction;
  }
  return terms;
}

void validate_expected_utility_problem(const BargainingProblem& problem) {
  DiagnosticList diagnostics;
  const SourceLocation& where = problem.location;
  if (problem.dimensions.size() != 1)
    diagnostics.add(where, "dimensions",
                    fmt::format("the expected-utility model takes one issue dimension, got {}",
                                problem.dimensions.size()));
  if (!std::isfinite(problem.scale_min) || !std::isfinite(problem.scale_max) ||
      !(problem.scale_min < problem.scale_max))
    diagnostics.add(where, "scale",
                    fmt::format("expected a scale with min < max, got [{:g}, {:g}]",
                                problem.scale_min, problem.scale_max));
  if (problem.actors.empty()) diagnostics.add(where, "actors", "expected at least one actor");
  double total_weight = 0;
  for (const auto& actor : problem.actors) {
    const std::string key = actor.name.empty() ? std::string("actor") : actor.name;
    if (actor.positions.size() != 1 || actor.saliences.size() != 1) {
      diagnostics.add(actor.location, key,
                      "expected exactly one position and one salience (one dimension)");
      continue;
    }
    const double c = actor.capability, x = actor.positions[0], s = actor.saliences[0];
    if (!std::isfinite(c) || c < 0)
      diagnostics.add(actor.location, key + ".capability",
                      fmt::format("expected a capability >= 0, got {:g}", c));
    if (!std::isfinite(s) || s < 0 || s > 1)
      diagnostics.add(actor.location, key + ".salience",
                      fmt::format("expected a salience between 0 and 1, got {:g}", s));
    if (!std::isfinite(x) || x < problem.scale_min || x > problem.scale_max)
      diagnostics.add(actor.location, key + ".position",
                      fmt::format("expected a position on the scale [{:g}, {:g}], got {:g}",
                                  problem.scale_min, problem.scale_max, x));
    if (std::isfinite(c) && std::isfinite(s) && c > 0 && s > 0) total_weight += c * s;
  }
  if (diagnostics.empty() && !problem.actors.empty() && !(total_weight > 0))
    diagnostics.add(where, "capability",
                    "every actor has zero capability or zero salience, so no one can influence "
                    "the outcome; expected at least one actor with both above 0");
  diagnostics.throw_if_any();
}

namespace {

std::vector<double> vote_weights(const BargainingProblem& problem) {
  std::vector<double> weights;
  weights.reserve(problem.actors.size());
  for (const auto& actor : problem.actors) weights.push_back(actor.capability * actor.saliences[0]);
  return weights;
}

// E^i U_ij for every ordered pair, positions normalised, with the given risk exponents.
std::vector<std::vector<double>> expected_utility_matrix(
    const BargainingProblem& problem, std::span<const double> normalised,
    const std::vector<std::vector<double>>& probabilities, double median,
    std::span<const double> risk, const ExpectedUtilityOptions& options) {
  const std::size_t n = normalised.size();
  std::vector<std::vector<double>> eu(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      const auto u = challenge_utilities(std::abs(normalised[i] - normalised[j]),
                                         std::abs(normalised[i] - median), risk[i]);
      eu[i][j] = challenge_expected_utility(u, probabilities[i][j], problem.actors[j].saliences[0],
                                            options.status_quo_probability,
                                            options.improvement_probability);
    }
  return eu;
}

}  // namespace

ExpectedUtilityRound expected_utility_round(const BargainingProblem& problem,
                                            std::span<const double> positions,
                                            const ExpectedUtilityOptions& options, int round) {
  const std::size_t n = problem.actors.size();
  const double width = problem.scale_max - problem.scale_min;
  std::vector<double> normalised(n);
  for (std::size_t i = 0; i < n; ++i) normalised[i] = (positions[i] - problem.scale_min) / width;
  const std::vector<double> weights = vote_weights(problem);

  ExpectedUtilityRound result;
  result.round = round;
  result.positions_before.assign(positions.begin(), positions.end());
  const double median = weighted_median_position(normalised, weights);
  result.median_before = problem.scale_min + median * width;

  result.probabilities.assign(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (i != j)
        result.probabilities[i][j] =
            success_probability(normalised, weights, normalised[i], normalised[j]);

  // Security from the expected utilities of risk-neutral actors (r = 1), then the exponents.
  const std::vector<double> neutral(n, 1.0);
  const auto neutral_eu =
      expected_utility_matrix(problem, normalised, result.probabilities, median, neutral, options);
  result.security.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (i != j) result.security[i] += neutral_eu[j][i];
  const auto [min_it, max_it] = std::minmax_element(result.security.begin(), result.security.end());
  result.risk_exponents.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    result.risk_exponents[i] = risk_exponent(result.security[i], *min_it, *max_it);
  result.expected_utilities = expected_utility_matrix(problem, normalised, result.probabilities,
                                                      median, result.risk_exponents, options);

  // Offers, then each target accepts the binding offer that moves it least; all move at once.
  result.accepted.assign(n, -1);
  result.positions_after.assign(positions.begin(), positions.end());
  std::vector<double> best_move(n, std::numeric_limits<double>::infinity());
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      const auto terms =
          classify_offer(result.expected_utilities[i][j], result.expected_utilities[j][i],
                         positions[i], positions[j]);
      if (!terms) continue;
      result.offers.push_back(Offer{int(i), int(j), result.expected_utilities[i][j],
                                    result.expected_utilities[j][i], *terms});
      if (!terms->target_moves) continue;
      const double move = std::abs(terms->new_target_position - positions[j]);
      if (move < best_move[j]) {  // strict: ties keep the earlier challenger
        best_move[j] = move;
        result.accepted[j] = int(result.offers.size() - 1);
        result.positions_after[j] = terms->new_target_position;
      }
    }
  result.median_after = weighted_median_position(result.positions_after, weights);
  result.mean_after = weighted_mean_position(result.positions_after, weights);
  return result;
}

ExpectedUtilityResult run_expected_utility(const BargainingProblem& problem,
                                           const ExpectedUtilityOptions& options) {
  validate_expected_utility_problem(problem);
  if (!(options.status_quo_probability >= 0 && options.status_quo_probability <= 1) ||
      !(options.improvement_probability >= 0 && options.improvement_probability <= 1))
    throw std::invalid_argument("expected-utility options: Q and T must be probabilities");
  if (options.max_rounds < 0 || !(options.tolerance >= 0))
    throw std::invalid_argument("expected-utility options: max_rounds and tolerance must be >= 0");

  ExpectedUtilityResult result;
  result.forecast_rule = options.forecast_rule;
  const std::vector<double> weights = vote_weights(problem);
  std::vector<double> positions;
  for (const auto& actor : problem.actors) positions.push_back(actor.positions[0]);
  result.initial_positions = positions;
  result.initial_median = weighted_median_position(positions, weights);
  result.initial_mean = weighted_mean_position(positions, weights);
  const auto forecast = [&](std::span<const double> at) {
    return options.forecast_rule == ForecastRule::median ? weighted_median_position(at, weights)
                                                         : weighted_mean_position(at, weights);
  };
  result.forecast = forecast(positions);

  const bool agreed = std::all_of(positions.begin(), positions.end(),
                                  [&](double x) { return x == positions.front(); });
  if (problem.actors.size() == 1 || agreed) {
    result.converged = true;
    result.note = problem.actors.size() == 1
                      ? "one actor: no bargaining, the forecast is its position"
                      : "every actor holds the same position: no bargaining, the forecast is it";
    return result;
  }

  const double width = problem.scale_max - problem.scale_min;
  for (int round = 1; round <= options.max_rounds; ++round) {
    auto step = expected_utility_round(problem, positions, options, round);
    double largest_move = 0;
    for (std::size_t i = 0; i < positions.size(); ++i)
      largest_move = std::max(largest_move, std::abs(step.positions_after[i] - positions[i]));
    positions = step.positions_after;
    result.rounds.push_back(std::move(step));
    if (largest_move <= options.tolerance * width) {
      result.converged = true;
      break;
    }
  }
  result.forecast = forecast(positions);
  return result;
}

}  // namespace linchpin::bargaining
