#include "linchpin/io/headline_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace linchpin {

namespace {
std::string bar(double low, double value, double high, int width) {
  const int mark = std::clamp(int(value * width), 0, width - 1);
  std::string text;
  for (int i = 0; i < width; ++i) {
    const double x = (i + 0.5) / width;
    if (i == mark)
      text += "|";
    else if (x >= low && x <= high)
      text += "=";
    else
      text += ".";
  }
  return text;
}

std::string status_line(const StoredRun& run) {
  if (run.status == "running")
    return "running (no end recorded: the process stopped before finishing)";
  if (run.status == "failed") return "failed: " + run.message;
  return run.status;
}

std::string number(double value) {
  if (std::isnan(value)) return "-";
  if (std::fabs(value) >= 1000.0 || value == std::floor(value)) return fmt::format("{:.0f}", value);
  return fmt::format("{:.3f}", value);
}
}  // namespace

std::string format_headline(const StoredResults& results) {
  const auto& run = results.run;
  std::string out;
  out += fmt::format("Linchpin run: {} ({})\n", run.scenario_name, run.scenario_file);
  out += fmt::format("  status {} | {} of {} trials | seed {} | {} threads | {:.2f} s\n",
                     status_line(run), run.trials_completed, run.trials_requested, run.seed,
                     run.threads, std::isnan(run.seconds) ? 0.0 : run.seconds);
  out += fmt::format("  engine {} (commit {}) | scenario sha256 {}...\n", run.engine_version,
                     run.git_commit, run.scenario_sha256.substr(0, 16));
  std::string end_month = run.start_month;
  if (!results.series.empty() && !results.series.front().months.empty())
    end_month = results.series.front().months.back();
  out += fmt::format("  horizon {} to {} ({} months)\n\n", run.start_month, end_month,
                     run.horizon_months);

  std::size_t name_width = 7;
  for (const auto& outcome : results.outcomes)
    name_width = std::max(name_width, outcome.name.size());
  // War is absorbing: when some trials hold a war, every outcome is also shown over the
  // trials without one (the peacetime futures).
  const bool some_war = std::any_of(results.outcomes.begin(), results.outcomes.end(),
                                    [](const StoredOutcome& o) { return o.trials_no_war < o.trials; });
  out += fmt::format("{:<{}}  {:>6}  {:>16}  {}{}\n", "Outcome", name_width, "P", "95% interval",
                     "0 ------------- 1", some_war ? "   P | no war" : "");
  for (const auto& outcome : results.outcomes) {
    out += fmt::format("{:<{}}  {:>6.3f}  [{:.3f}, {:.3f}]  {}", outcome.name, name_width,
                       outcome.probability, outcome.ci_low, outcome.ci_high,
                       bar(outcome.ci_low, outcome.probability, outcome.ci_high, 17));
    if (some_war) out += fmt::format("   {:>11.3f}", outcome.probability_no_war);
    out += "\n";
  }
  if (some_war && !results.outcomes.empty())
    out += fmt::format("  (P | no war: over the {} of {} trials in which no war began)\n",
                       results.outcomes.front().trials_no_war, results.outcomes.front().trials);
  if (results.outcomes.empty()) out += "  (no outcomes declared by the scenario's mechanisms)\n";

  std::size_t series_width = 6;
  for (const auto& series : results.series)
    series_width = std::max(series_width, series.name.size());
  out += fmt::format("\n{:<{}}  {:>8}  {:>8}  {:>8}  {:>8}   (at {})\n", "Series", series_width,
                     "mean", "median", "5%", "95%", end_month);
  for (const auto& series : results.series) {
    if (series.mean.empty()) continue;
    out += fmt::format("{:<{}}  {:>8}  {:>8}  {:>8}  {:>8}\n", series.name, series_width,
                       number(series.mean.back()), number(series.q50.back()),
                       number(series.q05.back()), number(series.q95.back()));
  }
  return out;
}

}  // namespace linchpin
