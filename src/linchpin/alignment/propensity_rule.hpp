#pragma once
// Linchpin's rule for building landscape propensities from public data (not Axelrod and
// Bennett's own coding, which used ethnic conflict, religion, border disputes, type of
// government and the history of wars):
//
//   p_ij = w_a * a_ij + w_s * c_ij - w_d * h_ij
//
// a_ij  alliance tie in the year: the strongest obligation's level / 3 (defense or ATOP
//       offense 1, neutrality or non-aggression 2/3, entente or consultation 1/3, none 0);
// c_ij  relative similarity of alliance portfolios: (S_ij - mean S) / max |S - mean S| over
//       the chosen states' pairs, S the unweighted Signorino-Ritter score of the year over the
//       whole state system (0 when all pairs are equally similar);
// h_ij  hostility: the highest MID hostility level either state reached in a dispute between
//       them in the `dispute_window` years up to and including the year, / 5 (war = 1, no
//       dispute = 0).
// Sizes are CINC of the year, recomputed from the NMC components.
#include <optional>
#include <string>
#include <vector>

#include "linchpin/alignment/landscape.hpp"
#include "linchpin/analytics/data/alliance_reader.hpp"

namespace linchpin::alignment {

struct PropensityRule {
  double alliance_weight = 1.0;
  double similarity_weight = 1.0;
  double dispute_weight = 1.0;
  int dispute_window = 20;  // years, ending with the year itself
};

// The evidence on one pair of states.
struct DyadEvidence {
  int alliance_level = 0;         // 0..3
  std::optional<double> s_score;  // nullopt: unknown, counted as the mean (c = 0)
  int max_hostility = 0;          // 0 (no dispute) .. 5 (war)
};

// Applies the rule to an n x n (row-major, symmetric) evidence matrix; returns propensities.
std::vector<double> propensities_from_evidence(std::size_t n,
                                               const std::vector<DyadEvidence>& evidence,
                                               const PropensityRule& rule);

struct DataLandscapeRequest {
  int year = 0;
  std::vector<int> ccodes;         // at least two states
  std::vector<std::string> names;  // display names; empty = COW abbreviations
  PropensityRule rule;
  analytics::AllianceSource alliances = analytics::AllianceSource::cow;
  std::string nmc_version = "7";  // "6" or "7"
};

// The evidence matrix and the landscape built from the data folder (files read in place).
struct DataLandscape {
  Landscape landscape;
  std::vector<DyadEvidence> evidence;  // n x n
  std::vector<std::string> files;      // data files read
};

DataLandscape landscape_from_data(const std::string& data_folder,
                                  const DataLandscapeRequest& request);

}  // namespace linchpin::alignment
