#include "linchpin/io/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace linchpin {

namespace {

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string interval_bar(const StoredOutcome& outcome) {
  constexpr double width = 240.0;
  const double x_low = outcome.ci_low * width;
  const double x_high = outcome.ci_high * width;
  const double x = outcome.probability * width;
  return fmt::format(
      "<svg width=\"{0}\" height=\"18\" role=\"img\" aria-label=\"probability {4:.3f}\">"
      "<rect x=\"0\" y=\"8\" width=\"{0}\" height=\"2\" fill=\"#ddd\"/>"
      "<rect x=\"{1:.1f}\" y=\"4\" width=\"{2:.1f}\" height=\"10\" fill=\"#9ecae1\"/>"
      "<rect x=\"{3:.1f}\" y=\"2\" width=\"2\" height=\"14\" fill=\"#08519c\"/></svg>",
      width, x_low, std::max(1.0, x_high - x_low), std::max(0.0, x - 1.0), outcome.probability);
}

std::string series_chart(const StoredSeries& series) {
  constexpr double width = 420.0;
  constexpr double height = 170.0;
  constexpr double left = 44.0;
  constexpr double right = 8.0;
  constexpr double top = 8.0;
  constexpr double bottom = 22.0;
  const std::size_t n = series.q50.size();
  if (n == 0) return "";
  double low = series.lower;
  double high = series.upper;
  // Zoom to the data when it uses a small part of the declared range.
  double data_low = 1e300;
  double data_high = -1e300;
  for (std::size_t i = 0; i < n; ++i) {
    for (double v : {series.q05[i], series.q95[i], series.mean[i]}) {
      if (std::isnan(v)) continue;
      data_low = std::min(data_low, v);
      data_high = std::max(data_high, v);
    }
  }
  if (data_low <= data_high && (data_high - data_low) < 0.5 * (high - low)) {
    const double pad = std::max(1e-9, 0.1 * (data_high - data_low));
    low = std::max(low, data_low - pad);
    high = std::min(high, data_high + pad);
    if (!(high > low)) high = low + 1.0;
  }
  const auto x_of = [&](std::size_t i) {
    return left + (n == 1 ? 0.0 : (width - left - right) * double(i) / double(n - 1));
  };
  const auto y_of = [&](double v) {
    const double t = (v - low) / (high - low);
    return top + (height - top - bottom) * (1.0 - std::clamp(t, 0.0, 1.0));
  };
  const auto band = [&](const std::vector<double>& lower, const std::vector<double>& upper,
                        const char* colour) {
    std::string points;
    for (std::size_t i = 0; i < n; ++i)
      points += fmt::format("{:.1f},{:.1f} ", x_of(i), y_of(upper[i]));
    for (std::size_t i = n; i-- > 0;)
      points += fmt::format("{:.1f},{:.1f} ", x_of(i), y_of(lower[i]));
    return fmt::format("<polygon points=\"{}\" fill=\"{}\" stroke=\"none\"/>", points, colour);
  };
  const auto line = [&](const std::vector<double>& values, const char* colour, const char* dash) {
    std::string points;
    for (std::size_t i = 0; i < n; ++i)
      points += fmt::format("{:.1f},{:.1f} ", x_of(i), y_of(values[i]));
    return fmt::format(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" "
        "stroke-dasharray=\"{}\"/>",
        points, colour, dash);
  };
  std::string svg = fmt::format(
      "<svg viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" role=\"img\" "
      "aria-label=\"{2}\">",
      width, height, escape(series.name));
  svg += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fafafa\" "
      "stroke=\"#ccc\"/>",
      left, top, width - left - right, height - top - bottom);
  svg += band(series.q05, series.q95, "#c6dbef");
  svg += band(series.q25, series.q75, "#6baed6");
  svg += line(series.q50, "#08306b", "none");
  svg += line(series.mean, "#d94801", "4 3");
  for (int tick = 0; tick <= 2; ++tick) {
    const double v = low + (high - low) * tick / 2.0;
    svg += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\" text-anchor=\"end\">{:.3g}</text>",
        left - 4, y_of(v) + 3, v);
  }
  svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\">{}</text>", left, height - 6,
                     escape(series.months.front()));
  svg +=
      fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\" text-anchor=\"end\">{}</text>",
                  width - right, height - 6, escape(series.months.back()));
  svg += "</svg>";
  return svg;
}

}  // namespace

