#include "linchpin/core/calendar.hpp"

#include <gtest/gtest.h>

namespace linchpin {
namespace {

TEST(Month, ArithmeticCrossesYears) {
  const Month december = Month::from_year_month(2026, 12);
  EXPECT_EQ(december.plus(1).to_string(), "2027-01");
  EXPECT_EQ(december.plus(120).to_string(), "2036-12");
  EXPECT_EQ(Month::from_year_month(2028, 11).months_since(december), 23);
  EXPECT_LT(december, december.plus(1));
}

TEST(CalendarDate, ParsesMonthsAndDays) {
  auto month = parse_calendar_date("2026-12");
  ASSERT_TRUE(month);
  EXPECT_EQ(month->day, 0);
  EXPECT_EQ(month->to_string(), "2026-12");
  auto day = parse_calendar_date("2024-02-29");
  ASSERT_TRUE(day);
  EXPECT_EQ(day->to_string(), "2024-02-29");
}

TEST(CalendarDate, RejectsImpossibleDatesWithAReason) {
  std::string why;
  EXPECT_FALSE(parse_calendar_date("2023-02-29", &why));
  EXPECT_NE(why.find("does not exist"), std::string::npos);
  EXPECT_FALSE(parse_calendar_date("2023-13", &why));
  EXPECT_FALSE(parse_calendar_date("23-01-01", &why));
  EXPECT_FALSE(parse_calendar_date("2023/01", &why));
  EXPECT_FALSE(parse_calendar_date("", &why));
}

TEST(CalendarDate, LeapYearRules) {
  EXPECT_EQ(days_in_month(2000, 2), 29);
  EXPECT_EQ(days_in_month(1900, 2), 28);
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2023, 4), 30);
}

}  // namespace
}  // namespace linchpin
