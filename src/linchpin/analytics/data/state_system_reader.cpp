#include "linchpin/analytics/data/state_system_reader.hpp"

#include <fmt/format.h>

namespace linchpin::analytics {

namespace {
// Reads the date columns shared by both files, starting at `first` (styear).
void read_spell_dates(const CsvReader& row, std::size_t first, MembershipSpell& spell) {
  spell.start_year = int(row.integer(first));
  const auto start_month = row.integer(first + 1);
  const auto start_day = row.integer(first + 2);
  spell.end_year = int(row.integer(first + 3));
  spell.end_month = int(row.integer(first + 4));
  spell.end_day = int(row.integer(first + 5));
  spell.vintage = int(row.integer(first + 6));
  if (start_month < 1 || start_month > 12) row.reject(first + 1, "month must be 1 to 12");
  if (start_day < 1 || start_day > 31) row.reject(first + 2, "day must be 1 to 31");
  if (spell.end_month < 1 || spell.end_month > 12) row.reject(first + 4, "month must be 1 to 12");
  if (spell.end_day < 1 || spell.end_day > 31) row.reject(first + 5, "day must be 1 to 31");
  if (spell.end_year < spell.start_year)
    row.reject(first + 3, fmt::format("end year {} is before start year {}", spell.end_year,
                                      spell.start_year));
}
}  // namespace

ReadResult<MembershipSpell> read_state_system(const std::string& path) {
  CsvReader reader(path);
  reader.require_header({"stateabb", "ccode", "statenme", "styear", "stmonth", "stday", "endyear",
                         "endmonth", "endday", "version"});
  return read_csv_rows<MembershipSpell>(reader, [](const CsvReader& row) {
    MembershipSpell spell;
    spell.state_abbreviation = std::string(row.text(0));
    spell.ccode = int(row.integer(1));
    spell.state_name = std::string(row.text(2));
    read_spell_dates(row, 3, spell);
    return spell;
  });
}

ReadResult<MembershipSpell> read_major_powers(const std::string& path) {
  CsvReader reader(path);
  reader.require_header(
      {"ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday", "version"});
  return read_csv_rows<MembershipSpell>(reader, [](const CsvReader& row) {
    MembershipSpell spell;
    spell.ccode = int(row.integer(0));
    read_spell_dates(row, 1, spell);
    return spell;
  });
}

}  // namespace linchpin::analytics
