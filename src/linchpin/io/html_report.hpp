#pragma once
// One self-contained HTML page (inline CSS and SVG, no scripts or network) for a run.
#include <string>

#include "linchpin/io/results_reader.hpp"

namespace linchpin {

std::string render_html_report(const StoredResults& results);

}  // namespace linchpin
