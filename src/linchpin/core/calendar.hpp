#pragma once
// Calendar dates and months. The simulation clock counts whole months.
#include <optional>
#include <string>
#include <string_view>

namespace linchpin {

// A calendar month, stored as months since January of year 0.
class Month {
 public:
  Month() = default;
  static Month from_year_month(int year, int month) { return Month(year * 12 + (month - 1)); }
  int year() const { return index_ / 12; }
  int month_of_year() const { return index_ % 12 + 1; }
  int index() const { return index_; }
  Month plus(int months) const { return Month(index_ + months); }
  int months_since(Month earlier) const { return index_ - earlier.index_; }
  std::string to_string() const;  // "YYYY-MM"
  auto operator<=>(const Month&) const = default;

 private:
  explicit Month(int index) : index_(index) {}
  int index_ = 0;
};

// A date as written in a scenario: "YYYY-MM" (day unknown) or "YYYY-MM-DD".
struct CalendarDate {
  int year = 0;
  int month = 1;
  int day = 0;  // 0 when only the month was given

  Month to_month() const { return Month::from_year_month(year, month); }
  std::string to_string() const;
  auto operator<=>(const CalendarDate&) const = default;
};

// Parses "YYYY-MM" or "YYYY-MM-DD"; returns nullopt (and an explanation) if malformed.
std::optional<CalendarDate> parse_calendar_date(std::string_view text, std::string* why = nullptr);

int days_in_month(int year, int month);

}  // namespace linchpin
