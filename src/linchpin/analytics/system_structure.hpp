#pragma once
// System structure per year: capability concentration, effective number of major powers,
// poles, and power transitions between major-power pairs.
#include <optional>
#include <span>
#include <vector>

#include "linchpin/analytics/cinc.hpp"
#include "linchpin/analytics/state_membership.hpp"

namespace linchpin::analytics {

// Ray–Singer concentration of a set of capabilities (renormalised to shares within the set):
// CON = sqrt((sum s_i^2 - 1/N) / (1 - 1/N)); 0 = equal shares, 1 = one state holds everything.
// nullopt for fewer than two states or a zero total.
std::optional<double> ray_singer_concentration(std::span<const double> capabilities);

// Effective number 1 / sum s_i^2 (Laakso–Taagepera) of the shares within the set.
std::optional<double> effective_number(std::span<const double> capabilities);

// Poles: the states holding at least `threshold` times the capability of the strongest state
// (Schweller's rule with threshold 0.5). Returns indices into `capabilities`, strongest first.
std::vector<std::size_t> poles(std::span<const double> capabilities, double threshold);

inline constexpr double kDefaultPoleThreshold = 0.5;

struct StructureYear {
  int year = 0;
  int states = 0;        // states with a CINC
  int major_powers = 0;  // major powers with a CINC
  std::optional<double> concentration_all;
  std::optional<double> concentration_major;
  std::optional<double> effective_major_powers;
  std::vector<int> pole_ccodes;  // strongest first
};

// A major power's CINC rising from below to above another's between two consecutive years in
// which both are major powers.
struct PowerTransition {
  int year = 0;  // the first year the riser is ahead
  int riser_ccode = 0;
  int overtaken_ccode = 0;
  double ratio_before = 0;  // riser / overtaken in year - 1 (< 1)
  double ratio_after = 0;   // in year (> 1)
};

struct SystemStructure {
  std::vector<StructureYear> years;
  std::vector<PowerTransition> transitions;
};

// `capabilities` is the CINC panel (compute_cinc); missing CINCs are left out.
SystemStructure compute_system_structure(std::span<const StateYearCinc> capabilities,
                                         const MembershipIndex& major_powers,
                                         double pole_threshold = kDefaultPoleThreshold);

}  // namespace linchpin::analytics
