// The SIPRI military expenditure releases and the FAS stockpile file as they are in
// ../shared/data: both read without rejects, the releases name countries differently, and the
// FAS "World" row is not the sum of the country rows. Skipped without the data.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "linchpin/analytics/data/fas_reader.hpp"
#include "linchpin/analytics/data/military_expenditure_reader.hpp"

namespace linchpin::analytics {
namespace {

std::filesystem::path shared(const char* name) {
  return std::filesystem::path(LINCHPIN_SHARED_DATA_DIR) / name;
}

class MilexWarheadFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name :
         {SipriFiles::release_2021, SipriFiles::release_2024, FasFiles::stockpiles})
      if (!std::filesystem::exists(shared(name)))
        GTEST_SKIP() << "shared data not found at " << LINCHPIN_SHARED_DATA_DIR;
  }
};

std::optional<double> current_usd(const SipriData& data, const std::string& country, int year) {
  for (const auto& r : data.rows.records)
    if (r.country == country && r.year == year) return r.current_usd_m;
  return std::nullopt;
}

TEST_F(MilexWarheadFiles, SipriReleasesReadCleanAndNameStatesDifferently) {
  const auto old_release = read_sipri_milex(shared(SipriFiles::release_2021).string());
  const auto new_release = read_sipri_milex(shared(SipriFiles::release_2024).string());
  EXPECT_EQ(old_release.price_year, 2019);
  EXPECT_EQ(new_release.price_year, 2022);
  EXPECT_TRUE(old_release.rows.rejected.empty());
  EXPECT_TRUE(new_release.rows.rejected.empty());
  EXPECT_EQ(old_release.rows.records.size(), 12456u);
  EXPECT_EQ(new_release.rows.records.size(), 13050u);
  EXPECT_NEAR(*current_usd(old_release, "USA", 2020), 778232.2, 1e-6);
  EXPECT_FALSE(current_usd(new_release, "USA", 2020));
  EXPECT_NEAR(*current_usd(new_release, "United States of America", 2020), 778397.2, 1e-6);
  // North Korea: status "unavailable" in every year and no constant-price value, yet some
  // current-USD cells are filled (SOURCES.md says "no values at all"; that is not so).
  for (const auto* data : {&old_release, &new_release}) {
    int current_values = 0;
    for (const auto& r : data->rows.records) {
      if (r.country != "Korea, North") continue;
      EXPECT_EQ(r.status, SipriStatus::unavailable);
      EXPECT_FALSE(r.constant_usd_m);
      current_values += r.current_usd_m ? 1 : 0;
    }
    EXPECT_EQ(current_values, data == &old_release ? 5 : 31);  // 2014-18; 1986-2018 (27 zeros)
  }
  EXPECT_EQ(current_usd(new_release, "Korea, North", 2000), 0.0);  // a 0 that means "unknown"
}

TEST_F(MilexWarheadFiles, FasWorldRowIsNotTheSumOfTheCountries) {
  const auto data = read_fas_stockpiles(shared(FasFiles::stockpiles).string());
  ASSERT_TRUE(data.rejected.empty());
  std::map<int, int> world, countries;
  for (const auto& r : data.records) (r.world ? world : countries)[r.year] += r.warheads;
  ASSERT_EQ(world.size(), 79u);
  EXPECT_EQ(world.at(1986), 70374);
  EXPECT_EQ(countries.at(1986), 64452);
  int below = 0;
  for (const auto& [year, total] : world) below += total < countries.at(year) ? 1 : 0;
  EXPECT_EQ(below, 7);  // 1967-1969, 1976-1978 and 1980
}

}  // namespace
}  // namespace linchpin::analytics
