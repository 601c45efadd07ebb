#pragma once
// Readers for COW state system membership (states2016) and major powers (majors2016).
#include <string>

#include "linchpin/analytics/data/csv_reader.hpp"

namespace linchpin::analytics {

// One spell of membership: a state (or a major power) from its start to its end year.
struct MembershipSpell {
  int ccode = 0;
  std::string state_abbreviation;  // empty in the major-powers file
  std::string state_name;          // empty in the major-powers file
  int start_year = 0;
  int end_year = 0;
  int end_month = 0;
  int end_day = 0;
  int vintage = 0;  // the file's `version` (2016): the last year the data set covers
};

ReadResult<MembershipSpell> read_state_system(const std::string& path);
ReadResult<MembershipSpell> read_major_powers(const std::string& path);

}  // namespace linchpin::analytics
