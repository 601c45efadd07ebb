#pragma once
// A mechanism's parameter values for one trial: every parameter of its schema, from the
// scenario's section (sampled once per trial from the quantity's own stream) or else the
// built-in default.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "linchpin/mechanisms/mechanism.hpp"
#include "linchpin/scenario/mechanism_schema.hpp"

namespace linchpin {

class MechanismParameters {
 public:
  MechanismParameters(const Scenario& scenario, std::string_view mechanism,
                      const std::vector<ParameterSchema>& schema, const TrialContext& context);
  // Throws linchpin::Error for a name the schema does not have (a programming error).
  double operator[](std::string_view name) const;
  // The same for a string literal: remembered by address, so the monthly lookups in a trial's
  // inner loop cost a pointer comparison instead of string comparisons.
  double operator[](const char* name) const;

 private:
  std::string mechanism_;
  std::map<std::string, double, std::less<>> values_;
  mutable std::vector<std::pair<const char*, double>> by_address_;
};

}  // namespace linchpin
