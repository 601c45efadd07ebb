#include "linchpin/analytics/state_membership.hpp"

#include <algorithm>

namespace linchpin::analytics {

MembershipIndex::MembershipIndex(std::span<const MembershipSpell> spells, int open_end_year) {
  for (const auto& spell : spells) {
    const bool open_ended =
        spell.end_year == spell.vintage && spell.end_month == 12 && spell.end_day == 31;
    const int end = open_ended ? std::max(spell.end_year, open_end_year) : spell.end_year;
    spells_by_ccode_[spell.ccode].emplace_back(spell.start_year, end);
  }
}

bool MembershipIndex::contains(int ccode, int year) const {
  const auto found = spells_by_ccode_.find(ccode);
  if (found == spells_by_ccode_.end()) return false;
  return std::any_of(found->second.begin(), found->second.end(), [year](const auto& span) {
    return span.first <= year && year <= span.second;
  });
}

std::vector<int> MembershipIndex::members(int year) const {
  std::vector<int> result;
  for (const auto& [ccode, spans] : spells_by_ccode_)
    if (contains(ccode, year)) result.push_back(ccode);
  return result;
}

}  // namespace linchpin::analytics
