#include "linchpin/analytics/alliance_similarity.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace linchpin::analytics {
namespace {

// Four states; i = (3,0,1,2), j = (3,3,0,2); weights 0.4, 0.3, 0.2, 0.1.
PortfolioTable hand_example() {
  const std::vector<std::uint8_t> first = {3, 0, 1, 2};
  const std::vector<std::uint8_t> second = {3, 3, 0, 2};
  const std::vector<double> weights = {0.4, 0.3, 0.2, 0.1};
  return tabulate_portfolios(first, second, weights);
}

TEST(AllianceSimilarity, SScoreHandComputed) {
  // Distances 0,3,1,0: S = 1 - 2*4/(4*3) = 1/3.
  EXPECT_NEAR(*s_score(hand_example()), 1.0 / 3, 1e-12);
  // Weighted distance 0.3*3 + 0.2*1 = 1.1: S = 1 - 2*1.1/3 = 4/15.
  EXPECT_NEAR(*s_score_weighted(hand_example()), 4.0 / 15, 1e-12);
}

TEST(AllianceSimilarity, KappaHandComputed) {
  // Observed squared distance 10; expected sum_a sum_b r_a c_b (a-b)^2 / n = 48/4 = 12.
  EXPECT_NEAR(*cohen_kappa(hand_example()), 1.0 - 10.0 / 12, 1e-12);
}

TEST(AllianceSimilarity, TauBHandComputed) {
  // 3 concordant, 2 discordant pairs, one tie in j; n0 = 6: (3-2)/sqrt(6*5).
  EXPECT_NEAR(*tau_b(hand_example()), 1.0 / std::sqrt(30.0), 1e-12);
}

TEST(AllianceSimilarity, OppositePortfoliosAndConstantOnes) {
  const std::vector<std::uint8_t> first = {3, 0};
  const std::vector<std::uint8_t> second = {0, 3};
  const std::vector<double> weights = {0.5, 0.5};
  const auto table = tabulate_portfolios(first, second, weights);
  EXPECT_NEAR(*s_score(table), -1.0, 1e-12);
  EXPECT_NEAR(*tau_b(table), -1.0, 1e-12);
  const std::vector<std::uint8_t> constant = {2, 2};
  const auto flat = tabulate_portfolios(constant, constant, weights);
  EXPECT_NEAR(*s_score(flat), 1.0, 1e-12);
  EXPECT_FALSE(cohen_kappa(flat).has_value());
  EXPECT_FALSE(tau_b(flat).has_value());
}

TEST(AllianceSimilarity, LevelCoding) {
  EXPECT_EQ(alliance_level(kDefense | kEntente), 3);
  EXPECT_EQ(alliance_level(kOffense), 3);
  EXPECT_EQ(alliance_level(kNeutrality), 2);
  EXPECT_EQ(alliance_level(kNonaggression | kConsultation), 2);
  EXPECT_EQ(alliance_level(kEntente), 1);
  EXPECT_EQ(alliance_level(kConsultation), 1);
  EXPECT_EQ(alliance_level(0), 0);
}

// The sparse panel must equal the dense kernel on every dyad of a small system.
TEST(AllianceSimilarity, PanelMatchesDenseKernel) {
  const std::vector<MembershipSpell> spells = {{2, "USA", "", 1900, 2000, 1, 1, 2016},
                                               {20, "CAN", "", 1900, 2000, 1, 1, 2016},
                                               {200, "UKG", "", 1900, 2000, 1, 1, 2016},
                                               {220, "FRN", "", 1900, 2000, 1, 1, 2016},
                                               {365, "RUS", "", 1900, 2000, 1, 1, 2016}};
  const MembershipIndex members(spells, 2016);
  AllianceData alliances;
  alliances.directed = true;
  alliances.rows.records = {{2, 20, 1950, kDefense},       {20, 2, 1950, kEntente},
                            {200, 220, 1950, kNeutrality}, {220, 200, 1950, kNeutrality},
                            {2, 200, 1950, kConsultation}, {365, 999, 1950, kDefense}};
  const std::vector<StateYearCinc> cinc = {{2, 1950, "USA", 0.4, {}, 6},
                                           {20, 1950, "CAN", 0.1, {}, 6},
                                           {200, 1950, "UKG", 0.2, {}, 6},
                                           {220, 1950, "FRN", 0.1, {}, 6},
                                           {365, 1950, "RUS", 0.2, {}, 6}};
  const auto panel = similarity_panel(alliances, members, cinc, {});
  ASSERT_EQ(panel.size(), 10u);

  const std::vector<int> codes = {2, 20, 200, 220, 365};
  std::vector<std::vector<std::uint8_t>> dense(5, std::vector<std::uint8_t>(5, 0));
  for (int i = 0; i < 5; ++i) dense[i][i] = 3;
  dense[0][1] = 3;
  dense[1][0] = 1;
  dense[2][3] = dense[3][2] = 2;
  dense[0][2] = 1;
  const std::vector<double> weights = {0.4, 0.1, 0.2, 0.1, 0.2};
  std::size_t row = 0;
  for (int i = 0; i < 5; ++i) {
    for (int j = i + 1; j < 5; ++j, ++row) {
      SCOPED_TRACE(::testing::Message() << codes[i] << "-" << codes[j]);
      const auto table = tabulate_portfolios(dense[i], dense[j], weights);
      EXPECT_EQ(panel[row].ccode1, codes[i]);
      EXPECT_EQ(panel[row].ccode2, codes[j]);
      EXPECT_NEAR(*panel[row].s_unweighted, *s_score(table), 1e-12);
      EXPECT_NEAR(*panel[row].s_weighted, *s_score_weighted(table), 1e-12);
      EXPECT_NEAR(*panel[row].kappa, *cohen_kappa(table), 1e-12);
      EXPECT_NEAR(*panel[row].tau_b, *tau_b(table), 1e-12);
    }
  }
  SimilarityOptions only_two;
  only_two.states = {2, 200};
  const auto filtered = similarity_panel(alliances, members, cinc, only_two);
  ASSERT_EQ(filtered.size(), 1u);
  EXPECT_EQ(filtered[0].ccode2, 200);
}

}  // namespace
}  // namespace linchpin::analytics
