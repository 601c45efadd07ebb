#pragma once
// Reader for the UCDP/PRIO Armed Conflict Dataset (conflict-year file, v21.1: 1946-2020;
// Gleditsch et al. 2002; Davies, Pettersson & Oberg 2022). One row per conflict and year with
// at least 25 battle-related deaths. Dates may be the official YYYY-MM-DD or the M/D/YY of the
// copy in shared/data. A two-digit year is read as the latest of 19YY and 20YY not after the
// row's year: no date in a row lies after its year, and start dates can precede 1946 (47 rows
// of v21.1 have conflicts that began in 1944-45), so "YY >= 46 is 19YY" would misread them.
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "linchpin/analytics/data/csv_reader.hpp"
#include "linchpin/core/enum_names.hpp"

namespace linchpin::analytics {

// UCDP `type_of_conflict` codes 1-4.
enum class UcdpConflictType { extrasystemic = 1, interstate, intrastate, internationalised };
inline constexpr std::array<EnumName<UcdpConflictType>, 4> kUcdpConflictTypeNames{{
    {UcdpConflictType::extrasystemic, "extrasystemic"},
    {UcdpConflictType::interstate, "interstate"},
    {UcdpConflictType::intrastate, "intrastate"},
    {UcdpConflictType::internationalised, "internationalised-intrastate"},
}};

// UCDP `region` codes 1-5 (the region of the incompatibility's location).
enum class UcdpRegion { europe = 1, middle_east, asia, africa, americas };
inline constexpr std::array<EnumName<UcdpRegion>, 5> kUcdpRegionNames{{
    {UcdpRegion::europe, "europe"},
    {UcdpRegion::middle_east, "middle-east"},
    {UcdpRegion::asia, "asia"},
    {UcdpRegion::africa, "africa"},
    {UcdpRegion::americas, "americas"},
}};

struct UcdpDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

struct UcdpConflictYear {
  int conflict_id = 0;
  std::string location;
  int year = 0;
  int intensity_level = 0;      // 1: 25-999 battle-related deaths in the year; 2: 1,000 or more
  bool cumulative_war = false;  // the conflict has reached 1,000 deaths since its start
  UcdpConflictType type = UcdpConflictType::intrastate;
  UcdpDate start_date;                       // first battle-related death of the conflict
  UcdpDate episode_start;                    // start of the current episode (start_date2)
  bool episode_ends = false;                 // ep_end: the episode ends this year
  std::optional<UcdpDate> episode_end_date;  // present exactly when episode_ends
  std::uint8_t regions = 0;                  // bit r set for region code r (1-5); may be several

  bool in_region(UcdpRegion region) const { return (regions >> int(region)) & 1u; }
};

struct UcdpData {
  std::string version;  // the `version` column, the same on every row (e.g. "21.1")
  ReadResult<UcdpConflictYear> rows;
};

struct UcdpFiles {
  static constexpr const char* acd_v21_1 = "ucdp/ucdp-prio-acd-211.csv";
};

// Reads the conflict-year file; bad rows are rejected with file:line:column (call
// rows.require_clean() to turn them into an InputError). A header that is not the official
// column list throws InputError.
UcdpData read_ucdp_acd(const std::string& path);

// Parses YYYY-MM-DD or M/D/YY (YY: 20YY if that is not after reference_year, else 19YY);
// nullopt when the text is neither or not a calendar date.
std::optional<UcdpDate> parse_ucdp_date(std::string_view text, int reference_year);

}  // namespace linchpin::analytics
