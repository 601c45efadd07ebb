// Dispute history on the real MID dyad-year files (COW v5.0 and GML v2.2.1 as built by
// peacesciencer): both directions of every dyad-year are present and agree, and the Korean War
// shows as a level-5, fatality-6 dispute between the US and both North Korea and China in 1950
// (and not between the two allies).
// Needs ../shared/data; skipped without it.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <tuple>

#include "linchpin/analytics/dispute_history.hpp"

namespace linchpin::analytics {
namespace {

std::filesystem::path shared(const char* name) {
  return std::filesystem::path(LINCHPIN_SHARED_DATA_DIR) / name;
}

class MidFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(shared(MidFiles::cow)) ||
        !std::filesystem::exists(shared(MidFiles::gml)))
      GTEST_SKIP() << "shared data not found at " << LINCHPIN_SHARED_DATA_DIR;
  }
};

void expect_mirrored(const MidData& data) {
  ASSERT_TRUE(data.rows.rejected.empty());
  std::map<std::tuple<int, int, int>, const MidDyadYear*> by_key;
  for (const auto& r : data.rows.records) {
    ASSERT_TRUE(by_key.emplace(std::make_tuple(r.ccode1, r.ccode2, r.year), &r).second)
        << "duplicate directed dyad-year";
  }
  for (const auto& [key, r] : by_key) {
    const auto mirror = by_key.find({r->ccode2, r->ccode1, r->year});
    ASSERT_NE(mirror, by_key.end());
    const MidDyadYear& m = *mirror->second;
    EXPECT_EQ(std::tie(m.dispnum, m.onset, m.hostlev, m.fatality),
              std::tie(r->dispnum, r->onset, r->hostlev, r->fatality));
    EXPECT_EQ(std::tie(m.hostlev1, m.fatality1), std::tie(r->hostlev2, r->fatality2));
  }
}

TEST_F(MidFilesTest, EveryDirectedDyadYearHasAnIdenticalMirror) {
  expect_mirrored(read_cow_mid_dyad_years(shared(MidFiles::cow).string()));
  expect_mirrored(read_gml_mid_dyad_years(shared(MidFiles::gml).string()));
}

TEST_F(MidFilesTest, KoreanWarAndTheUsNorthKoreaHistory) {
  const int usa = 2, china = 710, north_korea = 731;
  for (const auto& data : {read_cow_mid_dyad_years(shared(MidFiles::cow).string()),
                           read_gml_mid_dyad_years(shared(MidFiles::gml).string())}) {
    SCOPED_TRACE(mid_source_name(data.source));
    const auto year_1950 =
        dispute_history(data.rows.records, {1950, 1950, {usa, china, north_korea}});
    ASSERT_EQ(year_1950.size(), 3u);  // 2-710, 2-731, 710-731
    for (const auto& h : {year_1950[0], year_1950[1]}) {
      EXPECT_EQ(h.dispute_years, 1) << h.ccode1 << "-" << h.ccode2;
      EXPECT_EQ(h.max_hostlev, 5) << h.ccode1 << "-" << h.ccode2;
      EXPECT_EQ(h.max_fatality, 6) << h.ccode1 << "-" << h.ccode2;
    }
    EXPECT_EQ(year_1950[2].dispute_years, 0);  // allies on the same side form no dyad
  }
  // Figures checked independently (Python over the CSV) for the window 1950-2014.
  const auto cow = read_cow_mid_dyad_years(shared(MidFiles::cow).string());
  const auto usa_prk = dispute_history(cow.rows.records, {1950, 2014, {usa, north_korea}});
  ASSERT_EQ(usa_prk.size(), 1u);
  EXPECT_EQ(usa_prk[0].dispute_years, 42);
  EXPECT_EQ(usa_prk[0].disputes, 22);
  EXPECT_EQ(usa_prk[0].onsets, 22);
  EXPECT_EQ(usa_prk[0].last_dispute_year, 2014);
  const auto gml = read_gml_mid_dyad_years(shared(MidFiles::gml).string());
  EXPECT_EQ(dispute_data_years(gml.rows.records), std::make_pair(1816, 2010));
  const auto gml_usa_prk = dispute_history(gml.rows.records, {1950, 2014, {usa, north_korea}});
  EXPECT_EQ(gml_usa_prk[0].last_year, 2010);
  EXPECT_EQ(gml_usa_prk[0].dispute_years, 41);
  EXPECT_EQ(gml_usa_prk[0].disputes, 18);
}

}  // namespace
}  // namespace linchpin::analytics
