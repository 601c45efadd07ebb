#include "linchpin/analytics/data/trade_reader.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace linchpin::analytics {
namespace {

TEST(TradeReader, ReadsFlowsAndEmptyMissing) {
  const auto path = test::temporary_path("trade_reader_ok.csv");
  test::write_text(path,
                   "ccode1,ccode2,year,flow1,flow2,smoothflow1,smoothflow2\n"
                   "2,20,1990,93780,82778,93780,82778\n"
                   "2,31,1991,,0.5,,0.5\n");
  const auto data = read_cow_trade(path.string());
  ASSERT_TRUE(data.rejected.empty());
  ASSERT_EQ(data.records.size(), 2u);
  EXPECT_EQ(data.records[0].flow1, 93780.0);
  EXPECT_EQ(data.records[0].flow2, 82778.0);
  EXPECT_EQ(data.records[1].ccode2, 31);
  EXPECT_EQ(data.records[1].year, 1991);
  EXPECT_FALSE(data.records[1].flow1);
  EXPECT_EQ(data.records[1].flow2, 0.5);
}

}  // namespace
}  // namespace linchpin::analytics
