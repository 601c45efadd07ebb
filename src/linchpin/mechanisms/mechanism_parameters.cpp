#include "linchpin/mechanisms/mechanism_parameters.hpp"

#include <fmt/format.h>

#include "linchpin/core/error.hpp"

namespace linchpin {

MechanismParameters::MechanismParameters(const Scenario& scenario, std::string_view mechanism,
                                         const std::vector<ParameterSchema>& schema,
                                         const TrialContext& context)
    : mechanism_(mechanism) {
  const auto* section = scenario.mechanism_section(mechanism);
  for (const auto& parameter : schema) {
    double value = parameter.default_value;
    if (section != nullptr) {
      const auto it = section->parameters.find(parameter.name);
      if (it != section->parameters.end())
        value = it->second.sample_for_trial(context.seed, context.trial);
    }
    values_.emplace(parameter.name, value);
  }
  // Joint draws: a parameter correlated with a partner (validated by the loader to be a normal
  // parameter of this section) is redrawn through the Gaussian copula with the partner's score.
  if (section == nullptr) return;
  for (const auto& [name, quantity] : section->parameters) {
    if (quantity.correlated_with.empty()) continue;
    const auto partner = section->parameters.find(quantity.correlated_with);
    if (partner == section->parameters.end()) continue;
    const double score = partner->second.normal_score_for_trial(context.seed, context.trial);
    values_[name] = quantity.sample_correlated_for_trial(context.seed, context.trial, score);
  }
}

double MechanismParameters::operator[](std::string_view name) const {
  const auto it = values_.find(name);
  if (it == values_.end())
    throw Error(fmt::format("mechanism '{}' has no parameter '{}'", mechanism_, name));
  return it->second;
}

double MechanismParameters::operator[](const char* name) const {
  for (const auto& [address, value] : by_address_)
    if (address == name) return value;
  const double value = (*this)[std::string_view(name)];
  by_address_.emplace_back(name, value);
  return value;
}

}  // namespace linchpin
