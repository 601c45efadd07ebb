#include "linchpin/analysis/crisis_record_fit.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "linchpin/analytics/data/data_folder.hpp"
#include "linchpin/analytics/data/mid_reader.hpp"
#include "linchpin/analytics/data/nmc_reader.hpp"
#include "linchpin/core/random_stream.hpp"

namespace linchpin::analysis {

namespace {
std::array<double, 3> quantiles(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const auto at = [&](double q) {
    return values[std::min(values.size() - 1, std::size_t(q * double(values.size())))];
  };
  return {at(0.05), at(0.5), at(0.95)};
}

Quantity normal(double mean, double sd, std::optional<double> low, std::optional<double> high) {
  Quantity q;
  q.kind = DistributionKind::normal;
  q.mean = mean;
  q.sd = sd;
  if (low) {
    q.has_low = true;
    q.low = *low;
  }
  if (high) {
    q.has_high = true;
    q.high = *high;
  }
  return q;
}

Quantity beta(double alpha, double beta_parameter) {
  Quantity q;
  q.kind = DistributionKind::beta;
  q.alpha = alpha;
  q.beta = beta_parameter;
  return q;
}

// Values as written in the scenarios: four significant digits.
double rounded(double x) {
  return std::stod(fmt::format("{:.4g}", x));
}
}  // namespace

std::vector<analytics::KoreanMid> read_korean_mid_series(const std::string& data_folder,
                                                         const std::string& project_mids_path) {
  const auto cow = analytics::read_cow_mid_dyad_years(
      analytics::data_file(data_folder, analytics::MidFiles::cow));
  cow.rows.require_clean();
  const auto project = analytics::read_project_mids(project_mids_path);
  project.require_clean();
  const auto cow_mids = analytics::korean_mids_from_cow(
      cow.rows.records, analytics::kKoreanMidFirstYear, analytics::kCowMidLastYear);
  return analytics::korean_mid_series(cow_mids, project.records);
}

CrisisRecordFit fit_crisis_record(const std::string& data_folder,
                                  const std::string& project_mids_path, int last_year,
                                  const deterrence::CrisisFitOptions& options) {
  CrisisRecordFit fit;
  fit.last_year = last_year;
  for (const auto& mid : read_korean_mid_series(data_folder, project_mids_path))
    if (mid.year <= last_year) fit.mids.push_back(mid);
  fit.mid_fit = analytics::fit_korean_mids(fit.mids, last_year);

  const auto nmc =
      analytics::read_nmc(analytics::data_file(data_folder, analytics::DataFiles::nmc_v6));
  nmc.rows.require_clean();
  const auto observations = deterrence::crisis_observations(fit.mids, nmc.rows.records, options);
  fit.game = deterrence::fit_crisis_game(observations, options);
  // The scenarios cannot draw the three jointly; precision is the least identified and the
  // joint spread of P(use of force) comes from its ridge with the clash cost, so they hold
  // precision at its posterior median and draw the other two from their conditional posterior.
  auto conditional_options = options;
  conditional_options.fixed_precision = rounded(fit.game.precision_summary.q50);
  fit.conditional = deterrence::fit_crisis_game(observations, conditional_options);

  // Posterior predictive at the latest observed inputs.
  const auto& reference = observations.back().inputs;
  RandomStream stream(1, 0, purpose_id("crisis-record-fit:predictive"));
  std::vector<double> force_joint, war_joint, force_marginal, war_marginal, force_scenario,
      war_scenario;
  const auto probabilities = [&](const deterrence::CrisisGameParameters& p) {
    deterrence::CrisisSolverOptions solver;
    solver.solver.precision = p.precision;
    solver.start = deterrence::CrisisStart::challenger_has_demanded;
    return deterrence::mid_class_probabilities(
        deterrence::adjudicate_crisis(deterrence::with_parameters(reference, p), solver));
  };
  for (int d = 0; d < 2000; ++d) {
    const auto joint = probabilities(fit.game.draw(stream.uniform()));
    force_joint.push_back(joint[1]);
    war_joint.push_back(joint[2]);
    // Independent marginals: three joint draws, one coordinate from each.
    const auto a = fit.game.draw(stream.uniform()), b = fit.game.draw(stream.uniform()),
               c = fit.game.draw(stream.uniform());
    const auto marginal = probabilities({a.precision, b.clash_cost, c.escalation_probability});
    force_marginal.push_back(marginal[1]);
    war_marginal.push_back(marginal[2]);
    // What the scenarios draw: one of the stored joint rows (below).
    const int row = std::min(kCrisisPosteriorDraws - 1, int(stream.uniform() * kCrisisPosteriorDraws));
    const auto x = fit.game.draw((row + 0.5) / kCrisisPosteriorDraws);
    const auto scenario = probabilities({x.precision, x.clash_cost, x.escalation_probability});
    force_scenario.push_back(scenario[1]);
    war_scenario.push_back(scenario[2]);
  }
  fit.use_of_force_scenario = quantiles(force_scenario);
  fit.war_scenario = quantiles(war_scenario);
  fit.use_of_force_joint = quantiles(force_joint);
  fit.war_joint = quantiles(war_joint);
  fit.use_of_force_marginal = quantiles(force_marginal);
  fit.war_marginal = quantiles(war_marginal);

  const auto& m = fit.mid_fit;
  fit.parameters["crisis_intercept"] =
      normal(rounded(m.rate.log_rate_mean), rounded(m.rate.log_rate_sd), -20.0, 0.0);
  // The three game parameters as joint posterior draws: row i is the grid point at posterior
  // quantile (i + 1/2) / n of the grid's cumulative mass, so the rows follow the joint posterior
  // (its curved ridge included); the three quantities share a draw group, so a trial takes one
  // row for all three.
  Quantity precision, clash_cost, escalation;
  for (Quantity* q : {&precision, &clash_cost, &escalation}) {
    q->kind = DistributionKind::empirical;
    q->draw_group = "crisis-game-posterior";
  }
  for (int i = 0; i < kCrisisPosteriorDraws; ++i) {
    const auto p = fit.game.draw((i + 0.5) / kCrisisPosteriorDraws);
    precision.values.push_back(rounded(p.precision));
    clash_cost.values.push_back(rounded(p.clash_cost));
    escalation.values.push_back(rounded(p.escalation_probability));
  }
  fit.parameters["qre_precision"] = precision;
  fit.parameters["clash_cost"] = clash_cost;
  fit.parameters["escalation_probability"] = escalation;
  fit.parameters["fatal_share_of_use_of_force"] =
      beta(m.fatal_given_use_of_force.alpha, m.fatal_given_use_of_force.beta);
  fit.parameters["display_share_below_use_of_force"] =
      beta(m.display_given_no_force.alpha, m.display_given_no_force.beta);
  return fit;
}

std::string crisis_record_fit_text(const CrisisRecordFit& fit) {
  const auto& c = fit.mid_fit.counts;
  const auto& g = fit.game;
  std::string out = fmt::format(
      "Korean MIDs {}-{} (COW MID 5.0 to {}, project coding after; ROK-DPRK and USA-DPRK):\n"
      "  onsets {} in {} years ({:.2f} per decade); display of force or more {}; use of force {}; "
      "fatal {}; war {}; fatality unknown {}\n"
      "Onset rate: log monthly rate ~ normal({:.4f}, {:.4f}) (Jeffreys: n + 1/2 onsets in {} "
      "months)\n"
      "Shares (Jeffreys Beta posteriors): use of force {}/{} -> {:.3f}; fatal given use of force "
      "{}/{} -> {:.3f}; display given no use of force {}/{} -> {:.3f}; war {}/{} -> {:.4f}\n",
      c.first_year, c.last_year, analytics::kCowMidLastYear, c.onsets, c.years(),
      10.0 * c.onsets / c.years(), c.display_of_force, c.use_of_force, c.fatal, c.war,
      c.fatality_unknown, fit.mid_fit.rate.log_rate_mean, fit.mid_fit.rate.log_rate_sd,
      fit.mid_fit.rate.months, fit.mid_fit.use_of_force.successes, fit.mid_fit.use_of_force.trials,
      fit.mid_fit.use_of_force.mean(), fit.mid_fit.fatal_given_use_of_force.successes,
      fit.mid_fit.fatal_given_use_of_force.trials, fit.mid_fit.fatal_given_use_of_force.mean(),
      fit.mid_fit.display_given_no_force.successes, fit.mid_fit.display_given_no_force.trials,
      fit.mid_fit.display_given_no_force.mean(), fit.mid_fit.war.successes, fit.mid_fit.war.trials,
      fit.mid_fit.war.mean());
  if (fit.last_year >= 2000) {
    const auto all = analytics::onsets_by_year(fit.mids, 2000, fit.last_year);
    const auto force = analytics::onsets_by_year(fit.mids, 2000, fit.last_year, 4);
    out += fmt::format("MID onsets per year 2000-{} (all / use of force): {} / {}\n", fit.last_year,
                       fmt::join(all, " "), fmt::join(force, " "));
  }
  const auto line = [](const char* name, const deterrence::ParameterSummary& s) {
    return fmt::format("  {:<24} mean {:.4g}  sd {:.4g}  5% {:.4g}  50% {:.4g}  95% {:.4g}\n", name,
                       s.mean, s.sd, s.q05, s.q50, s.q95);
  };
  out += fmt::format(
      "Crisis game posterior ({} crises: {} without force, {} use of force, {} war; grid {} x {} x "
      "{}):\n",
      g.observations, g.observed[0], g.observed[1], g.observed[2], g.precision.size(),
      g.clash_cost.size(), g.escalation.size());
  out += line("qre_precision", g.precision_summary);
  out += line("clash_cost", g.clash_cost_summary);
  out += line("escalation_probability", g.escalation_summary);
  out += fmt::format(
      "Conditional posterior at the median precision {:.4g} (what the scenarios draw):\n",
      fit.conditional.precision.front());
  out += line("clash_cost", fit.conditional.clash_cost_summary);
  out += line("escalation_probability", fit.conditional.escalation_summary);
  out += fmt::format(
      "  Joint MAP: precision {:.4g}, clash cost {:.4g}, escalation {:.4g}; corr(log precision, "
      "clash "
      "cost) {:.2f}\n",
      g.map.precision, g.map.clash_cost, g.map.escalation_probability,
      g.precision_clash_correlation);
  out += fmt::format(
      "Per crisis at {} inputs, 5/50/95% over 2,000 posterior draws:\n"
      "  P(use of force): joint {:.3f} {:.3f} {:.3f}; independent marginals {:.3f} {:.3f} {:.3f}\n"
      "  P(war):          joint {:.4f} {:.4f} {:.4f}; independent marginals {:.4f} {:.4f} {:.4f}\n"
      "  scenario draw (200 stored joint rows): P(use of force) "
      "{:.3f} {:.3f} {:.3f}; P(war) {:.4f} {:.4f} {:.4f}\n",
      fit.mids.empty() ? 0 : fit.mids.back().year, fit.use_of_force_joint[0],
      fit.use_of_force_joint[1], fit.use_of_force_joint[2], fit.use_of_force_marginal[0],
      fit.use_of_force_marginal[1], fit.use_of_force_marginal[2], fit.war_joint[0],
      fit.war_joint[1], fit.war_joint[2], fit.war_marginal[0], fit.war_marginal[1],
      fit.war_marginal[2], fit.use_of_force_scenario[0], fit.use_of_force_scenario[1],
      fit.use_of_force_scenario[2], fit.war_scenario[0], fit.war_scenario[1], fit.war_scenario[2]);
  out += fmt::format("Scenario lines (deterrence.parameters, fit on 1953-{}):\n", fit.last_year);
  for (const auto& [name, q] : fit.parameters) {
    if (q.kind == DistributionKind::fixed)
      out += fmt::format("      {}: {{value: {:g}}}\n", name, q.value);
    else if (q.kind == DistributionKind::empirical)
      out += fmt::format("      {}: {{distribution: empirical, draw_group: {}, values: [{:g}]}}\n",
                         name, q.draw_group, fmt::join(q.values, ", "));
    else if (q.kind == DistributionKind::beta)
      out += fmt::format("      {}: {{distribution: beta, alpha: {:g}, beta: {:g}}}\n", name,
                         q.alpha, q.beta);
    else
      out += fmt::format("      {}: {{distribution: normal, mean: {:g}, sd: {:g}{}{}}}\n", name,
                         q.mean, q.sd, q.has_low ? fmt::format(", low: {:g}", q.low) : "",
                         q.has_high ? fmt::format(", high: {:g}", q.high) : "");
  }
  return out;
}

}  // namespace linchpin::analysis
