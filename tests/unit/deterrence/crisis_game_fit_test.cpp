#include "linchpin/deterrence/crisis_game_fit.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace linchpin::deterrence {
namespace {

TEST(CrisisGameFit, OutcomesMapToMidHostilityClasses) {
  using C = MidHostilityClass;
  EXPECT_EQ(mid_hostility_class(CrisisOutcome::status_quo), C::no_use_of_force);
  EXPECT_EQ(mid_hostility_class(CrisisOutcome::negotiation), C::no_use_of_force);
  EXPECT_EQ(mid_hostility_class(CrisisOutcome::acquiescence_by_challenger), C::no_use_of_force);
  EXPECT_EQ(mid_hostility_class(CrisisOutcome::acquiescence_by_defender), C::no_use_of_force);
  EXPECT_EQ(mid_hostility_class(CrisisOutcome::capitulation_by_challenger), C::use_of_force);
  EXPECT_EQ(mid_hostility_class(CrisisOutcome::capitulation_by_defender), C::use_of_force);
  EXPECT_EQ(mid_hostility_class(CrisisOutcome::limited_clash_started_by_challenger),
            C::use_of_force);
  EXPECT_EQ(mid_hostility_class(CrisisOutcome::limited_clash_started_by_defender), C::use_of_force);
  EXPECT_EQ(mid_hostility_class(CrisisOutcome::war_started_by_challenger), C::war);
  EXPECT_EQ(mid_hostility_class(CrisisOutcome::war_started_by_defender), C::war);

  analytics::KoreanMid mid;
  mid.hostlev = 3;
  EXPECT_EQ(mid_hostility_class(mid), C::no_use_of_force);
  mid.hostlev = 4;
  EXPECT_EQ(mid_hostility_class(mid), C::use_of_force);
  mid.hostlev = 5;
  EXPECT_EQ(mid_hostility_class(mid), C::war);
}

TEST(CrisisGameFit, ClassProbabilitiesAddTheGamesOutcomes) {
  CrisisSolverOptions options;
  options.start = CrisisStart::challenger_has_demanded;
  const auto solution = adjudicate_crisis(CrisisInputs{}, options);
  const auto p = mid_class_probabilities(solution);
  EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-12);
  EXPECT_NEAR(p[2],
              solution.probability(CrisisOutcome::war_started_by_challenger) +
                  solution.probability(CrisisOutcome::war_started_by_defender),
              1e-15);
  EXPECT_NEAR(p[1],
              solution.one_sided_force() + solution.probability(CrisisOutcomeClass::limited_clash),
              1e-15);
}

TEST(CrisisGameFit, LikelihoodIsTheLogOfTheObservedClassProbabilities) {
  CrisisObservation force, none;
  force.observed = MidHostilityClass::use_of_force;
  none.observed = MidHostilityClass::no_use_of_force;
  const std::vector<CrisisObservation> observations = {force, none, force};
  const CrisisGameParameters parameters{2.0, 0.3, 0.1};
  CrisisSolverOptions options;
  options.solver.precision = 2.0;
  options.start = CrisisStart::challenger_has_demanded;
  const auto p = mid_class_probabilities(
      adjudicate_crisis(with_parameters(CrisisInputs{}, parameters), options));
  EXPECT_NEAR(crisis_log_likelihood(observations, parameters), 2 * std::log(p[1]) + std::log(p[0]),
              1e-12);
  const auto inputs = with_parameters(CrisisInputs{}, parameters);
  EXPECT_EQ(inputs.challenger_clash_cost, 0.3);
  EXPECT_EQ(inputs.defender_clash_cost, 0.3);
  EXPECT_EQ(inputs.escalation_probability, 0.1);
}

std::vector<CrisisObservation> record(int none, int force, int war) {
  std::vector<CrisisObservation> out;
  const auto add = [&](int n, MidHostilityClass c) {
    for (int i = 0; i < n; ++i) {
      CrisisObservation o;
      o.year = 2000;
      o.observed = c;
      out.push_back(o);
    }
  };
  add(none, MidHostilityClass::no_use_of_force);
  add(force, MidHostilityClass::use_of_force);
  add(war, MidHostilityClass::war);
  return out;
}

CrisisFitOptions small_grid() {
  CrisisFitOptions options;
  options.precision_points = 9;
  options.clash_cost_points = 7;
  options.escalation_points = 10;
  return options;
}

double predicted_force(const CrisisGamePosterior& post) {
  double total = 0;
  for (std::size_t i = 0; i < post.weight.size(); ++i) {
    if (post.weight[i] < 1e-12) continue;
    const auto p = post.at(i);
    CrisisSolverOptions options;
    options.solver.precision = p.precision;
    options.start = CrisisStart::challenger_has_demanded;
    total += post.weight[i] * mid_class_probabilities(adjudicate_crisis(
                                  with_parameters(CrisisInputs{}, p), options))[1];
  }
  return total;
}

TEST(CrisisGameFit, PosteriorFollowsTheRecord) {
  const auto forceful = fit_crisis_game(record(5, 35, 0), small_grid());
  const auto calm = fit_crisis_game(record(35, 5, 0), small_grid());
  EXPECT_NEAR(std::accumulate(forceful.weight.begin(), forceful.weight.end(), 0.0), 1.0, 1e-9);
  EXPECT_EQ(forceful.observations, 40);
  EXPECT_EQ(forceful.observed[1], 35);
  // The posterior predictive share of force follows the observed share.
  EXPECT_GT(predicted_force(forceful), 0.6);
  EXPECT_LT(predicted_force(calm), 0.4);
  // Wars in the record move the escalation posterior up.
  const auto warlike = fit_crisis_game(record(5, 30, 5), small_grid());
  EXPECT_GT(warlike.escalation_summary.mean, 2 * forceful.escalation_summary.mean);
  // Draws stay on the grid.
  const auto d = forceful.draw(0.5);
  EXPECT_NE(std::find(forceful.precision.begin(), forceful.precision.end(), d.precision),
            forceful.precision.end());
}

TEST(CrisisGameFit, NoObservationsIsAnInputError) {
  EXPECT_THROW(fit_crisis_game({}, small_grid()), InputError);
}

TEST(CrisisGameFit, BetaFromMoments) {
  const auto ab = beta_from_moments(0.1, 0.05);
  EXPECT_NEAR(ab[0], 3.5, 1e-9);
  EXPECT_NEAR(ab[1], 31.5, 1e-9);
}

}  // namespace
}  // namespace linchpin::deterrence
