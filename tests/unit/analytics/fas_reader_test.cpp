#include "linchpin/analytics/data/fas_reader.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace linchpin::analytics {
namespace {

TEST(FasReader, ReadsStockpilesAndMarksTheWorldRow) {
  const auto path = test::temporary_path("fas_reader_ok.csv");
  test::write_text(path,
                   "country_name,year,nuclear_weapons_stockpile\n"
                   "China,1945,0\n"
                   "North Korea,2023,30\n"
                   "World,1945,6\n");
  const auto data = read_fas_stockpiles(path.string());
  ASSERT_TRUE(data.rejected.empty());
  ASSERT_EQ(data.records.size(), 3u);
  EXPECT_EQ(data.records[1].country, "North Korea");
  EXPECT_EQ(data.records[1].warheads, 30);
  EXPECT_FALSE(data.records[1].world);
  EXPECT_TRUE(data.records[2].world);
}

}  // namespace
}  // namespace linchpin::analytics
