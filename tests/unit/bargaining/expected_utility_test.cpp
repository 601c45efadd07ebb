#include "linchpin/bargaining/expected_utility.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "linchpin/bargaining/bdm_csv_reader.hpp"

namespace linchpin::bargaining {
namespace {

BargainingProblem make_problem(const std::vector<std::tuple<std::string, double, double, double>>&
                                   actors,  // name, capability, position, salience
                               double low, double high) {
  BargainingProblem problem;
  problem.name = "test";
  problem.dimensions = {"position"};
  problem.scale_min = low;
  problem.scale_max = high;
  int line = 2;
  for (const auto& [name, capability, position, salience] : actors) {
    BargainingActor actor;
    actor.name = name;
    actor.capability = capability;
    actor.positions = {position};
    actor.saliences = {salience};
    actor.location = {"test.csv", line++, 1};
    problem.actors.push_back(actor);
  }
  return problem;
}

TEST(ExpectedUtilityKernels, VoteMedianMean) {
  // 0.5 * 0.4 * (|0.2 - 0.9| - |0.2 - 0.3|) = 0.2 * 0.6 = 0.12
  EXPECT_NEAR(eu_vote(0.5, 0.4, 0.2, 0.3, 0.9), 0.12, 1e-12);
  EXPECT_NEAR(eu_vote(0.5, 0.4, 0.2, 0.9, 0.3), -0.12, 1e-12);
  const std::vector<double> x = {0.0, 0.5, 1.0}, w = {0.3, 0.3, 0.4};
  // Weighted distances: at 0: .3*.5 + .4 = .55; at .5: .15 + .2 = .35; at 1: .3 + .15 = .45.
  EXPECT_EQ(weighted_median_position(x, w), 0.5);
  EXPECT_NEAR(weighted_mean_position(x, w), 0.15 + 0.4, 1e-12);
  // An exact tie (1 vs 1) goes to the lower position.
  EXPECT_EQ(weighted_median_position(std::vector<double>{1.0, 0.0}, std::vector<double>{1, 1}),
            0.0);
  EXPECT_THROW(weighted_median_position(x, std::vector<double>{0, 0, 0}), std::invalid_argument);
}

TEST(ExpectedUtilityKernels, SuccessProbability) {
  // The EC example's three camps on [0, 1]: weight .248 at 0, .093 at .5, .336 at 1.
  const std::vector<double> x = {0.0, 0.5, 1.0}, w = {0.248, 0.093, 0.336};
  // 0 against 1: the camp at .5 is indifferent; P = .248 / (.248 + .336).
  EXPECT_NEAR(success_probability(x, w, 0.0, 1.0), 0.248 / 0.584, 1e-12);
  EXPECT_NEAR(success_probability(x, w, 1.0, 0.0), 0.336 / 0.584, 1e-12);
  // 0 against .5: votes +.248*.5 = .124, -.093*.5 = -.0465, -.336*.5 = -.168.
  EXPECT_NEAR(success_probability(x, w, 0.0, 0.5), 0.124 / 0.3385, 1e-12);
  EXPECT_NEAR(success_probability(x, w, 0.5, 0.0), 1 - 0.124 / 0.3385, 1e-12);
  EXPECT_EQ(success_probability(x, w, 0.5, 0.5), 0.5);  // no contest
}

TEST(ExpectedUtilityKernels, UtilitiesAndExpectedUtility) {
  // r = 1, d = .5, d_median = .25: 2 - 4*.25 = 1; 2 - 4*.75 = -1; 2 - 4*.5 = 0;
  // better 2 - 4*(.5 - .25*.75) = .75; worse 2 - 4*(.5 + .1875) = -.75.
  const auto u = challenge_utilities(0.5, 0.25, 1.0);
  EXPECT_NEAR(u.success, 1.0, 1e-12);
  EXPECT_NEAR(u.failure, -1.0, 1e-12);
  EXPECT_NEAR(u.status_quo, 0.0, 1e-12);
  EXPECT_NEAR(u.better, 0.75, 1e-12);
  EXPECT_NEAR(u.worse, -0.75, 1e-12);
  // r = 2, d = .5: 2 - 4*.0625 = 1.75; 2 - 4*.5625 = -.25; 2 - 4*.25 = 1.
  const auto risk_averse = challenge_utilities(0.5, 0.0, 2.0);
  EXPECT_NEAR(risk_averse.success, 1.75, 1e-12);
  EXPECT_NEAR(risk_averse.failure, -0.25, 1e-12);
  EXPECT_NEAR(risk_averse.status_quo, 1.0, 1e-12);
  // P = .6, s_j = .5, Q = 1: .5*(.6*1 + .4*(-1)) + .5*1 - 0 = .6.
  EXPECT_NEAR(challenge_expected_utility(u, 0.6, 0.5, 1.0, 1.0), 0.6, 1e-12);
  // Q = .5, T = 1: .6 - (.5*0 + .5*.75) = .225; T = 0: .6 - .5*(-.75) = .975.
  EXPECT_NEAR(challenge_expected_utility(u, 0.6, 0.5, 0.5, 1.0), 0.225, 1e-12);
  EXPECT_NEAR(challenge_expected_utility(u, 0.6, 0.5, 0.5, 0.0), 0.975, 1e-12);
}

TEST(ExpectedUtilityKernels, RiskExponent) {
  EXPECT_NEAR(risk_exponent(8, 0, 8), 0.5, 1e-12);  // R = 1: (2/3) / (4/3)
  EXPECT_NEAR(risk_exponent(0, 0, 8), 2.0, 1e-12);  // R = -1: (4/3) / (2/3)
  EXPECT_NEAR(risk_exponent(4, 0, 8), 1.0, 1e-12);
  // R = (4 - 8) / 8 = -.5: (1 + 1/6) / (1 - 1/6) = 1.4
  EXPECT_NEAR(risk_exponent(2, 0, 8), 1.4, 1e-12);
  EXPECT_EQ(risk_exponent(3, 3, 3), 1.0);  // everyone equally secure
}

TEST(ExpectedUtilityKernels, OfferClassification) {
  auto offer = classify_offer(0.6, 0.4, 10, 4);  // both gain, challenger gains more
  ASSERT_TRUE(offer);
  EXPECT_EQ(offer->kind, OfferKind::confrontation);
  EXPECT_TRUE(offer->target_moves);
  EXPECT_EQ(offer->new_target_position, 10);
  offer = classify_offer(0.4, 0.6, 10, 4);  // the target prevails
  ASSERT_TRUE(offer);
  EXPECT_EQ(offer->kind, OfferKind::confrontation);
  EXPECT_FALSE(offer->target_moves);
  offer = classify_offer(0.5, -0.2, 10, 4);  // yields .2/.5 of 6: 4 + 2.4
  ASSERT_TRUE(offer);
  EXPECT_EQ(offer->kind, OfferKind::compromise);
  EXPECT_NEAR(offer->new_target_position, 6.4, 1e-12);
  offer = classify_offer(0.5, -0.6, 10, 4);
  ASSERT_TRUE(offer);
  EXPECT_EQ(offer->kind, OfferKind::capitulation);
  EXPECT_EQ(offer->new_target_position, 10);
  EXPECT_FALSE(classify_offer(-0.1, 0.3, 10, 4));  // no challenge
  EXPECT_FALSE(classify_offer(0.5, -0.2, 4, 4));   // same position
  EXPECT_EQ(enum_name(kOfferKindNames, OfferKind::capitulation), "capitulation");
}

// Three actors on [0, 1], worked by hand. With r = 1 and Q = 1 the expected utility reduces to
// E_ij = 2 d (1 - 2 s_j (1 - P_ij)) because U_s = 2d, U_f = -2d, U_sq = 0.
//   A: c 2, x 0, s .5 (w 1);  B: c 1, x .5, s 1 (w 1);  C: c 1, x 1, s .5 (w .5)
// Median: weighted distances 1 (at 0), .75 (at .5), 1.5 (at 1) -> .5.
// P(A,B) = .5/1.25 = .4; P(A,C) = 1/1.5 = 2/3; P(B,C) = 1/1.25 = .8 (and complements).
// r = 1: E_AB = 1(1 - 1.2) = -.2; E_AC = 2(1 - 1/3) = 4/3; E_BA = 1(1 - .4) = .6;
//        E_BC = 1(1 - .2) = .8; E_CA = 2(1 - 2/3) = 2/3; E_CB = 1(1 - 1.6) = -.6.
// Security: S_A = .6 + 2/3 = 19/15; S_B = -.2 - .6 = -.8; S_C = 4/3 + .8 = 32/15.
// R_A = (38/15 - 32/15 + 12/15) / (44/15) = 9/22 -> r_A = (19/22)/(25/22) = .76;
// R_B = -1 -> r_B = 2; R_C = 1 -> r_C = .5.
TEST(ExpectedUtilityModel, ThreeActorsFirstRoundByHand) {
  const auto problem = make_problem({{"A", 2, 0, 0.5}, {"B", 1, 0.5, 1}, {"C", 1, 1, 0.5}}, 0, 1);
  const std::vector<double> positions = {0, 0.5, 1};
  const auto round = expected_utility_round(problem, positions, {});
  EXPECT_EQ(round.median_before, 0.5);
  EXPECT_NEAR(round.probabilities[0][1], 0.4, 1e-12);
  EXPECT_NEAR(round.probabilities[0][2], 2.0 / 3, 1e-12);
  EXPECT_NEAR(round.probabilities[1][2], 0.8, 1e-12);
  EXPECT_NEAR(round.probabilities[2][1], 0.2, 1e-12);
  EXPECT_NEAR(round.security[0], 19.0 / 15, 1e-12);
  EXPECT_NEAR(round.security[1], -0.8, 1e-12);
  EXPECT_NEAR(round.security[2], 32.0 / 15, 1e-12);
  EXPECT_NEAR(round.risk_exponents[0], 0.76, 1e-12);
  EXPECT_NEAR(round.risk_exponents[1], 2.0, 1e-12);
  EXPECT_NEAR(round.risk_exponents[2], 0.5, 1e-12);
  const auto& e = round.expected_utilities;
  // B (r 2): U_s = 1.75, U_f = -.25, U_sq = 1 at d = .5.
  //   E_BA = .5(.6*1.75 - .4*.25) + .5*1.75 - 1 = .475 + .875 - 1 = .35
  //   E_BC = .5(.8*1.75 - .2*.25) + .875 - 1 = .675 - .125 = .55
  EXPECT_NEAR(e[1][0], 0.35, 1e-12);
  EXPECT_NEAR(e[1][2], 0.55, 1e-12);
  // C (r .5): U_sq = 2 - 4 sqrt(.5) = -.828427.
  //   E_CA (d 1: U_s 2, U_f -2) = .5(2/3 - 4/3) + 1 + .828427 = 1.495094
  //   E_CB (d .5: U_s 0, U_f 2 - 4 sqrt(.75) = -1.464102) = .8*(-1.464102) + .828427 = -.342854
  EXPECT_NEAR(e[2][0], -1.0 / 3 + 1 + (4 * std::sqrt(0.5) - 2), 1e-12);
  EXPECT_NEAR(e[2][1], 0.8 * (2 - 4 * std::sqrt(0.75)) + (4 * std::sqrt(0.5) - 2), 1e-12);
  // A (r .76): .5^.76 = .590496, so U_sq = 2 - 2.361985 = -.361985.
  //   E_AC (d 1) = .5(4/3 - 2/3) + 1 + .361985 = 1.695319
  //   E_AB (d .5): U_s = 2 - 4*.25^.76 = .605259, U_f = 2 - 4*.75^.76 = -1.214502;
  //   E_AB = .4*.605259 + .6*(-1.214502) + .361985 = -.124582
  EXPECT_NEAR(e[0][2], 1.695319, 1e-6);
  EXPECT_NEAR(e[0][1], -0.124582, 1e-6);

  // Offers: A->C confrontation, A prevails (1.695 > 1.495), so C would move to 0;
  // B->A compromise: A yields .124582/.35 = .355947 of .5 -> .177974;
  // B->C compromise: C yields .342854/.55 = .623371 of .5 -> 1 - .311686 = .688314;
  // C->A confrontation that A wins (A stays). A->B and C->B: negative, no offer.
  ASSERT_EQ(round.offers.size(), 4u);
  int confrontations = 0, compromises = 0;
  for (const auto& offer : round.offers) {
    confrontations += offer.terms.kind == OfferKind::confrontation;
    compromises += offer.terms.kind == OfferKind::compromise;
  }
  EXPECT_EQ(confrontations, 2);
  EXPECT_EQ(compromises, 2);
  // Each accepts the offer that moves it least: C prefers .311686 to a move of 1.
  EXPECT_NEAR(round.positions_after[0], 0.5 * 0.124582 / 0.35, 1e-6);
  EXPECT_EQ(round.positions_after[1], 0.5);
  EXPECT_NEAR(round.positions_after[2], 1 - 0.5 * 0.342854 / 0.55, 1e-6);
  EXPECT_EQ(round.offers[round.accepted[2]].challenger, 1);
  EXPECT_EQ(round.accepted[1], -1);
  EXPECT_EQ(round.median_after, 0.5);
  EXPECT_NEAR(round.mean_after,
              (round.positions_after[0] + 0.5 + 0.5 * round.positions_after[2]) / 2.5, 1e-12);
}

TEST(ExpectedUtilityModel, RunsRoundsAndForecasts) {
  const auto problem = make_problem({{"A", 2, 0, 0.5}, {"B", 1, 0.5, 1}, {"C", 1, 1, 0.5}}, 0, 1);
  const auto result = run_expected_utility(problem);
  ASSERT_FALSE(result.rounds.empty());
  EXPECT_LE(int(result.rounds.size()), 10);
  EXPECT_EQ(result.initial_median, 0.5);
  // Rounds chain: each starts where the previous ended; the forecast is the last median.
  for (std::size_t k = 1; k < result.rounds.size(); ++k)
    EXPECT_EQ(result.rounds[k].positions_before, result.rounds[k - 1].positions_after);
  EXPECT_EQ(result.forecast, result.rounds.back().median_after);
  ExpectedUtilityOptions mean;
  mean.forecast_rule = ForecastRule::mean;
  EXPECT_NEAR(run_expected_utility(problem, mean).forecast, result.rounds.back().mean_after, 1e-12);
  for (const auto& round : result.rounds)
    for (double x : round.positions_after) {
      EXPECT_GE(x, 0.0);
      EXPECT_LE(x, 1.0);
    }
}

TEST(ExpectedUtilityModel, DegenerateAndInvalidProblems) {
  const auto single = run_expected_utility(make_problem({{"A", 1, 3, 0.5}}, 0, 10));
  EXPECT_TRUE(single.rounds.empty());
  EXPECT_EQ(single.forecast, 3);
  EXPECT_FALSE(single.note.empty());
  const auto agreed = run_expected_utility(make_problem({{"A", 1, 3, 0.5}, {"B", 2, 3, 1}}, 0, 10));
  EXPECT_TRUE(agreed.rounds.empty());
  EXPECT_EQ(agreed.forecast, 3);

  const auto expect_error = [](const BargainingProblem& problem, const std::string& fragment) {
    try {
      run_expected_utility(problem);
      ADD_FAILURE() << "expected an InputError mentioning " << fragment;
    } catch (const InputError& error) {
      std::string all;
      for (const auto& d : error.diagnostics()) all += d.format() + "\n";
      EXPECT_NE(all.find(fragment), std::string::npos) << all;
    }
  };
  expect_error(make_problem({{"A", 0, 1, 0.5}, {"B", 0, 2, 1}}, 0, 10), "zero capability");
  expect_error(make_problem({{"A", 1, 1, 1.5}, {"B", 1, 2, 1}}, 0, 10),
               "test.csv:2:1: error: A.salience");
  expect_error(make_problem({{"A", 1, NAN, 0.5}, {"B", 1, 2, 1}}, 0, 10), "A.position");
  expect_error(make_problem({{"A", 1, 11, 0.5}, {"B", 1, 2, 1}}, 0, 10), "on the scale");
  expect_error(make_problem({}, 0, 10), "at least one actor");
  auto two_dimensions = make_problem({{"A", 1, 1, 0.5}, {"B", 1, 2, 1}}, 0, 10);
  two_dimensions.dimensions.push_back("second");
  expect_error(two_dimensions, "one issue dimension");
}

// The European Community emission-standards case (Bueno de Mesquita 1994, as tabulated by
// Scholz et al. 2011, Table 1), first round, against quantities worked by hand. Positions
// 4, 7 and 10 on the scale [4, 10] normalise to 0, .5 and 1. Weights w = c s:
// NL .064, BE .032, LU .006, DE .128, FR .096, IT .096, UK .144, IE .005, DK .05, GR .056,
// so the camps weigh .248 (at 4: NL LU DE DK), .093 (at 7: BE IE GR), .336 (at 10: FR IT UK).
TEST(ExpectedUtilityModel, EcEmissionsFirstRoundByHand) {
  const std::filesystem::path file =
      std::filesystem::path(LINCHPIN_SHARED_DATA_DIR) / "bdm" / "ec-emissions-1994.csv";
  if (!std::filesystem::exists(file))
    GTEST_SKIP() << "shared data absent: " << file.string() << " (EC first-round check skipped)";
  const auto problem = read_bdm_csv(file.string());
  ASSERT_EQ(problem.actors.size(), 10u);
  enum { NL, BE, LU, DE, FR, IT, UK, IE, DK, GR };
  EXPECT_EQ(problem.actors[UK].name, "UK");
  EXPECT_EQ(problem.scale_min, 4);
  EXPECT_EQ(problem.scale_max, 10);
  std::vector<double> positions;
  for (const auto& actor : problem.actors) positions.push_back(actor.positions[0]);
  const auto round = expected_utility_round(problem, positions, {});

  // Median: normalised weighted distances at 7: .248*.5 + .336*.5 = .292; at 4: .093*.5 + .336
  // = .3825; at 10: .248 + .093*.5 = .2945; so 7.
  EXPECT_EQ(round.median_before, 7);
  // Probabilities: 4 vs 10: .248/.584 = .424658; 10 vs 7: .168/.3385 = .496307.
  EXPECT_NEAR(round.probabilities[DE][FR], 0.248 / 0.584, 1e-9);
  EXPECT_NEAR(round.probabilities[FR][DE], 0.336 / 0.584, 1e-9);
  EXPECT_NEAR(round.probabilities[FR][GR], 0.168 / 0.3385, 1e-9);

  // Security with r = 1, where E_jk = 2 d (1 - 2 s_k (1 - P_jk)):
  // DE (x 4, s .8): three challengers at 7: 1*(1 - 1.6*.366322) = .413885 each;
  //   three at 10: 2*(1 - 1.6*.424658) = .641096 each; S = 1.241654 + 1.923288 = 3.164942.
  // LU (s .2): 3*(1 - .4*.366322) + 3*2*(1 - .4*.424658) = 2.560414 + 4.980822 = 7.541236 (max).
  // UK (x 10, s .9): at 7: 1*(1 - 1.8*.496307) = .106647 each; at 4: 2*(1 - 1.8*.575342)
  //   = -.071233 each; S = .319941 - .284932 = .035009 (min).
  EXPECT_NEAR(round.security[DE], 3.164942, 1e-6);
  EXPECT_NEAR(round.security[LU], 7.541236, 1e-6);
  EXPECT_NEAR(round.security[UK], 0.035009, 1e-6);
  // R_DE = (6.329884 - 7.541236 - .035009) / 7.506227 = -.166044 -> r = 1.055348/.944652.
  EXPECT_NEAR(round.risk_exponents[DE], 1.117181, 1e-6);
  EXPECT_NEAR(round.risk_exponents[LU], 0.5, 1e-12);
  EXPECT_NEAR(round.risk_exponents[UK], 2.0, 1e-12);
  EXPECT_NEAR(round.risk_exponents[NL], round.risk_exponents[DE], 1e-12);  // same x and s

  // E_FR,DE with r_FR = 1.017582, d = 1 (U_s = 2, U_f = -2):
  //   .8*(.575342*2 - .424658*2) + .2*2 - U_sq, U_sq = 2 - 4*.5^1.017582 = .024225 -> .616871.
  EXPECT_NEAR(round.expected_utilities[FR][DE], 0.616871, 1e-6);
  EXPECT_NEAR(round.expected_utilities[DE][FR], 0.463152, 1e-6);

  // Offers and moves (each actor takes the binding offer that moves it least):
  // DE: loses confrontations to FR and IT (-> 10) and to GR (.283845 > .084368, -> 7): takes 7.
  // DK: GR's offer is a compromise, E_GR,DK = .130442, E_DK,GR = -.004216: 4 + 3*.032319.
  // GR: UK's offer is a compromise, E_UK,GR = .044830, E_GR,UK = -.037806: 7 + 3*.843317.
  // UK: loses the confrontation with LU (.757194 > .660274) and moves to 4.
  // FR and IT win every confrontation and stay.
  const std::vector<double> expected = {7, 4, 7, 7, 10, 10, 4, 4, 4.096969, 9.529952};
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(round.positions_after[i], expected[i], 1e-5) << problem.actors[i].name;
  const auto& dk_offer = round.offers[round.accepted[DK]];
  EXPECT_EQ(dk_offer.challenger, GR);
  EXPECT_EQ(dk_offer.terms.kind, OfferKind::compromise);
  EXPECT_EQ(round.offers[round.accepted[UK]].challenger, LU);
  EXPECT_EQ(round.offers[round.accepted[UK]].terms.kind, OfferKind::confrontation);
  EXPECT_EQ(round.accepted[FR], -1);
  EXPECT_EQ(round.accepted[IT], -1);
}

}  // namespace
}  // namespace linchpin::bargaining
