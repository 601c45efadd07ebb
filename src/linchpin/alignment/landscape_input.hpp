#pragma once
// The landscape file: one CSV holding the actors, their sizes and the propensity matrix.
//
//   actor,size,Britain,France,Germany
//   Britain,0.0766,,1,-1
//   France,0.0531,1,,-1
//   Germany,0.1151,-1,-1,
//
// Header: `actor`, `size`, then every actor's name in row order. Row i: the actor's name (as
// in the header), its size (finite, >= 0) and its propensity towards each actor. The diagonal
// is empty or 0; off-diagonal cells are finite numbers and the matrix is symmetric.
#include <string>

#include "linchpin/alignment/landscape.hpp"

namespace linchpin::alignment {

// Reads and validates a landscape file; throws InputError at `file:line:field`.
Landscape read_landscape_csv(const std::string& path);

// The landscape in the same format (names quoted when they hold a comma or a quote).
std::string landscape_csv(const Landscape& landscape);

}  // namespace linchpin::alignment
