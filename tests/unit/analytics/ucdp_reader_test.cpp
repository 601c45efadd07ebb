#include "linchpin/analytics/data/ucdp_reader.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace linchpin::analytics {
namespace {

const char* kHeader =
    "conflict_id,location,side_a,side_a_id,side_a_2nd,side_b,side_b_id,side_b_2nd,"
    "incompatibility,territory_name,year,intensity_level,cumulative_intensity,type_of_conflict,"
    "start_date,start_prec,start_date2,start_prec2,ep_end,ep_end_date,ep_end_prec,gwno_a,"
    "gwno_a_2nd,gwno_b,gwno_b_2nd,gwno_loc,region,version\n";

TEST(UcdpReader, ParsesTwoDigitAndIsoDates) {
  const auto d = parse_ucdp_date("5/29/97", 2012);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year, 1997);
  EXPECT_EQ(d->month, 5);
  EXPECT_EQ(d->day, 29);
  // Two-digit years: the latest century not after the row's year.
  EXPECT_EQ(parse_ucdp_date("1/1/46", 1946)->year, 1946);
  EXPECT_EQ(parse_ucdp_date("10/13/45", 1946)->year, 1945);  // a conflict begun before 1946
  EXPECT_EQ(parse_ucdp_date("11/15/12", 2014)->year, 2012);
  EXPECT_EQ(parse_ucdp_date("11/15/12", 2011)->year, 1912);
  EXPECT_EQ(parse_ucdp_date("2020-02-29", 1950)->day, 29);  // four digits are taken as they are
  EXPECT_FALSE(parse_ucdp_date("2/29/21", 2021));           // 2021 is not a leap year
  EXPECT_FALSE(parse_ucdp_date("13/1/99", 2000));
  EXPECT_FALSE(parse_ucdp_date("1/1/1999", 2000));
  EXPECT_FALSE(parse_ucdp_date("", 2000));
}

TEST(UcdpReader, ReadsRowsWithSeveralRegions) {
  const auto path = test::temporary_path("ucdp_good.csv");
  test::write_text(path, std::string(kHeader) +
                             "11343,\"Egypt, Israel\",Government of Egypt,117,,Government of "
                             "Israel,121,,1,Suez/Sinai,1967,2,1,2,6/5/67,1,6/5/67,1,1,6/10/67,,"
                             "651,,666,,\"651, 666\",\"1, 2\",21.1\n"
                             "232,\"China, Taiwan\",Government of China,1,,Government of Taiwan,2,,"
                             "1,,1958,2,1,2,1949-10-25,1,8/23/58,1,0,,,710,,713,,\"710, 713\",3,"
                             "21.1\n");
  const auto data = read_ucdp_acd(path.string());
  ASSERT_TRUE(data.rows.rejected.empty()) << data.rows.rejected.front().format();
  ASSERT_EQ(data.rows.records.size(), 2u);
  EXPECT_EQ(data.version, "21.1");
  const auto& suez = data.rows.records[0];
  EXPECT_EQ(suez.conflict_id, 11343);
  EXPECT_EQ(suez.location, "Egypt, Israel");
  EXPECT_EQ(suez.intensity_level, 2);
  EXPECT_EQ(suez.type, UcdpConflictType::interstate);
  EXPECT_TRUE(suez.episode_ends);
  EXPECT_EQ(suez.episode_end_date->day, 10);
  EXPECT_TRUE(suez.in_region(UcdpRegion::europe));
  EXPECT_TRUE(suez.in_region(UcdpRegion::middle_east));
  EXPECT_FALSE(suez.in_region(UcdpRegion::asia));
  const auto& taiwan = data.rows.records[1];
  EXPECT_EQ(taiwan.start_date.year, 1949);
  EXPECT_EQ(taiwan.episode_start.month, 8);
  EXPECT_FALSE(taiwan.episode_end_date);
}

TEST(UcdpReader, MalformedRowsGiveFileLineAndColumn) {
  const auto path = test::temporary_path("ucdp_bad.csv");
  test::write_text(path, std::string(kHeader) +
                             "9,A,a,1,,b,2,,1,,1967,1,0,2,6/5/67,1,6/5/67,1,0,,,1,,2,,1,2,21.1\n" +
                             "1,A,a,1,,b,2,,1,,1967,3,1,2,6/5/67,1,6/5/67,1,0,,,1,,2,,1,2,21.1\n" +
                             "2,A,a,1,,b,2,,1,,1967,1,0,2,6/5/67,1,6/31/67,1,0,,,1,,2,,1,2,21.1\n" +
                             "3,A,a,1,,b,2,,1,,1967,1,0,2,6/5/67,1,6/5/67,1,1,,,1,,2,,1,2,21.1\n" +
                             "4,A,a,1,,b,2,,1,,1967,1,0,2,6/5/67,1,6/5/67,1,0,,,1,,2,,1,\"1, 6\","
                             "21.1\n" +
                             "5,A,a,1,,b,2,,1,,1967,1,0,2,6/5/68,1,6/5/68,1,0,,,1,,2,,1,2,21.1\n" +
                             "6,A,a,1,,b,2,,1,,1967,1,0,2,6/5/67,1,6/5/67,1,0,,,1,,2,,1,2,20.1\n" +
                             "7,A,a,1,,b,2,,1,,1967,2,0,2,6/5/67,1,6/5/67,1,0,,,1,,2,,1,2,21.1\n");
  const auto data = read_ucdp_acd(path.string());
  EXPECT_EQ(data.rows.records.size(), 1u);
  std::vector<std::string> messages;
  for (auto d : data.rows.rejected) {
    d.location.file = std::string(1, 'F');  // not "F": g++ 12 -Wrestrict false positive
    messages.push_back(d.format());
  }
  EXPECT_EQ(
      messages,
      (std::vector<std::string>{
          "F:3:12: error: intensity_level: 3 is out of range 1 to 2",
          "F:4:17: error: start_date2: expected a date (M/D/YY or YYYY-MM-DD), found "
          "'6/31/67'",
          "F:5:20: error: ep_end_date: expected the end date of an episode that ends "
          "(ep_end 1)",
          "F:6:27: error: region: expected region codes 1-5 separated by commas, found '1, 6'",
          "F:7:15: error: start_date: conflict starts after the row's year 1967",
          "F:8:28: error: version: expected version '21.1' as on the first row, found '20.1'",
          "F:9:13: error: cumulative_intensity: expected 1: a war-intensity year implies "
          "1,000 cumulative deaths"}));
  EXPECT_THROW(data.rows.require_clean(), InputError);

  const auto wrong_header = test::temporary_path("ucdp_wrong_header.csv");
  test::write_text(wrong_header, "conflict_id,location\n1,A\n");
  EXPECT_THROW(read_ucdp_acd(wrong_header.string()), InputError);
}

}  // namespace
}  // namespace linchpin::analytics
