#pragma once
// Historical alignments to check landscape predictions against, e.g. the 17 European states of
// Axelrod & Bennett (1993) and their sides in the Second World War.
#include <span>
#include <string>
#include <vector>

#include "linchpin/alignment/landscape.hpp"

namespace linchpin::alignment {

inline constexpr const char* kEurope1936File = "axelrod_bennett_1993_europe1936_alignments.csv";

struct AlignedState {
  std::string country;
  int ccode = 0;
  std::string abbreviation;
  std::string predicted_side;  // the paper's global minimum, as compiled in the file
  std::string actual_side;
};

// Reads the compiled case file (columns country, ccode, stateabb, predicted_side_AB1993,
// actual_side_WWII, ...).
std::vector<AlignedState> read_alignment_case(const std::string& path);

// How many actors a configuration puts on their side, under the labelling of blocs that
// matches best (blocs are unlabelled). Sides are any labels; a bloc counts as the side most
// of its members hold after the best one-to-one matching, found by trying every assignment
// of bloc labels to the distinct sides (at most a handful of each).
int side_agreement(std::span<const int> blocs, std::span<const std::string> sides);

}  // namespace linchpin::alignment
