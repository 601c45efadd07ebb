// The linchpin command: parses arguments and dispatches to one command function.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "linchpin/api/linchpin_api.hpp"

int main(int argc, char** argv) {
  using namespace linchpin::cli;
  CLI::App app{"Linchpin: alliance politics under uncertainty, simulated and measured"};
  app.require_subcommand(1);
  app.set_version_flag("-V,--version",
                       fmt::format("linchpin {} (commit {})", linchpin::engine_version(),
                                   linchpin::engine_git_commit()));
  app.footer(
      "Examples:\n"
      "  linchpin validate scenarios/korea-2026.yaml\n"
      "  linchpin run scenarios/korea-2026.yaml --trials 20000 --threads 2\n"
      "  linchpin show runs/korea-2026.sqlite\n"
      "  linchpin report runs/korea-2026.sqlite\n"
      "  linchpin bargain scenarios/korea-2026.yaml --issue burden-sharing\n"
      "Run 'linchpin COMMAND --help' for a command's options.");
  ValidateArgs validate;
  RunArgs run;
  ShowArgs show;
  ReportArgs report;
  DataArgs data;
  IndicesArgs indices;
  AlignArgs align;
  BargainArgs bargain;
  add_validate_command(app, validate);
  add_run_command(app, run);
  add_show_command(app, show);
  add_report_command(app, report);
  add_data_command(app, data);
  add_indices_command(app, indices);
  add_align_command(app, align);
  add_bargain_command(app, bargain);
  PillarsArgs pillars;
  BacktestArgs backtest;
  add_pillars_command(app, pillars);
  add_backtest_command(app, backtest);
  CalibrateArgs calibrate;
  add_calibrate_command(app, calibrate);
  CompareArgs compare;
  add_compare_command(app, compare);
  BaseRatesArgs base_rates;
  add_base_rates_command(app, base_rates);
  SensitivityArgs sensitivity;
  add_sensitivity_command(app, sensitivity);
  for (int i = 0; i < argc; ++i) run.command_line += (i ? " " : "") + std::string(argv[i]);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& success) {
    return app.exit(success);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return kExitInvalidInput;
  }
  if (app.got_subcommand("validate")) return run_validate(validate);
  if (app.got_subcommand("run")) return run_run(run);
  if (app.got_subcommand("show")) return run_show(show);
  if (app.got_subcommand("report")) return run_report(report);
  if (app.got_subcommand("data"))
    return data.fit_regimes ? run_fit_regimes(data) : run_data_check(data);
  if (app.got_subcommand("indices")) return run_indices(indices);
  if (app.got_subcommand("align")) return run_align(align);
  if (app.got_subcommand("bargain")) return run_bargain(bargain);
  if (app.got_subcommand("pillars")) return run_pillars(pillars);
  if (app.got_subcommand("backtest")) return run_backtest(backtest);
  if (app.got_subcommand("calibrate")) return run_calibrate(calibrate);
  if (app.got_subcommand("compare")) return run_compare(compare);
  if (app.got_subcommand("base-rates")) return run_base_rates(base_rates);
  if (app.got_subcommand("sensitivity")) return run_sensitivity(sensitivity);
  return kExitInvalidInput;
}
