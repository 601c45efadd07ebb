#pragma once
// Which states (or major powers) belong to the system in a given year.
#include <map>
#include <span>
#include <vector>

#include "linchpin/analytics/data/state_system_reader.hpp"

namespace linchpin::analytics {

// A state is a member in year t when one of its spells has start_year <= t <= end_year (the
// peacesciencer state-year rule). COW files end every surviving spell on 31 December of the
// data vintage (2016); that date means "still a member when the data were released", so such
// spells are extended to `open_end_year` to cover later capability and alliance data.
class MembershipIndex {
 public:
  MembershipIndex(std::span<const MembershipSpell> spells, int open_end_year);

  bool contains(int ccode, int year) const;
  // Members in a year, ascending by ccode.
  std::vector<int> members(int year) const;

 private:
  std::map<int, std::vector<std::pair<int, int>>> spells_by_ccode_;  // ccode -> [start, end]
};

}  // namespace linchpin::analytics
