#include "linchpin/analytics/data/year_count_reader.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "test_support.hpp"

namespace linchpin::analytics {
namespace {

TEST(YearCountReader, ReadsAColumnSkipsEmptyAndRejectsBadRows) {
  const auto path = linchpin::test::temporary_path("year_counts.csv");
  std::ofstream(path) << "year,a,b\n2000,1,x\n2001,,2\n2002,-3,1\n2003,4,5\n";
  const auto result = read_year_counts(path.string(), "a");
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(result.records[0].year, 2000);
  EXPECT_EQ(result.records[1].count, 4);
  ASSERT_EQ(result.rejected.size(), 1u);  // 2002: negative
  EXPECT_EQ(result.rejected[0].location.line, 4);
  EXPECT_THROW(read_year_counts(path.string(), "c"), InputError);
}

}  // namespace
}  // namespace linchpin::analytics
