// `linchpin data fit-regimes`: fits the regime-switching count model
// (docs/models/event_processes.md) to a yearly record and prints the numbers the Korea scenarios
// cite, so they can be reproduced.
#include <fmt/format.h>

#include <cmath>

#include "commands.hpp"
#include "linchpin/analytics/data/year_count_reader.hpp"
#include "linchpin/analytics/regime_count_model.hpp"

namespace linchpin::cli {
namespace {
using namespace linchpin::analytics;

std::string range_text(const std::vector<ParameterRange>& ranges, std::size_t k, int digits) {
  if (ranges.empty()) return "";
  const auto& r = ranges[k];
  return fmt::format("  [5-95%: {:.{}f}-{:.{}f}, sd {:.{}f}]", r.low, digits, r.high, digits, r.sd,
                     digits);
}
}  // namespace

int run_fit_regimes(const DataArgs& args) {
  try {
    const auto distribution = parse_enum(kCountDistributionNames, args.distribution);
    if (!distribution)
      throw_input_error(
          {}, "--distribution",
          fmt::format("expected poisson or negative_binomial, found '{}'", args.distribution));
    const auto record = read_year_counts(args.record, args.column).require_clean().records;
    if (record.empty())
      throw_input_error({args.record, 1, 1}, args.column, "no counted year in the record");
    const int last_year = args.last_year != 0 ? args.last_year : record.back().year;
    RegimeFitOptions options;
    options.regimes = args.regimes;
    options.distribution = *distribution;
    options.bootstrap_replicates = args.bootstrap;
    options.transition_pseudo_count = args.transition_prior;
    const auto fit = fit_regime_count_model(record, last_year, options);
    const auto& m = fit.model;
    const auto k = std::size_t(m.regimes());

    std::vector<int> counts;
    for (const auto& row : record)
      if (row.year >= fit.first_year && row.year <= fit.last_year) counts.push_back(row.count);
    double mean = 0.0, squares = 0.0;
    for (int y : counts) mean += y;
    mean /= double(counts.size());
    for (int y : counts) squares += (y - mean) * (y - mean);
    const double variance = squares / double(counts.size() - 1);

    fmt::print("Regime-switching count model: {} '{}', {}-{} ({} years), {} regimes, {}\n",
               args.record, args.column, fit.first_year, fit.last_year, counts.size(), k,
               enum_name(kCountDistributionNames, m.distribution));
    fmt::print("transition prior: {:g} pseudo-transition(s) per cell{}\n", args.transition_prior,
               args.transition_prior > 0
                   ? " (MAP; log posterior " + fmt::format("{:.4f})", fit.log_posterior)
                   : " (maximum likelihood)");
    fmt::print("log-likelihood {:.4f}, {} parameters, AIC {:.2f}, BIC {:.2f}, EM {} iterations{}\n",
               fit.log_likelihood, fit.parameters, -2 * fit.log_likelihood + 2 * fit.parameters,
               -2 * fit.log_likelihood + fit.parameters * std::log(double(counts.size())),
               fit.iterations, fit.converged ? "" : " (NOT converged)");
    if (fit.bootstrap_replicates > 0)
      fmt::print("ranges: parametric bootstrap, {} of {} replicates kept\n",
                 fit.bootstrap_replicates, args.bootstrap);
    fmt::print("\nper regime (yearly; regime 0 = lowest mean):\n");
    for (std::size_t i = 0; i < k; ++i) {
      fmt::print("  regime {}: mean {:.4f} events/year{}\n", i, m.mean[i],
                 range_text(fit.mean_range, i, 3));
      if (m.distribution == CountDistribution::negative_binomial)
        fmt::print("            NB size {:.4f}{}{}\n", m.size[i],
                   m.size[i] >= 0.99 * kPoissonLimitSize ? " (at the Poisson limit)" : "",
                   range_text(fit.size_range, i, 3));
      for (std::size_t j = 0; j < k; ++j)
        fmt::print("            P(-> {}) per year {:.4f}{}\n", j, m.transition[i][j],
                   fit.transition_range.empty() ? std::string()
                                                : range_text(fit.transition_range[i], j, 4));
    }
    const auto stationary = stationary_distribution(m.transition);
    double model_mean = 0.0, second = 0.0;
    for (std::size_t i = 0; i < k; ++i) {
      const double r = m.distribution == CountDistribution::poisson ? INFINITY : m.size[i];
      model_mean += stationary[i] * m.mean[i];
      second += stationary[i] * (m.mean[i] + m.mean[i] * m.mean[i] / r + m.mean[i] * m.mean[i]);
    }
    fmt::print("\nstationary regime probabilities:");
    for (double p : stationary) fmt::print(" {:.4f}", p);
    fmt::print("\nfiltered regime probabilities at the end of {}:", fit.last_year);
    for (double p : fit.filtered_last) fmt::print(" {:.4f}", p);
    fmt::print(
        "\nyearly count: observed mean {:.3f} variance {:.3f}; model (stationary) mean "
        "{:.3f} variance {:.3f}\n",
        mean, variance, model_mean, second - model_mean * model_mean);
    fmt::print(
        "P(count >= {}) in a year: stationary {:.4f}; year {} given the end of {} {:.4f}\n",
        args.threshold, probability_at_least(m, stationary, args.threshold), fit.last_year + 1,
        fit.last_year,
        probability_at_least(m, propagate(m.transition, fit.filtered_last, 1), args.threshold));
    for (std::size_t i = 0; i < k; ++i)
      fmt::print("  within regime {} all year: {:.4f}\n", i,
                 count_upper_tail(m.distribution, m.mean[i], m.size[i], args.threshold));

    if (k == 2) {
      const auto monthly = monthly_transition(m.transition);
      fmt::print(
          "\nmonthly chain (12th root of the yearly matrix): P(0->1) {:.6f}, P(1->0) {:.6f}\n",
          monthly[0][1], monthly[1][0]);
      for (std::size_t i = 0; i < k; ++i) {
        fmt::print("  regime {}: rate {:.5f} events/month, monthly NB size {:.5f}\n", i,
                   m.mean[i] / 12.0, m.size[i] / 12.0);
        // The scenario's ranges: estimate -+ 1.645 complete-data se (90%), floored near zero.
        const auto rate = regime_rate_range(fit, i);
        fmt::print("    rate 90% range (complete-data se {:.4f}/year): {:.5f}-{:.5f} per month\n",
                   fit.mean_se[i], rate.low / 12.0, rate.high / 12.0);
        const std::size_t j = 1 - i;
        const auto leave = regime_switch_range(fit, i);
        fmt::print(
            "    monthly switch {} -> {} 90% range (yearly {:.4f} se {:.4f}): "
            "{:.6f}-{:.6f} (estimate {:.6f})\n",
            i, j, m.transition[i][j], fit.transition_se[i][j], leave.low, leave.high,
            leave.estimate);
      }
      const int filter_year = args.filter_year != 0 ? args.filter_year : fit.last_year;
      if (filter_year < fit.first_year || filter_year > fit.last_year)
        throw_input_error({}, "--filter-year", "expected a year inside the fitted record");
      const auto filtered =
          forward_filter(m, std::vector<int>(counts.begin(),
                                             counts.begin() + (filter_year - fit.first_year + 1)))
              .filtered.back();
      fmt::print("regime probabilities after December {} (filtered), months ahead:\n", filter_year);
      for (int months : {0, 1, 6, 12}) {
        fmt::print("  +{:>2}:", months);
        for (double p : propagate(monthly, filtered, months)) fmt::print(" {:.4f}", p);
        fmt::print("\n");
      }
    }
    if (!args.modulated_column.empty()) {
      const auto second_record =
          read_year_counts(args.record, args.modulated_column).require_clean().records;
      std::vector<int> second_counts;
      for (const auto& row : second_record)
        if (row.year >= fit.first_year && row.year <= fit.last_year)
          second_counts.push_back(row.count);
      if (second_counts.size() != counts.size())
        throw_input_error({args.record, 1, 1}, args.modulated_column,
                          "the modulated column must be counted in every fitted year");
      const auto rates = modulated_poisson_rates(fit.smoothed, second_counts);
      fmt::print("\n'{}' per regime (smoothed-probability-weighted Poisson rates):\n",
                 args.modulated_column);
      for (std::size_t i = 0; i < k; ++i) {
        double years = 0.0;
        for (const auto& row : fit.smoothed) years += row[i];
        const auto rate = modulated_rate_range(fit, rates, i);
        fmt::print(
            "  regime {}: {:.5f} per year = {:.6f} per month; 90% range {:.6f}-{:.6f} per "
            "month ({:.2f} regime-years)\n",
            i, rates[i], rates[i] / 12.0, rate.low / 12.0, rate.high / 12.0, years);
      }
    }
    fmt::print("\nsmoothed P(regime {}) by year:\n", k - 1);
    for (std::size_t t = 0; t < counts.size(); ++t)
      fmt::print("  {} {:>3} {:.3f}\n", fit.first_year + int(t), counts[t], fit.smoothed[t][k - 1]);
    return kExitOk;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
