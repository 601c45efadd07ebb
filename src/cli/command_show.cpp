#include <fmt/format.h>
#include <fmt/ranges.h>

#include "commands.hpp"
#include "linchpin/core/error.hpp"
#include "linchpin/io/headline_table.hpp"
#include "linchpin/io/results_reader.hpp"

namespace linchpin::cli {

void add_show_command(CLI::App& app, ShowArgs& args) {
  auto* command = app.add_subcommand("show", "Print the headline tables of a results database");
  command->add_option("database", args.database, "Results database (.sqlite)")->required();
  command->add_option("--trial", args.trial, "Print the event trace of this (traced) trial")
      ->check(CLI::NonNegativeNumber);
  command->footer(
      "Examples:\n"
      "  linchpin show runs/korea-2026.sqlite\n"
      "  linchpin show runs/korea-2026.sqlite --trial 0   # event trace (run with --trace K)");
}

int run_show(const ShowArgs& args) {
  try {
    if (args.trial < 0) {
      fmt::print("{}", format_headline(read_results(args.database)));
      return kExitOk;
    }
    const auto events = read_trial_events(args.database, std::uint64_t(args.trial));
    if (events.empty()) {
      const auto traced = read_traced_trials(args.database);
      throw_input_error(
          {args.database, 0, 0}, "--trial",
          traced.empty() ? std::string("no trial of this run was traced; run again with --trace K")
                         : fmt::format("trial {} was not traced; traced trials are {}", args.trial,
                                       fmt::join(traced, ", ")));
    }
    fmt::print("{:<8} {:<16} {:<28} {:>9}  {}\n", "month", "mechanism", "event", "magnitude",
               "detail");
    for (const auto& event : events) {
      fmt::print("{:<8} {:<16} {:<28} {:>9g}  {}\n", event.month, event.mechanism, event.kind,
                 event.magnitude, event.detail);
    }
    return kExitOk;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
