#pragma once
// The terminal summary of a run: what ran, outcome probabilities, series at the horizon.
#include <string>

#include "linchpin/io/results_reader.hpp"

namespace linchpin {

std::string format_headline(const StoredResults& results);

}  // namespace linchpin
