#pragma once
// Composite Index of National Capability (CINC), recomputed from the six NMC components.
#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "linchpin/analytics/data/nmc_reader.hpp"

namespace linchpin::analytics {

using NmcComponents = std::array<std::optional<double>, kNmcComponentCount>;

// CINC of every state in one year, in input order. COW's missing-data convention: a state's
// share of a component is taken over the states that report it, and its CINC is the mean of
// the shares it has (missing components are left out, not counted as zero). A component whose
// reported world total is zero carries no information and is left out for everyone. A state
// with no usable component gets nullopt.
std::vector<std::optional<double>> cinc_for_year(std::span<const NmcComponents> states);

// One state-year of the capability panel.
struct StateYearCinc {
  int ccode = 0;
  int year = 0;
  std::string state_abbreviation;
  std::optional<double> cinc;            // recomputed
  std::optional<double> published_cinc;  // from the file
  int components_available = 0;
};

// Recomputes CINC for every state-year of an NMC file; output sorted by year then ccode.
std::vector<StateYearCinc> compute_cinc(std::span<const NmcRecord> records);

}  // namespace linchpin::analytics
