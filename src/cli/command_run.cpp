#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

#include "commands.hpp"
#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/io/headline_table.hpp"
#include "linchpin/io/results_reader.hpp"
#include "progress_bar.hpp"

namespace linchpin::cli {

namespace {
// Signal handlers can only reach static storage; this flag is the CLI's alone.
std::atomic<bool> interrupt_requested{false};

extern "C" void on_interrupt(int) {
  interrupt_requested.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C stops at once
  std::signal(SIGTERM, SIG_DFL);
}
}  // namespace

void add_run_command(CLI::App& app, RunArgs& args) {
  auto* command =
      app.add_subcommand("run", "Run a scenario's Monte Carlo ensemble into a results database");
  command->add_option("file", args.file, "Scenario file (YAML)")->required();
  command
      ->add_option("-n,--trials", args.trials,
                   "Number of trials (default: the scenario's run.trials)")
      ->check(CLI::Range(std::uint64_t(1), std::uint64_t(1000000000)))
      ->each([&](const std::string&) { args.trials_set = true; });
  command->add_option("-s,--seed", args.seed, "Random seed (default: the scenario's run.seed)")
      ->each([&](const std::string&) { args.seed_set = true; });
  command->add_option("-t,--threads", args.threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1u, 1024u));
  command->add_option("-o,--out", args.out, "Results database (default: runs/<scenario>.sqlite)");
  command->add_option("--trace", args.trace, "Keep full event traces for the first K trials")
      ->check(CLI::Range(std::uint64_t(0), std::uint64_t(10000)))
      ->each([&](const std::string&) { args.trace_set = true; });
  command->add_flag("-f,--force", args.force, "Replace the output database if it exists");
  command->add_flag("-q,--quiet", args.quiet, "No progress and no summary table");
  command->add_option("--set", args.overrides,
                      "Override a scenario value before validation: KEY.PATH=VALUE (repeatable); "
                      "list items as name[index] or name[id]; VALUE is YAML, e.g. a number or "
                      "{distribution: uniform, low: 0.3, high: 0.45}");
  command->footer(
      "Examples:\n"
      "  linchpin run scenarios/korea-2026.yaml\n"
      "  linchpin run scenarios/korea-2026.yaml --set "
      "mechanisms.force_posture.parameters.statutory_floor=0 --out runs/no-floor.sqlite\n"
      "  linchpin run scenarios/korea-2026.yaml --trials 20000 --threads 2 --seed 7 --out "
      "runs/a.sqlite\n"
      "  linchpin run scenarios/korea-2023.yaml --trace 10 --force\n"
      "Ctrl-C stops the run cleanly: the database keeps the finished trials with status "
      "'interrupted'.");
}

int run_run(RunArgs& args) {
  RunRequest request;
  request.scenario_path = args.file;
  try {
    for (const auto& text : args.overrides) request.overrides.push_back(parse_override(text));
  } catch (...) {
    return report_exception();
  }
  if (args.trials_set) request.trials = args.trials;
  if (args.seed_set) request.seed = args.seed;
  if (args.trace_set) request.trace_trials = args.trace;
  request.threads =
      args.threads > 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency());
  request.out_path = args.out;
  request.overwrite = args.force;
  request.command_line = args.command_line;
  request.cancel = &interrupt_requested;
  ProgressBar progress(!args.quiet);
  request.progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  RunResponse response;
  try {
    response = run_scenario(request);
  } catch (...) {
    progress.finish();
    return report_exception();
  }
  progress.finish();
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (!args.quiet) {
    try {
      fmt::print("{}", format_headline(read_results(response.out_path)));
    } catch (...) {
      return report_exception();
    }
  }
  std::fflush(stdout);  // keep the table and the summary line in order on a shared terminal
  fmt::print(stderr, "results: {} ({} trials in {:.2f} s, {:.0f} trials/s)\n", response.out_path,
             response.run.trials_completed, response.run.seconds,
             response.run.seconds > 0 ? response.run.trials_completed / response.run.seconds : 0.0);
  if (response.run.cancelled) {
    fmt::print(stderr, "interrupted: {} of the requested trials finished; the database says so\n",
               response.run.trials_completed);
    return kExitInterrupted;
  }
  return kExitOk;
}

}  // namespace linchpin::cli
