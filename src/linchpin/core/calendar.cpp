#include "linchpin/core/calendar.hpp"

#include <fmt/format.h>

#include <charconv>

namespace linchpin {

std::string Month::to_string() const {
  return fmt::format("{:04d}-{:02d}", year(), month_of_year());
}

std::string CalendarDate::to_string() const {
  if (day == 0) return fmt::format("{:04d}-{:02d}", year, month);
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

namespace {
bool parse_digits(std::string_view text, int& value) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  return result.ec == std::errc();
}
}  // namespace

std::optional<CalendarDate> parse_calendar_date(std::string_view text, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<CalendarDate> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  if (text.size() != 7 && text.size() != 10)
    return fail("expected a date as YYYY-MM or YYYY-MM-DD");
  if (text[4] != '-' || (text.size() == 10 && text[7] != '-'))
    return fail("expected a date as YYYY-MM or YYYY-MM-DD");
  CalendarDate date;
  if (!parse_digits(text.substr(0, 4), date.year) || !parse_digits(text.substr(5, 2), date.month))
    return fail("expected a date as YYYY-MM or YYYY-MM-DD");
  if (date.year < 1800 || date.year > 2300) return fail("year must be between 1800 and 2300");
  if (date.month < 1 || date.month > 12) return fail("month must be between 01 and 12");
  if (text.size() == 10) {
    if (!parse_digits(text.substr(8, 2), date.day))
      return fail("expected a date as YYYY-MM or YYYY-MM-DD");
    if (date.day < 1 || date.day > days_in_month(date.year, date.month))
      return fail(
          fmt::format("day {} does not exist in {:04d}-{:02d}", date.day, date.year, date.month));
  }
  return date;
}

}  // namespace linchpin