std::string render_html_report(const StoredResults& results) {
  const auto& run = results.run;
  std::string html;
  html += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  html += fmt::format("<title>Linchpin report: {}</title>", escape(run.scenario_name));
  html += R"(<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1400px;color:#222;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.9rem}td,th{padding:.25rem .6rem;text-align:left;border-bottom:1px solid #eee}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.meta td:first-child{color:#666}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:1rem}
figure{margin:0;border:1px solid #eee;padding:.5rem}figcaption{font-size:.8rem;color:#444;margin-bottom:.3rem}
figcaption b{color:#111}.legend span{display:inline-block;width:1.2em;height:.8em;margin:0 .3em 0 1em;vertical-align:middle}
.warn{background:#fff3cd;padding:.5rem;border:1px solid #e0c36c}
</style></head><body>)";
  html += fmt::format("<h1>Linchpin report: {}</h1>", escape(run.scenario_name));
  if (run.status != "completed") {
    html += fmt::format(
        "<p class=\"warn\">This run's status is <b>{}</b>: the figures below "
        "cover {} of {} requested trials.</p>",
        escape(run.status), run.trials_completed, run.trials_requested);
  }
  html += "<table class=\"meta\">";
  const auto row = [&](const std::string& key, const std::string& value) {
    html += fmt::format("<tr><td>{}</td><td>{}</td></tr>", escape(key), escape(value));
  };
  row("scenario file", run.scenario_file);
  row("scenario sha256", run.scenario_sha256);
  row("start / horizon", fmt::format("{} / {} months", run.start_month, run.horizon_months));
  row("trials",
      fmt::format("{} completed of {} requested", run.trials_completed, run.trials_requested));
  row("seed / threads", fmt::format("{} / {}", run.seed, run.threads));
  row("engine", fmt::format("{} (commit {})", run.engine_version, run.git_commit));
  row("run", fmt::format("{} to {} ({:.2f} s), status {}", run.started_at, run.finished_at,
                         std::isnan(run.seconds) ? 0.0 : run.seconds, run.status));
  html += "</table>";

  const std::uint64_t trials_no_war =
      results.outcomes.empty() ? 0 : results.outcomes.front().trials_no_war;
  const std::uint64_t trials_all = results.outcomes.empty() ? 0 : results.outcomes.front().trials;
  const bool some_war = trials_no_war < trials_all;
  html += fmt::format(
      "<h2>Outcomes</h2><p>Probability over trials that the outcome occurs within the "
      "horizon, with the Wilson 95% interval (shaded) and the estimate (dark mark), on a "
      "0&ndash;1 scale.{}</p><table><tr><th>outcome</th><th>description</th><th>P</th>"
      "<th>95% interval</th><th></th>{}</tr>",
      some_war ? fmt::format(" War is absorbing (peacetime dynamics end with it); <i>P | no "
                             "war</i> is the probability over the {} of {} trials in which no "
                             "war began.",
                             trials_no_war, trials_all)
               : std::string(),
      some_war ? "<th>P | no war</th>" : "");
  for (const auto& outcome : results.outcomes) {
    html += fmt::format(
        "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{:.3f}</td><td "
        "class=\"num\">[{:.3f}, {:.3f}]</td><td>{}</td>",
        escape(outcome.name), escape(outcome.description), outcome.probability, outcome.ci_low,
        outcome.ci_high, interval_bar(outcome));
    if (some_war)
      html += fmt::format("<td class=\"num\">{:.3f} [{:.3f}, {:.3f}]</td>",
                          outcome.probability_no_war, outcome.ci_low_no_war,
                          outcome.ci_high_no_war);
    html += "</tr>";
  }
  html += "</table>";

  html +=
      "<h2>Tracked series</h2><p class=\"legend\">Monthly distribution over trials:"
      "<span style=\"background:#c6dbef\"></span>5&ndash;95%"
      "<span style=\"background:#6baed6\"></span>25&ndash;75%"
      "<span style=\"background:#08306b;height:2px\"></span>median"
      "<span style=\"border-top:2px dashed #d94801;height:0\"></span>mean</p><div class=\"grid\">";
  for (const auto& series : results.series) {
    html += fmt::format("<figure><figcaption><b>{}</b> ({})<br>{}</figcaption>{}</figure>",
                        escape(series.name), escape(series.unit), escape(series.description),
                        series_chart(series));
  }
  html += "</div>";
  html += "<p style=\"margin-top:2rem;color:#666;font-size:.8rem\">Generated by Linchpin from " +
          escape(results.path) + ". The database holds every number shown here.</p>";
  html += "</body></html>\n";
  return html;
}

}  // namespace linchpin
