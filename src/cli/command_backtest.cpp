// `linchpin backtest`: the model from 2000 against the sourced record (docs/analysis/backtest.md).
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "commands.hpp"
#include "linchpin/analysis/backtest.hpp"
#include "linchpin/analysis/crisis_record_fit.hpp"
#include "linchpin/analysis/rolling_backtest.hpp"
#include "linchpin/analytics/data/data_folder.hpp"
#include "linchpin/analytics/data/mid_reader.hpp"
#include "linchpin/analytics/episode_record.hpp"
#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/io/database.hpp"

namespace linchpin::cli {

void add_backtest_command(CLI::App& app, BacktestArgs& args) {
  auto* command = app.add_subcommand(
      "backtest",
      "Rolling-origin forecast evaluation: refit the scenario's fitted quantities on the data "
      "before each origin, score the model's yearly count forecasts with proper scores against "
      "the record and naive baselines (docs/analysis/backtest.md)");
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
  command
      ->add_option("--origins", args.origins,
                   "Forecast origins (years; default 2004,2008,2012,2016,2020)")
      ->delimiter(',')
      ->check(CLI::Range(1900, 2200));
  command
      ->add_option("--window-years", args.window_years,
                   "Scored years per origin: O..min(O+window-1, last record year) (default 4)")
      ->check(CLI::Range(1, 100));
  command->add_flag("--hindcast", args.hindcast,
                    "Replay the real US and ROK presidents (data/leaders) instead of simulated "
                    "elections, to separate the model's skill from its election draws");
  command->add_option("--out", args.out,
                      "Write tables forecast_scores and trial_counts to this SQLite file");
  command->add_option("--episodes", args.episodes,
                      "Repository data folder with episodes/ and leaders/ for the alliance refits "
                      "(default: two levels above --record)");
  command->add_option("--data", args.data,
                      "Shared data folder with COW MID 5.0 and NMC 6.0 for the Korean MID onset "
                      "series and the crisis refit (default $LINCHPIN_DATA, else ../shared/data; "
                      "without it the series and refit are skipped with a message)");
  command->add_flag("-f,--force", args.force, "Replace the report and --out file if they exist");
  command->footer(
      "Examples:\n"
      "  linchpin backtest --trials 500 --report docs/validation/backtest.md --force\n"
      "  linchpin backtest --trials 20 --origins 2012,2020 --out backtest.sqlite");
}

int run_backtest(const BacktestArgs& args) {
  try {
    if (!args.report.empty() && std::filesystem::exists(args.report) && !args.force)
      throw_input_error({args.report, 0, 0}, "--report",
                        "the report exists; pass --force to replace it");
    if (!args.out.empty()) check_output_path(args.out, args.force);
    const Scenario scenario = load_scenario(args.file);
    auto series = analysis::default_backtest_series();
    auto record = analysis::read_historical_record(args.record, series);
    const auto data_dir = args.episodes.empty()
                              ? std::filesystem::path(args.record).parent_path().parent_path()
                              : std::filesystem::path(args.episodes);
    // The repository's data folder: history/ holds the launch record and the project MIDs.
    const auto history = (data_dir.empty() ? std::filesystem::path(".") : data_dir) / "history";
    const std::string project_mids = (history / "korea_mids_2015_2025.csv").string();
    // The Korean MID series needs COW MID 5.0 from the shared data folder, which the project
    // must run without: absent, the series and the crisis refit are skipped, visibly.
    std::string mid_folder = args.data;
    if (mid_folder.empty())
      if (const char* env = std::getenv(analytics::kDataFolderVariable)) mid_folder = env;
    if (mid_folder.empty()) {
      // ../shared/data from the working directory, else beside the repository.
      mid_folder = "../shared/data";
      const auto beside =
          std::filesystem::absolute(history).parent_path().parent_path().parent_path() / "shared" /
          "data";
      if (!std::filesystem::exists(std::filesystem::path(mid_folder) / analytics::MidFiles::cow) &&
          std::filesystem::exists(beside / analytics::MidFiles::cow))
        mid_folder = beside.string();
    }
    if (!std::filesystem::exists(std::filesystem::path(mid_folder) / analytics::MidFiles::cow)) {
      if (!args.data.empty())
        throw_input_error({args.data, 0, 0}, "--data",
                          fmt::format("expected a folder holding {}", analytics::MidFiles::cow));
      fmt::print(stderr,
                 "backtest: {} not found in {} (set --data or {}): the Korean MID onset series "
                 "and the crisis refit are skipped\n",
                 analytics::MidFiles::cow, mid_folder, analytics::kDataFolderVariable);
      mid_folder.clear();
      std::erase_if(series,
                    [](const auto& s) { return s.column == analysis::kKoreaMidOnsetsColumn; });
    } else {
      analysis::add_korean_mid_onsets(record,
                                      analysis::read_korean_mid_series(mid_folder, project_mids),
                                      analysis::kKoreanMidLastCodedYear);
    }
    const auto episodes = analytics::read_episode_record(data_dir.empty() ? "." : data_dir);
    const std::uint64_t seed = args.seed_set ? args.seed : scenario.run_settings().seed;
    const unsigned threads =
        args.threads > 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency());
    analysis::RollingOptions options;
    options.origins = args.origins;
    options.window_years = args.window_years;
    options.trials = args.trials;
    options.seed = seed;
    options.threads = threads;
    options.regime_record_path = (history / "dprk_launch_record.csv").string();
    options.mid_data_folder = mid_folder;
    options.project_mids_path = project_mids;
    auto refits = analysis::default_refits();
    if (args.hindcast) refits.push_back(analysis::hindcast_leaders_refit());
    const auto rolling =
        analysis::run_rolling_backtest(scenario, record, &episodes, series, refits, options);
    const auto coverage = analysis::run_backtest(scenario, record, series, args.trials, seed,
                                                 threads, args.calibration_last_year);
    std::string origins;
    for (int o : args.origins) origins += (origins.empty() ? "" : ",") + std::to_string(o);
    std::string command_line = fmt::format(
        "linchpin backtest --scenario {} --record {} --trials {} --seed {} --origins {}", args.file,
        args.record, args.trials, seed, origins);
    if (args.hindcast) command_line += " --hindcast";
    if (args.window_years != 4)
      command_line += fmt::format(" --window-years {}", args.window_years);
    if (args.calibration_last_year != 2015)
      command_line += fmt::format(" --calibration-last-year {}", args.calibration_last_year);
    const std::string markdown =
        analysis::rolling_backtest_markdown(rolling, coverage, command_line, args.record);
    if (!args.out.empty()) analysis::write_rolling_backtest_database(rolling, args.out, args.force);
    if (args.report.empty()) {
      fmt::print("{}", markdown);
    } else {
      const auto parent = std::filesystem::path(args.report).parent_path();
      if (!parent.empty()) std::filesystem::create_directories(parent);
      std::ofstream stream(args.report, std::ios::binary | std::ios::trunc);
      stream << markdown;
      if (!stream) throw Error(fmt::format("cannot write {}", args.report));
      const auto& rps = rolling.pooled_skill;
      fmt::print(
          "backtest: {} origins x {} trials; pooled RPS skill vs poisson {:+.2f}, "
          "negative_binomial {:+.2f}, persistence {:+.2f}, bootstrap_last5 {:+.2f}; "
          "report: {}\n",
          rolling.origins.size(), args.trials, rps[1][0].skill, rps[2][0].skill, rps[3][0].skill,
          rps[4][0].skill, args.report);
    }
    return kExitOk;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
