#pragma once
// What a mechanism accepts in its scenario section: its tunable parameters, each with a
// built-in default and the source of that default. The loader checks scenario sections
// against these and fills in the defaults, so the resolved scenario lists every value used.
#include <string>
#include <vector>

namespace linchpin {

struct ParameterSchema {
  std::string name;
  std::string description;
  std::string unit;
  double default_value = 0.0;
  std::string default_source;  // citation or argument for the default
  double min = -1e300;
  double max = 1e300;
  bool integer = false;
};

struct MechanismSchema {
  std::string name;
  std::vector<ParameterSchema> parameters;
};

}  // namespace linchpin
