#include "linchpin/analytics/data/military_expenditure_reader.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace linchpin::analytics {
namespace {

TEST(SipriReader, ReadsQuotedNamesMissingValuesAndThePriceYear) {
  const auto path = test::temporary_path("military_expenditure_reader_ok.csv");
  test::write_text(
      path,
      "\"country\",\"subregion\",\"year\",\"milex_const2022_usd_m\","
      "\"milex_current_usd_m\",\"milex_share_gdp\",\"status\"\n"
      "\"Korea, South\",\"East Asia\",1950,,108.4,,\"unavailable\"\n"
      "\"Kuwait\",\"Middle East\",1991,27428.8475533,12924.3779659,1.17349823209,"
      "\"ok\"\n"
      "\"Belize\",\"Central America and the Caribbean\",1949,,,,\"not_independent\"\n");
  const auto data = read_sipri_milex(path.string());
  EXPECT_EQ(data.price_year, 2022);
  ASSERT_TRUE(data.rows.rejected.empty());
  ASSERT_EQ(data.rows.records.size(), 3u);
  const auto& korea = data.rows.records[0];
  EXPECT_EQ(korea.country, "Korea, South");
  EXPECT_EQ(korea.year, 1950);
  EXPECT_FALSE(korea.constant_usd_m);
  EXPECT_DOUBLE_EQ(*korea.current_usd_m, 108.4);  // a value despite the status
  EXPECT_EQ(korea.status, SipriStatus::unavailable);
  EXPECT_DOUBLE_EQ(*data.rows.records[1].share_of_gdp, 1.17349823209);  // above 1 is real
  EXPECT_EQ(data.rows.records[2].status, SipriStatus::not_independent);
  EXPECT_STREQ(sipri_status_name(SipriStatus::not_independent), "not_independent");
}

}  // namespace
}  // namespace linchpin::analytics
