#include <fmt/format.h>

#include "commands.hpp"
#include "linchpin/io/headline_table.hpp"
#include "linchpin/io/results_reader.hpp"

namespace linchpin::cli {

void add_show_command(CLI::App& app, ShowArgs& args) {
  auto* command = app.add_subcommand("show", "Print the headline tables of a results database");
  command->add_option("database", args.database, "Results database (.sqlite)")->required();
  command->footer("Example:\n  linchpin show runs/korea-2026.sqlite");
}

int run_show(const ShowArgs& args) {
  try {
    fmt::print("{}", format_headline(read_results(args.database)));
    return kExitOk;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
