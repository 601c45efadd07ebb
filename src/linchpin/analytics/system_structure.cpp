#include "linchpin/analytics/system_structure.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace linchpin::analytics {

namespace {
std::optional<double> sum_of_squared_shares(std::span<const double> capabilities) {
  const double total = std::accumulate(capabilities.begin(), capabilities.end(), 0.0);
  if (capabilities.empty() || total <= 0) return std::nullopt;
  double sum = 0;
  for (double c : capabilities) sum += (c / total) * (c / total);
  return sum;
}
}  // namespace

std::optional<double> ray_singer_concentration(std::span<const double> capabilities) {
  const auto herfindahl = sum_of_squared_shares(capabilities);
  const double n = double(capabilities.size());
  if (!herfindahl || capabilities.size() < 2) return std::nullopt;
  // Rounding can push the numerator a hair below zero when shares are equal.
  return std::sqrt(std::max(0.0, (*herfindahl - 1.0 / n) / (1.0 - 1.0 / n)));
}

std::optional<double> effective_number(std::span<const double> capabilities) {
  const auto herfindahl = sum_of_squared_shares(capabilities);
  if (!herfindahl) return std::nullopt;
  return 1.0 / *herfindahl;
}

std::vector<std::size_t> poles(std::span<const double> capabilities, double threshold) {
  if (capabilities.empty()) return {};
  const double strongest = *std::max_element(capabilities.begin(), capabilities.end());
  std::vector<std::size_t> result;
  if (strongest <= 0) return result;
  for (std::size_t i = 0; i < capabilities.size(); ++i)
    if (capabilities[i] >= threshold * strongest) result.push_back(i);
  std::stable_sort(result.begin(), result.end(),
                   [&](std::size_t a, std::size_t b) { return capabilities[a] > capabilities[b]; });
  return result;
}

SystemStructure compute_system_structure(std::span<const StateYearCinc> capabilities,
                                         const MembershipIndex& major_powers,
                                         double pole_threshold) {
  // year -> (ccode -> cinc) for all states, and for major powers only.
  std::map<int, std::map<int, double>> all_by_year, majors_by_year;
  for (const auto& row : capabilities) {
    if (!row.cinc) continue;
    all_by_year[row.year][row.ccode] = *row.cinc;
    if (major_powers.contains(row.ccode, row.year)) majors_by_year[row.year][row.ccode] = *row.cinc;
  }

  SystemStructure structure;
  std::vector<double> values, major_values;
  std::vector<int> major_ccodes;
  for (const auto& [year, states] : all_by_year) {
    values.clear();
    for (const auto& entry : states) values.push_back(entry.second);
    major_values.clear();
    major_ccodes.clear();
    for (const auto& [ccode, cinc] : majors_by_year[year]) {
      major_ccodes.push_back(ccode);
      major_values.push_back(cinc);
    }
    StructureYear row;
    row.year = year;
    row.states = int(values.size());
    row.major_powers = int(major_values.size());
    row.concentration_all = ray_singer_concentration(values);
    row.concentration_major = ray_singer_concentration(major_values);
    row.effective_major_powers = effective_number(major_values);
    for (std::size_t index : poles(major_values, pole_threshold))
      row.pole_ccodes.push_back(major_ccodes[index]);
    structure.years.push_back(std::move(row));

    const auto previous = majors_by_year.find(year - 1);
    if (previous == majors_by_year.end()) continue;
    const auto& now = majors_by_year[year];
    for (const auto& [riser, riser_now] : now) {
      for (const auto& [other, other_now] : now) {
        if (riser == other || riser_now <= other_now) continue;
        const auto riser_before = previous->second.find(riser);
        const auto other_before = previous->second.find(other);
        if (riser_before == previous->second.end() || other_before == previous->second.end())
          continue;
        if (riser_before->second >= other_before->second) continue;  // was not behind
        structure.transitions.push_back({year, riser, other,
                                         riser_before->second / other_before->second,
                                         riser_now / other_now});
      }
    }
  }
  return structure;
}

}  // namespace linchpin::analytics
