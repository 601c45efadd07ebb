// Alliance similarity on the real COW v4.1 and ATOP 5.1 data satisfies the measures' defining
// properties (Signorino & Ritter 1999; Häge 2011): self-similarity 1, symmetry, bounds.
// Needs ../shared/data; skipped without it.
#include <gtest/gtest.h>

#include <filesystem>

#include "linchpin/analytics/alliance_similarity.hpp"
#include "linchpin/analytics/data/data_folder.hpp"
#include "linchpin/analytics/system_structure.hpp"

namespace linchpin::analytics {
namespace {

std::filesystem::path shared(const char* name) {
  return std::filesystem::path(LINCHPIN_SHARED_DATA_DIR) / name;
}

bool shared_data_present() {
  return std::filesystem::exists(shared(DataFiles::cow_alliances)) &&
         std::filesystem::exists(shared(DataFiles::atop_alliances)) &&
         std::filesystem::exists(shared(DataFiles::states)) &&
         std::filesystem::exists(shared(DataFiles::nmc_v7));
}

// Dense portfolios of one year, built independently of the panel code.
std::vector<std::vector<std::uint8_t>> dense_portfolios(const AllianceData& alliances,
                                                        const std::vector<int>& members, int year) {
  const std::size_t n = members.size();
  std::vector<std::vector<std::uint8_t>> levels(n, std::vector<std::uint8_t>(n, 0));
  auto index = [&](int ccode) {
    return std::size_t(std::find(members.begin(), members.end(), ccode) - members.begin());
  };
  for (std::size_t i = 0; i < n; ++i) levels[i][i] = kMaxAllianceLevel;
  for (const auto& tie : alliances.rows.records) {
    if (tie.year != year) continue;
    const std::size_t i = index(tie.ccode1), j = index(tie.ccode2);
    if (i == n || j == n) continue;
    const auto level = alliance_level(tie.types);
    levels[i][j] = std::max(levels[i][j], level);
    if (!alliances.directed) levels[j][i] = std::max(levels[j][i], level);
  }
  return levels;
}

void check_properties(const AllianceData& alliances, int check_year) {
  ASSERT_TRUE(alliances.rows.rejected.empty());
  const auto states = read_state_system(shared(DataFiles::states).string());
  const MembershipIndex members(states.records, 2022);
  const auto nmc = read_nmc(shared(DataFiles::nmc_v7).string());
  const auto cinc = compute_cinc(nmc.rows.records);

  std::size_t dyads = 0;
  for_each_dyad_similarity(alliances, members, cinc, {}, [&](const DyadSimilarity& row) {
    ++dyads;
    ASSERT_LT(row.ccode1, row.ccode2);
    for (const auto& value : {row.s_unweighted, row.s_weighted, row.kappa, row.tau_b}) {
      if (!value) continue;
      ASSERT_GE(*value, -1.0 - 1e-12) << row.ccode1 << "-" << row.ccode2 << " " << row.year;
      ASSERT_LE(*value, 1.0 + 1e-12) << row.ccode1 << "-" << row.ccode2 << " " << row.year;
    }
    ASSERT_TRUE(row.s_unweighted && row.kappa && row.tau_b);
  });
  EXPECT_GT(dyads, 800'000u);  // 880,515 undirected dyad-years in COW 1816-2012

  // Self-similarity and symmetry on one year's full portfolios, and panel = dense kernel.
  const auto year_members = members.members(check_year);
  const auto levels = dense_portfolios(alliances, year_members, check_year);
  const std::vector<double> equal_weights(year_members.size(), 1.0 / year_members.size());
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const auto self = tabulate_portfolios(levels[i], levels[i], equal_weights);
    EXPECT_NEAR(*s_score(self), 1.0, 1e-12);
    EXPECT_NEAR(*s_score_weighted(self), 1.0, 1e-12);
    EXPECT_NEAR(*cohen_kappa(self), 1.0, 1e-12);
    EXPECT_NEAR(*tau_b(self), 1.0, 1e-12);
    for (std::size_t j = i + 1; j < levels.size(); ++j) {
      const auto forward = tabulate_portfolios(levels[i], levels[j], equal_weights);
      const auto backward = tabulate_portfolios(levels[j], levels[i], equal_weights);
      EXPECT_NEAR(*s_score(forward), *s_score(backward), 1e-12);
      EXPECT_NEAR(*cohen_kappa(forward), *cohen_kappa(backward), 1e-12);
      EXPECT_NEAR(*tau_b(forward), *tau_b(backward), 1e-12);
    }
  }
  SimilarityOptions one_year;
  one_year.first_year = one_year.last_year = check_year;
  const auto panel = similarity_panel(alliances, members, cinc, one_year);
  ASSERT_EQ(panel.size(), year_members.size() * (year_members.size() - 1) / 2);
  std::size_t row = 0;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    for (std::size_t j = i + 1; j < levels.size(); ++j, ++row) {
      const auto table = tabulate_portfolios(levels[i], levels[j], equal_weights);
      ASSERT_NEAR(*panel[row].s_unweighted, *s_score(table), 1e-12);
      ASSERT_NEAR(*panel[row].kappa, *cohen_kappa(table), 1e-12);
      ASSERT_NEAR(*panel[row].tau_b, *tau_b(table), 1e-12);
    }
  }
}

TEST(AnalyticsSimilarityValidation, CowAlliancePropertiesHold) {
  if (!shared_data_present())
    GTEST_SKIP() << "shared data not found at " << LINCHPIN_SHARED_DATA_DIR;
  check_properties(read_cow_alliances(shared(DataFiles::cow_alliances).string()), 1914);
}

TEST(AnalyticsSimilarityValidation, AtopAlliancePropertiesHold) {
  if (!shared_data_present())
    GTEST_SKIP() << "shared data not found at " << LINCHPIN_SHARED_DATA_DIR;
  check_properties(read_atop_alliances(shared(DataFiles::atop_alliances).string()), 1985);
}

// Well-known structure: NATO allies are closer than USA and USSR in 1980.
TEST(AnalyticsSimilarityValidation, ColdWarOrdering) {
  if (!shared_data_present())
    GTEST_SKIP() << "shared data not found at " << LINCHPIN_SHARED_DATA_DIR;
  const auto alliances = read_cow_alliances(shared(DataFiles::cow_alliances).string());
  const auto states = read_state_system(shared(DataFiles::states).string());
  const MembershipIndex members(states.records, 2022);
  SimilarityOptions options;
  options.first_year = options.last_year = 1980;
  options.states = {2, 200, 365};
  const auto panel = similarity_panel(alliances, members, {}, options);
  ASSERT_EQ(panel.size(), 3u);  // 2-200, 2-365, 200-365
  EXPECT_GT(*panel[0].s_unweighted, *panel[1].s_unweighted);
  EXPECT_GT(*panel[0].kappa, *panel[1].kappa);
  EXPECT_GT(*panel[0].tau_b, *panel[1].tau_b);
  EXPECT_GT(*panel[0].kappa, 0.0);
  EXPECT_FALSE(panel[0].s_weighted.has_value());  // no capability data given
}

// The structure series covers 1816-2022 and has plausible values in well-known years.
TEST(AnalyticsStructureValidation, SeriesCoversNmc70) {
  if (!shared_data_present())
    GTEST_SKIP() << "shared data not found at " << LINCHPIN_SHARED_DATA_DIR;
  const auto majors = read_major_powers(shared(DataFiles::major_powers).string());
  ASSERT_TRUE(majors.rejected.empty());
  const MembershipIndex major_index(majors.records, 2022);
  const auto nmc = read_nmc(shared(DataFiles::nmc_v7).string());
  const auto structure = compute_system_structure(compute_cinc(nmc.rows.records), major_index);
  ASSERT_EQ(structure.years.size(), 2022u - 1816 + 1);
  for (const auto& year : structure.years) {
    ASSERT_GE(year.major_powers, 2) << year.year;
    EXPECT_GE(*year.concentration_major, 0.0);
    EXPECT_LE(*year.concentration_major, 1.0);
    EXPECT_GE(*year.effective_major_powers, 1.0);
    EXPECT_LE(*year.effective_major_powers, double(year.major_powers) + 1e-12);
  }
  // China's CINC passes the United States' in the 2000s (a widely reported NMC finding).
  EXPECT_TRUE(std::any_of(
      structure.transitions.begin(), structure.transitions.end(), [](const PowerTransition& t) {
        return t.riser_ccode == 710 && t.overtaken_ccode == 2 && t.year >= 1995 && t.year <= 2010;
      }));
}

}  // namespace
}  // namespace linchpin::analytics
