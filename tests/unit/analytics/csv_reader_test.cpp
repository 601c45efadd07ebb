#include "linchpin/analytics/data/csv_reader.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace linchpin::analytics {
namespace {

std::string write_csv(const std::string& name, const std::string& text) {
  const auto path = test::temporary_path(name);
  test::write_text(path, text);
  return path.string();
}

TEST(CsvReader, ReadsQuotedFieldsMixedNotationAndMissingCodes) {
  const auto path = write_csv("csv_reader_basic.csv",
                              "name,value,other\r\n"
                              "\"Korea, South\",.039697491,-9\r\n"
                              "\n"
                              "\"say \"\"hi\"\"\",4.6803671E-06,\r\n");
  CsvReader reader(path);
  ASSERT_TRUE(reader.next_row());
  EXPECT_EQ(reader.text(0), "Korea, South");
  EXPECT_DOUBLE_EQ(reader.number(1), 0.039697491);
  EXPECT_FALSE(reader.number_or_missing(2, "-9").has_value());
  ASSERT_TRUE(reader.next_row());
  EXPECT_EQ(reader.line(), 4);  // the blank line is skipped but counted
  EXPECT_EQ(reader.text(0), "say \"hi\"");
  EXPECT_DOUBLE_EQ(reader.number(1), 4.6803671e-06);
  EXPECT_FALSE(reader.number_or_missing(2, "-9").has_value());
  EXPECT_FALSE(reader.next_row());
  EXPECT_EQ(reader.rows_read(), 2);
}

TEST(CsvReader, RejectsNonFiniteAndPartialNumbers) {
  const auto path = write_csv("csv_reader_numbers.csv", "a,b,c,d\nnan,1.5e3,12x,\n");
  CsvReader reader(path);
  ASSERT_TRUE(reader.next_row());
  EXPECT_THROW(reader.number(0), RowError);
  EXPECT_DOUBLE_EQ(reader.number(1), 1500.0);
  EXPECT_THROW(reader.integer(2), RowError);
  EXPECT_THROW(reader.integer(3), RowError);
  try {
    reader.number(2);
  } catch (const RowError& error) {
    EXPECT_EQ(error.diagnostic.location.line, 2);
    EXPECT_EQ(error.diagnostic.location.column, 3);
    EXPECT_EQ(error.diagnostic.key_path, "c");
  }
}

TEST(CsvReader, HeaderCheckAllowsTrailingColumnsOnlyWhenAsked) {
  const auto path = write_csv("csv_reader_header.csv", "a,b,extra\n1,2,3\n");
  CsvReader reader(path);
  EXPECT_NO_THROW(reader.require_header({"a", "b"}, true));
  EXPECT_THROW(reader.require_header({"a", "b"}), InputError);
  EXPECT_EQ(reader.column_index("extra"), 2u);
  EXPECT_FALSE(reader.column_index("missing").has_value());
}

}  // namespace
}  // namespace linchpin::analytics
