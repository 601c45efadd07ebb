// `linchpin data fit-crisis-game`: the deterrence mechanism's fits from the Korean MID record.
#include <fmt/format.h>

#include "commands.hpp"
#include "linchpin/analysis/crisis_record_fit.hpp"
#include "linchpin/analytics/data/data_folder.hpp"

namespace linchpin::cli {

int run_fit_crisis_game(const DataArgs& args) {
  try {
    const std::string folder = analytics::resolve_data_folder(args.data);
    const auto fit = analysis::fit_crisis_record(folder, args.mids, args.crisis_last_year);
    fmt::print("{}", analysis::crisis_record_fit_text(fit));
    return kExitOk;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
