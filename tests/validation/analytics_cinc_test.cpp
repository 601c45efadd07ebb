// Recomputed CINC reproduces the published `cinc` of every state-year in COW NMC v6.0 and v7.0
// (Singer, Bremer & Stuckey 1972; NMC codebooks). Needs ../shared/data; skipped without it.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "linchpin/analytics/cinc.hpp"
#include "linchpin/analytics/data/data_folder.hpp"

namespace linchpin::analytics {
namespace {

void expect_published_cinc_reproduced(const char* file_name, NmcLayout layout,
                                      std::size_t expected_rows) {
  const std::filesystem::path path = std::filesystem::path(LINCHPIN_SHARED_DATA_DIR) / file_name;
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data not found at " << path;
  const auto data = read_nmc(path.string());
  EXPECT_EQ(data.layout, layout);
  EXPECT_TRUE(data.rows.rejected.empty());
  ASSERT_EQ(data.rows.records.size(), expected_rows);
  const auto panel = compute_cinc(data.rows.records);
  double max_difference = 0;
  std::size_t compared = 0;
  for (const auto& row : panel) {
    ASSERT_TRUE(row.published_cinc.has_value()) << row.ccode << " " << row.year;
    ASSERT_TRUE(row.cinc.has_value()) << row.ccode << " " << row.year;
    const double difference = std::abs(*row.cinc - *row.published_cinc);
    EXPECT_LE(difference, 1e-6) << row.state_abbreviation << " " << row.year;
    max_difference = std::max(max_difference, difference);
    ++compared;
  }
  EXPECT_EQ(compared, expected_rows);
  ::testing::Test::RecordProperty("max_abs_difference", std::to_string(max_difference));
  std::printf("NMC %s: %zu state-years, max |recomputed - published| = %.3g\n",
              nmc_layout_name(layout), compared, max_difference);
}

TEST(AnalyticsCincValidation, ReproducesPublishedCincNmc60) {
  expect_published_cinc_reproduced(DataFiles::nmc_v6, NmcLayout::v6_0, 15951);
}

TEST(AnalyticsCincValidation, ReproducesPublishedCincNmc70) {
  expect_published_cinc_reproduced(DataFiles::nmc_v7, NmcLayout::v7_0, 17121);
}

}  // namespace
}  // namespace linchpin::analytics
