#pragma once
// The CSV format of Bueno de Mesquita's expected-utility examples: one row per actor with the
// columns Actor, Capability, Position and Salience (e.g. the 1994 EC emission-standards case).
#include <string>

#include "linchpin/bargaining/bargaining_problem.hpp"

namespace linchpin::bargaining {

// Reads a BdM CSV file into a one-dimensional problem. Columns are found by name (any order;
// other columns are ignored). Every problem in the file is reported in one InputError as
// file:line:column (column = field number): a missing column (with a suggestion for a near
// miss), an empty or repeated actor name, a value that is not a finite number, a capability
// below 0, a salience outside [0, 1], no actor rows, or capability 0 for every actor. The
// file has no scale, so the scale is the range of the positions; when every actor holds the
// same position x it is [x - 1, x + 1] (a degenerate problem the models answer directly).
BargainingProblem read_bdm_csv(const std::string& path);

}  // namespace linchpin::bargaining
