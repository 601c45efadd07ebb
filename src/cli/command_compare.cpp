// `linchpin compare A.sqlite B.sqlite`: every shared outcome side by side with the difference
// and its 95% interval, paired when the runs share random numbers (docs/analysis/compare.md).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "commands.hpp"
#include "linchpin/analysis/run_comparison.hpp"

namespace linchpin::cli {

void add_compare_command(CLI::App& app, CompareArgs& args) {
  auto* command = app.add_subcommand(
      "compare",
      "Compare two results databases: each outcome's probability in both, the difference B - A "
      "and its 95% interval (paired when both runs used the same seed and trials)");
  command->add_option("a", args.a, "Results database A (the reference)")->required();
  command->add_option("b", args.b, "Results database B")->required();
  command->add_option("--format", args.format, "table or csv")
      ->check(CLI::IsMember({"table", "csv"}))
      ->capture_default_str();
  command->footer(
      "Examples:\n"
      "  linchpin run scenarios/korea-2026.yaml --out runs/base.sqlite\n"
      "  linchpin run scenarios/korea-2026.yaml --out runs/no-floor.sqlite \\\n"
      "      --set mechanisms.force_posture.parameters.statutory_floor=0\n"
      "  linchpin compare runs/base.sqlite runs/no-floor.sqlite");
}

int run_compare(const CompareArgs& args) {
  try {
    const auto comparison = analysis::compare_runs(args.a, args.b);
    if (args.format == "csv") {
      fmt::print("outcome,probability_a,probability_b,difference,low,high,paired\n");
      for (const auto& row : comparison.outcomes)
        fmt::print("{},{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{}\n", row.outcome, row.probability_a,
                   row.probability_b, row.difference, row.low, row.high,
                   comparison.paired ? 1 : 0);
      return kExitOk;
    }
    fmt::print("A: {} ({}, {} trials)\nB: {} ({}, {} trials)\n{}\n\n", comparison.path_a,
               comparison.scenario_a, comparison.trials_a, comparison.path_b,
               comparison.scenario_b, comparison.trials_b, comparison.pairing_note);
    std::size_t width = 7;
    for (const auto& row : comparison.outcomes) width = std::max(width, row.outcome.size());
    fmt::print("{:<{}}  {:>7}  {:>7}  {:>8}  {:>18}\n", "Outcome", width, "P(A)", "P(B)", "B - A",
               "95% interval");
    for (const auto& row : comparison.outcomes) {
      const bool clear = row.low > 0.0 || row.high < 0.0;
      fmt::print("{:<{}}  {:>7.3f}  {:>7.3f}  {:>+8.3f}  [{:>+7.3f}, {:>+7.3f}]{}\n", row.outcome,
                 width, row.probability_a, row.probability_b, row.difference, row.low, row.high,
                 clear ? " *" : "");
    }
    fmt::print("\n* the interval excludes 0\n");
    if (!comparison.only_in_a.empty())
      fmt::print("Only in A: {}\n", fmt::join(comparison.only_in_a, ", "));
    if (!comparison.only_in_b.empty())
      fmt::print("Only in B: {}\n", fmt::join(comparison.only_in_b, ", "));
    return kExitOk;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
