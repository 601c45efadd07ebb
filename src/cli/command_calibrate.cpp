// `linchpin calibrate`: refits the alliance mechanisms' hazards on the episode record and prints
// them as the scenario lines they enter (docs/models/calibration.md), so every fitted number in
// scenarios/*.yaml can be reproduced with one command.
#include <fmt/format.h>

#include <filesystem>

#include "commands.hpp"
#include "linchpin/analytics/alliance_calibration.hpp"
#include "linchpin/core/error.hpp"

namespace linchpin::cli {

namespace {
// The scenario parameter prefix of each calibration.
std::string parameter_prefix(const std::string& calibration) {
  if (calibration == "force_posture.withdrawal_announcement") return "announcement";
  if (calibration == "force_posture.withdrawal_threat") return "threat";
  if (calibration == "exercises.suspension") return "suspension";
  if (calibration == "trilateral.lapse") return "lapse";
  if (calibration == "trade_coercion.coercion") return "coercion";
  return calibration;
}
}  // namespace

void add_calibrate_command(CLI::App& app, CalibrateArgs& args) {
  auto* command = app.add_subcommand(
      "calibrate",
      "Refit the alliance hazards (penalised Poisson, centred covariate) on the episode record "
      "and print them as scenario lines");
  command->add_option("--data", args.data, "Repository data folder (default data)");
  command->add_option("--last", args.last,
                      "Last month of the record to use, YYYY-MM (default: the whole record)");
  command->add_option("--source", args.source, "Source id to cite in the printed lines")
      ->default_str("episodes-record");
  command->footer(
      "Examples:\n"
      "  linchpin calibrate                      # the fits korea-2026 and korea-2023 use\n"
      "  linchpin calibrate --last 2015-12 --source episodes-record-pre2016   # korea-2000");
}

int run_calibrate(const CalibrateArgs& args) {
  try {
    const auto record = analytics::read_episode_record(args.data);
    std::optional<Month> last;
    if (!args.last.empty()) {
      int year = 0, month = 0;
      char dash = 0;
      char extra = 0;
      if (std::sscanf(args.last.c_str(), "%d%c%d%c", &year, &dash, &month, &extra) != 3 ||
          dash != '-' || month < 1 || month > 12 || year < 1900 || year > 2100)
        throw_input_error({"--last", 0, 0}, "--last",
                          fmt::format("expected a month YYYY-MM, got '{}'", args.last));
      last = Month::from_year_month(year, month);
    }
    const auto calibrations = last ? analytics::calibrate_alliance_hazards(record, *last)
                                   : analytics::calibrate_alliance_hazards(record);
    for (const auto& c : calibrations) {
      fmt::print("# {}: {} events / {:.0f} months ({}); x = {}, centred at {:.4f}\n", c.name,
                 c.fit.events, c.fit.exposure_months, c.window, c.covariate, c.centre);
      fmt::print("{}", analytics::calibration_yaml(c, parameter_prefix(c.name), args.source));
    }
    return kExitOk;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
