#pragma once
// A contested issue as the bargaining models see it: actors with a capability and, on each
// dimension, a position and a salience. Shared by the spatial model (SMP) and the
// expected-utility model so that scenario issues, KTAB CSV files and BdM CSV files all reach
// both models through one shape.
#include <string>
#include <vector>

#include "linchpin/core/error.hpp"

namespace linchpin::bargaining {

struct BargainingActor {
  std::string name;
  std::string description;
  double capability = 0.0;        // > 0 for at least one actor
  std::vector<double> positions;  // one per dimension, on the problem's scale
  std::vector<double> saliences;  // one per dimension, in [0, 1]
  SourceLocation location;        // where the actor was read, for error messages
};

struct BargainingProblem {
  std::string name;
  std::string description;
  std::vector<std::string> dimensions;  // dimension names; size() = number of dimensions
  double scale_min = 0.0;               // positions lie in [scale_min, scale_max]
  double scale_max = 1.0;
  std::vector<BargainingActor> actors;
  SourceLocation location;  // the file (or scenario key) the problem came from
};

}  // namespace linchpin::bargaining
