// `linchpin backtest`: the model from 2000 against the sourced record (docs/analysis/backtest.md).
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "commands.hpp"
#include "linchpin/analysis/backtest.hpp"
#include "linchpin/api/linchpin_api.hpp"

namespace linchpin::cli {

void add_backtest_command(CLI::App& app, BacktestArgs& args) {
  auto* command = app.add_subcommand(
      "backtest",
      "Run the model from 2000 and compare simulated yearly event counts with the sourced record "
      "(calibration years in sample, later years out of sample)");
  command->add_option("--scenario", args.file,
                      "Scenario starting in the past (default scenarios/korea-2000.yaml)");
  command->add_option("--record", args.record,
                      "Yearly record CSV (default data/history/korea_events_yearly.csv)");
  command->add_option("--report", args.report,
                      "Write the markdown report here (e.g. docs/validation/backtest.md)");
  command->add_option("-n,--trials", args.trials, "Trials (default 500)")
      ->check(CLI::Range(std::uint64_t(1), std::uint64_t(10000000)));
  command->add_option("-s,--seed", args.seed, "Random seed (default: the scenario's run.seed)")
      ->each([&](const std::string&) { args.seed_set = true; });
  command->add_option("-t,--threads", args.threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1u, 1024u));
  command->add_option("--calibration-last-year", args.calibration_last_year,
                      "Last in-sample year (default 2015)");
  command->add_flag("-f,--force", args.force, "Replace the report if it exists");
  command->footer(
      "Examples:\n"
      "  linchpin backtest --trials 2000 --report docs/validation/backtest.md --force\n"
      "  linchpin backtest --trials 50");
}

int run_backtest(const BacktestArgs& args) {
  try {
    if (!args.report.empty() && std::filesystem::exists(args.report) && !args.force)
      throw_input_error({args.report, 0, 0}, "--report",
                        "the report exists; pass --force to replace it");
    const Scenario scenario = load_scenario(args.file);
    const auto series = analysis::default_backtest_series();
    const auto record = analysis::read_historical_record(args.record, series);
    const std::uint64_t seed = args.seed_set ? args.seed : scenario.run_settings().seed;
    const unsigned threads =
        args.threads > 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency());
    const auto result = analysis::run_backtest(scenario, record, series, args.trials, seed, threads,
                                               args.calibration_last_year);
    std::string command_line =
        fmt::format("linchpin backtest --scenario {} --record {} --trials {} --seed {}", args.file,
                    args.record, args.trials, seed);
    if (args.calibration_last_year != 2015)
      command_line += fmt::format(" --calibration-last-year {}", args.calibration_last_year);
    const std::string markdown = analysis::backtest_markdown(result, command_line, args.record);
    if (args.report.empty()) {
      fmt::print("{}", markdown);
    } else {
      const auto parent = std::filesystem::path(args.report).parent_path();
      if (!parent.empty()) std::filesystem::create_directories(parent);
      std::ofstream stream(args.report, std::ios::binary | std::ios::trunc);
      stream << markdown;
      if (!stream) throw Error(fmt::format("cannot write {}", args.report));
      int in_years = 0, in_covered = 0, out_years = 0, out_covered = 0;
      for (const auto& s : result.series) {
        in_years += s.in_sample_years;
        in_covered += s.in_sample_covered;
        out_years += s.out_of_sample_years;
        out_covered += s.out_of_sample_covered;
      }
      fmt::print(
          "backtest: {} trials; coverage of the 90% interval: in sample {}/{}, out of sample "
          "{}/{}; "
          "report: {}\n",
          args.trials, in_covered, in_years, out_covered, out_years, args.report);
    }
    return kExitOk;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
