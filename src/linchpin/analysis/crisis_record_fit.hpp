#pragma once
// The deterrence mechanism's fitted parameters from the Korean MID record, end to end: reads
// COW MID 5.0 and NMC 6.0 (shared data folder) and the project-coded 2015-2025 MIDs, fits the
// MID onset rate, the fatal and display-of-force shares and the crisis game's posterior on the
// years up to `last_year`, and writes the scenario lines. `linchpin data fit-crisis-game` prints
// it; the validation test refits and compares with the scenarios.
#include <map>
#include <string>
#include <vector>

#include "linchpin/analytics/korean_mid_record.hpp"
#include "linchpin/deterrence/crisis_game_fit.hpp"
#include "linchpin/scenario/quantity.hpp"

namespace linchpin::analysis {

// Joint posterior draws of the crisis game's (precision, clash cost, escalation) the scenarios
// carry as one empirical draw group.
inline constexpr int kCrisisPosteriorDraws = 200;

inline constexpr const char* kProjectMidsFile = "data/history/korea_mids_2015_2025.csv";

struct CrisisRecordFit {
  int last_year = 0;
  std::vector<analytics::KoreanMid> mids;  // 1953..last_year
  analytics::KoreanMidFit mid_fit;
  deterrence::CrisisGamePosterior game;         // joint posterior of the three parameters
  deterrence::CrisisGamePosterior conditional;  // clash cost and escalation at the median precision
  // Per-crisis probabilities at the last observed year's inputs, over 2,000 posterior draws:
  // quantiles 5/50/95 % of P(use of force) and P(war): joint posterior; independent marginals of
  // the three; the scenarios' draw (median precision, independent conditional marginals).
  std::array<double, 3> use_of_force_joint{}, war_joint{};
  std::array<double, 3> use_of_force_marginal{}, war_marginal{};
  std::array<double, 3> use_of_force_scenario{}, war_scenario{};
  // The deterrence parameters as the scenarios state them (without source), by name.
  std::map<std::string, Quantity> parameters;
};

// Last year the project file codes (COW MID 5.0 ends in 2014).
inline constexpr int kKoreanMidLastCodedYear = 2025;

// The Korean MIDs 1953-2025: COW MID 5.0 onsets to 2014 (`data_folder`) then the project file.
// Throws InputError when a file is missing or bad.
std::vector<analytics::KoreanMid> read_korean_mid_series(const std::string& data_folder,
                                                         const std::string& project_mids_path);

// `data_folder` holds cow_mid5_ddy_disputes_peacesciencer.csv and NMC-60-abridged.csv.
CrisisRecordFit fit_crisis_record(const std::string& data_folder,
                                  const std::string& project_mids_path, int last_year,
                                  const deterrence::CrisisFitOptions& options = {});

// A readable summary and the YAML lines for the scenario's deterrence parameters.
std::string crisis_record_fit_text(const CrisisRecordFit& fit);

}  // namespace linchpin::analysis
