// `linchpin pillars SCENARIO`: the pillar-ablation analysis (docs/analysis/pillars.md).
#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "commands.hpp"
#include "linchpin/analysis/pillar_ablation.hpp"
#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/io/database.hpp"

namespace linchpin::cli {

void add_pillars_command(CLI::App& app, PillarsArgs& args) {
  auto* command =
      app.add_subcommand("pillars",
                         "Run the scenario without each alliance pillar (MDT, Armistice/UNC, CFC, "
                         "all three) with common "
                         "random numbers and report paired differences from the baseline");
  command->add_option("file", args.file, "Scenario file (YAML)")->required();
  command
      ->add_option("-n,--trials", args.trials,
                   "Trials per variant (default: the scenario's run.trials)")
      ->check(CLI::Range(std::uint64_t(1), std::uint64_t(100000000)));
  command->add_option("-s,--seed", args.seed, "Random seed (default: the scenario's run.seed)")
      ->each([&](const std::string&) { args.seed_set = true; });
  command->add_option("-t,--threads", args.threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1u, 1024u));
  command->add_option("-o,--out", args.out,
                      "Results database (default: runs/<scenario>-pillars.sqlite)");
  command->add_flag("-f,--force", args.force, "Replace the output database if it exists");
  command->add_flag("--all", args.all, "Also list quantities identical on every trial");
  command->footer(
      "Examples:\n"
      "  linchpin pillars scenarios/korea-2026.yaml --trials 5000\n"
      "  linchpin pillars scenarios/korea-2023.yaml --out runs/pillars-2023.sqlite --force");
}

int run_pillars(const PillarsArgs& args) {
  try {
    const Scenario scenario = load_scenario(args.file);
    const std::uint64_t trials = args.trials > 0 ? args.trials : scenario.run_settings().trials;
    const std::uint64_t seed = args.seed_set ? args.seed : scenario.run_settings().seed;
    const unsigned threads =
        args.threads > 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency());
    const std::string out =
        args.out.empty() ? fmt::format("runs/{}-pillars.sqlite", scenario.info().name) : args.out;
    check_output_path(out, args.force);
    const auto variants = analysis::default_pillar_variants();
    const auto result = analysis::run_pillar_ablation(scenario, variants, trials, seed, threads);
    analysis::write_pillar_ablation(out, scenario, result, args.force);

    fmt::print("Pillar ablation: {} ({}), {} trials per variant, seed {}, common random numbers\n",
               scenario.info().name, args.file, trials, seed);
    fmt::print("Difference = variant - baseline, paired 95% interval over the same trials.\n\n");
    std::size_t identical = 0;
    for (std::size_t v = 1; v < variants.size(); ++v) {
      fmt::print("{} ({})\n", variants[v].name, variants[v].description);
      fmt::print("  {:<48} {:>9} {:>9} {:>10}  {}\n", "quantity", "baseline", "variant",
                 "difference", "95% interval");
      for (const auto& d : result.differences) {
        if (d.variant != variants[v].name) continue;
        if (!args.all && d.low == 0.0 && d.high == 0.0 && d.difference == 0.0) {
          ++identical;
          continue;
        }
        const std::string name = d.kind == "series_mean" ? "mean " + d.quantity : d.quantity;
        fmt::print("  {:<48} {:>9.4g} {:>9.4g} {:>+10.4f}  [{:+.4f}, {:+.4f}]{}\n", name,
                   d.baseline, d.value, d.difference, d.low, d.high,
                   d.low > 0.0 || d.high < 0.0 ? " *" : "");
      }
      fmt::print("\n");
    }
    if (identical > 0)
      fmt::print(
          "{} variant-quantity pairs were identical on every trial (not listed; --all lists "
          "them).\n",
          identical);
    fmt::print("* the interval excludes zero.\nResults: {}\n", out);
    return kExitOk;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
