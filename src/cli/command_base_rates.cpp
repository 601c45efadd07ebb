// `linchpin base-rates`: each headline outcome's simulated rate per decade beside the historical
// rate under the same coding (docs/validation/base-rates.md).
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "commands.hpp"
#include "linchpin/analysis/base_rates.hpp"
#include "linchpin/analysis/crisis_record_fit.hpp"
#include "linchpin/analytics/data/data_folder.hpp"
#include "linchpin/analytics/data/mid_reader.hpp"
#include "linchpin/api/linchpin_api.hpp"

namespace linchpin::cli {

void add_base_rates_command(CLI::App& app, BaseRatesArgs& args) {
  auto* command = app.add_subcommand(
      "base-rates",
      "Simulated rate per decade of each headline outcome beside the historical rate under the "
      "same coding, 1953-2025 (MIDs, fatal MIDs, wars, USFK drawdown decisions, exercise "
      "suspensions)");
  command->add_option("--scenario", args.file, "Scenario (default scenarios/korea-2026.yaml)");
  command->add_option("--data", args.data,
                      std::string("Data folder with COW MID 5.0 (default: $") +
                          analytics::kDataFolderVariable + ")");
  command->add_option("--report", args.report, "Write the markdown report here");
  command->add_option("-n,--trials", args.trials, "Trials (default 2000)")
      ->check(CLI::Range(std::uint64_t(1), std::uint64_t(10000000)));
  command->add_option("-s,--seed", args.seed, "Random seed (default: the scenario's run.seed)")
      ->each([&](const std::string&) { args.seed_set = true; });
  command->add_option("-t,--threads", args.threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1u, 1024u));
  command->add_flag("-f,--force", args.force, "Replace the report if it exists");
  command->footer(
      "Example:\n"
      "  linchpin base-rates --data ../shared/data --trials 2000 --report "
      "docs/validation/base-rates.md --force");
}

int run_base_rates(const BaseRatesArgs& args) {
  try {
    if (!args.report.empty() && std::filesystem::exists(args.report) && !args.force)
      throw_input_error({args.report, 0, 0}, "--report",
                        "the report exists; pass --force to replace it");
    const std::string folder = analytics::resolve_data_folder(args.data);
    const Scenario scenario = load_scenario(args.file);
    const auto cow =
        analytics::read_cow_mid_dyad_years(analytics::data_file(folder, analytics::MidFiles::cow));
    cow.rows.require_clean();
    const auto project = analytics::read_project_mids(analysis::kProjectMidsFile);
    project.require_clean();
    const auto mids = analytics::korean_mid_series(
        analytics::korean_mids_from_cow(cow.rows.records, analytics::kKoreanMidFirstYear,
                                        analytics::kCowMidLastYear),
        project.records);
    auto rows = analysis::default_base_rate_rows(mids, "data/episodes/us_rok_alliance_episodes.csv",
                                                 analytics::kKoreanMidFirstYear, 2025);
    const std::uint64_t seed = args.seed_set ? args.seed : scenario.run_settings().seed;
    const unsigned threads =
        args.threads > 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency());
    const auto result = analysis::run_base_rates(scenario, rows, args.trials, seed, threads);
    const std::string markdown = analysis::base_rates_markdown(
        result, fmt::format("linchpin base-rates --scenario {} --trials {} --seed {}", args.file,
                            args.trials, seed));
    if (args.report.empty()) {
      fmt::print("{}", markdown);
    } else {
      std::ofstream stream(args.report, std::ios::binary | std::ios::trunc);
      stream << markdown;
      if (!stream) throw Error(fmt::format("cannot write {}", args.report));
      fmt::print("base-rates: {} trials; report: {}\n", args.trials, args.report);
    }
    return kExitOk;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
