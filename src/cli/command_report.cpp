#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "commands.hpp"
#include "linchpin/core/error.hpp"
#include "linchpin/io/database.hpp"
#include "linchpin/io/html_report.hpp"
#include "linchpin/io/results_reader.hpp"

namespace linchpin::cli {

void add_report_command(CLI::App& app, ReportArgs& args) {
  auto* command = app.add_subcommand("report", "Write a self-contained HTML report of a run");
  command->add_option("database", args.database, "Results database (.sqlite)")->required();
  command->add_option("-o,--out", args.out, "HTML file (default: next to the database)");
  command->add_flag("-f,--force", args.force, "Replace the report if it exists");
  command->footer(
      "Examples:\n"
      "  linchpin report runs/korea-2026.sqlite\n"
      "  linchpin report runs/korea-2026.sqlite -o /tmp/korea.html");
}

int run_report(const ReportArgs& args) {
  try {
    const auto results = read_results(args.database);
    std::string out = args.out;
    if (out.empty()) out = std::filesystem::path(args.database).replace_extension(".html").string();
    // Never the input as its own output; replace an existing report only with --force.
    std::error_code error;
    if (std::filesystem::exists(out, error) &&
        std::filesystem::equivalent(out, args.database, error))
      throw_input_error({out, 0, 0}, "-o",
                        "the report would overwrite the results database it is made from; "
                        "choose another -o");
    check_output_path(out, args.force);
    const std::string html = render_html_report(results);
    // Write beside the target and rename, so a failed write never leaves half a report.
    const std::string temporary = out + ".partial";
    {
      std::ofstream stream(temporary, std::ios::binary);
      if (!stream) throw_input_error({out, 0, 0}, "", "cannot write the report here");
      stream << html;
      if (!stream) throw Error("failed while writing " + temporary);
    }
    std::filesystem::rename(temporary, out);
    fmt::print("report: {}\n", out);
    return kExitOk;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
