#include "linchpin/deterrence/crisis_game_fit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

namespace linchpin::deterrence {

MidHostilityClass mid_hostility_class(CrisisOutcome outcome) {
  switch (outcome) {
    case CrisisOutcome::status_quo:
    case CrisisOutcome::negotiation:
    case CrisisOutcome::acquiescence_by_challenger:
    case CrisisOutcome::acquiescence_by_defender:
      return MidHostilityClass::no_use_of_force;
    case CrisisOutcome::capitulation_by_challenger:
    case CrisisOutcome::capitulation_by_defender:
    case CrisisOutcome::limited_clash_started_by_challenger:
    case CrisisOutcome::limited_clash_started_by_defender:
      return MidHostilityClass::use_of_force;
    case CrisisOutcome::war_started_by_challenger:
    case CrisisOutcome::war_started_by_defender:
      return MidHostilityClass::war;
  }
  return MidHostilityClass::war;  // unreachable: every enumerator is handled above
}

MidHostilityClass mid_hostility_class(const analytics::KoreanMid& mid) {
  if (mid.war()) return MidHostilityClass::war;
  return mid.use_of_force() ? MidHostilityClass::use_of_force : MidHostilityClass::no_use_of_force;
}

std::array<double, kMidHostilityClassCount> mid_class_probabilities(
    const CrisisSolution& solution) {
  std::array<double, kMidHostilityClassCount> p{};
  for (const auto& entry : kCrisisOutcomeNames)
    p[std::size_t(mid_hostility_class(entry.value))] += solution.probability(entry.value);
  return p;
}

CrisisInputs with_parameters(CrisisInputs inputs, const CrisisGameParameters& parameters) {
  inputs.challenger_clash_cost = parameters.clash_cost;
  inputs.defender_clash_cost = parameters.clash_cost;
  inputs.escalation_probability = parameters.escalation_probability;
  return inputs;
}

std::vector<CrisisObservation> crisis_observations(std::span<const analytics::KoreanMid> mids,
                                                   std::span<const analytics::NmcRecord> nmc,
                                                   const CrisisFitOptions& options) {
  std::map<std::pair<int, int>, double> cinc;  // (ccode, year)
  std::map<int, int> last_year;                // per state
  for (const auto& record : nmc) {
    if (record.ccode != 2 && record.ccode != 731 && record.ccode != 732) continue;
    if (!record.published_cinc) continue;
    cinc[{record.ccode, record.year}] = *record.published_cinc;
    last_year[record.ccode] = std::max(last_year[record.ccode], record.year);
  }
  const auto lookup = [&](int ccode, int year) {
    const auto last = last_year.find(ccode);
    if (last == last_year.end())
      throw_input_error({}, fmt::format("nmc.cinc[{}]", ccode), "the NMC file has no such state");
    const auto it = cinc.find({ccode, std::min(year, last->second)});
    if (it == cinc.end())
      throw_input_error({}, fmt::format("nmc.cinc[{}][{}]", ccode, year),
                        "the NMC file has no CINC for this state-year");
    return it->second;
  };
  std::vector<CrisisObservation> out;
  for (const auto& mid : mids) {
    CrisisObservation o;
    o.year = mid.year;
    o.observed = mid_hostility_class(mid);
    o.inputs.challenger_capability = lookup(731, mid.year);
    o.inputs.defender_capability = lookup(732, mid.year);
    o.inputs.ally_capability = options.ally_share * lookup(2, mid.year);
    o.inputs.credibility = options.credibility;
    o.inputs.first_strike_advantage = options.first_strike_advantage;
    out.push_back(o);
  }
  return out;
}

namespace {
CrisisSolverOptions solver_options(double precision) {
  CrisisSolverOptions options;
  options.solver.precision = precision;
  options.start = CrisisStart::challenger_has_demanded;
  return options;
}

std::array<double, kMidHostilityClassCount> class_probabilities(
    const CrisisInputs& inputs, const CrisisGameParameters& parameters) {
  return mid_class_probabilities(
      adjudicate_crisis(with_parameters(inputs, parameters), solver_options(parameters.precision)));
}

ParameterSummary summarise(const std::vector<double>& values, const std::vector<double>& mass) {
  ParameterSummary s;
  double total = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    s.mean += mass[i] * values[i];
    total += mass[i];
  }
  s.mean /= total;
  for (std::size_t i = 0; i < values.size(); ++i)
    s.sd += mass[i] * (values[i] - s.mean) * (values[i] - s.mean);
  s.sd = std::sqrt(s.sd / total);
  const auto quantile = [&](double q) {
    double cumulative = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      cumulative += mass[i] / total;
      if (cumulative >= q) return values[i];
    }
    return values.back();
  };
  s.q05 = quantile(0.05);
  s.q50 = quantile(0.5);
  s.q95 = quantile(0.95);
  return s;
}
}  // namespace

double crisis_log_likelihood(std::span<const CrisisObservation> observations,
                             const CrisisGameParameters& parameters) {
  double total = 0;
  for (const auto& o : observations) {
    const auto p = class_probabilities(o.inputs, parameters);
    total += std::log(std::max(p[std::size_t(o.observed)], 1e-300));
  }
  return total;
}

CrisisGameParameters CrisisGamePosterior::at(std::size_t index) const {
  const std::size_t k = index % escalation.size();
  const std::size_t j = (index / escalation.size()) % clash_cost.size();
  const std::size_t i = index / (escalation.size() * clash_cost.size());
  return {precision[i], clash_cost[j], escalation[k]};
}

CrisisGameParameters CrisisGamePosterior::draw(double u) const {
  double cumulative = 0;
  for (std::size_t index = 0; index < weight.size(); ++index) {
    cumulative += weight[index];
    if (u < cumulative) return at(index);
  }
  return map;
}

CrisisGamePosterior fit_crisis_game(std::span<const CrisisObservation> observations,
                                    const CrisisFitOptions& options) {
  if (observations.empty())
    throw_input_error({}, "crisis_game_fit", "expected at least one observed crisis");
  CrisisGamePosterior post;
  post.observations = int(observations.size());
  for (const auto& o : observations) ++post.observed[std::size_t(o.observed)];
  if (options.fixed_precision) post.precision.push_back(*options.fixed_precision);
  for (int i = 0; !options.fixed_precision && i < options.precision_points; ++i)
    post.precision.push_back(options.precision_low *
                             std::pow(options.precision_high / options.precision_low,
                                      double(i) / (options.precision_points - 1)));
  for (int j = 0; j < options.clash_cost_points; ++j)
    post.clash_cost.push_back(options.clash_cost_high * j / (options.clash_cost_points - 1));
  // Escalation cells with edges high * (k / n)^2; the value is the cell's midpoint and its prior
  // mass the Jeffreys Beta(1/2, 1/2) probability of the cell, F(x) = (2 / pi) asin(sqrt(x)).
  std::vector<double> escalation_prior;
  const int n = options.escalation_points;
  const auto edge = [&](int k) { return options.escalation_high * double(k * k) / double(n * n); };
  const auto jeffreys_cdf = [](double x) {
    return 2.0 / std::numbers::pi * std::asin(std::sqrt(x));
  };
  for (int k = 0; k < n; ++k) {
    post.escalation.push_back(0.5 * (edge(k) + edge(k + 1)));
    escalation_prior.push_back(jeffreys_cdf(edge(k + 1)) - jeffreys_cdf(edge(k)));
  }

  // Observations with the same inputs share one solve.
  struct Group {
    CrisisInputs inputs;
    std::array<int, kMidHostilityClassCount> count{};
  };
  std::map<int, Group> groups;
  for (const auto& o : observations) {
    auto& g = groups[o.year];
    g.inputs = o.inputs;
    ++g.count[std::size_t(o.observed)];
  }

  const std::size_t size = post.precision.size() * post.clash_cost.size() * post.escalation.size();
  std::vector<double> log_post(size);
  std::size_t index = 0;
  for (double lambda : post.precision)
    for (double c : post.clash_cost)
      for (std::size_t k = 0; k < post.escalation.size(); ++k, ++index) {
        const CrisisGameParameters parameters{lambda, c, post.escalation[k]};
        double ll = std::log(escalation_prior[k]);
        for (const auto& [year, g] : groups) {
          const auto p = class_probabilities(g.inputs, parameters);
          for (std::size_t cls = 0; cls < kMidHostilityClassCount; ++cls)
            if (g.count[cls] > 0) ll += g.count[cls] * std::log(std::max(p[cls], 1e-300));
        }
        log_post[index] = ll;
      }
  const double top = *std::max_element(log_post.begin(), log_post.end());
  post.weight.resize(size);
  double total = 0;
  for (std::size_t i = 0; i < size; ++i) total += post.weight[i] = std::exp(log_post[i] - top);
  for (double& w : post.weight) w /= total;
  post.map =
      post.at(std::size_t(std::max_element(log_post.begin(), log_post.end()) - log_post.begin()));

  std::vector<double> m_lambda(post.precision.size()), m_c(post.clash_cost.size()),
      m_e(post.escalation.size());
  double mean_log_lambda = 0, mean_c = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const std::size_t k = i % post.escalation.size();
    const std::size_t j = (i / post.escalation.size()) % post.clash_cost.size();
    const std::size_t l = i / (post.escalation.size() * post.clash_cost.size());
    m_lambda[l] += post.weight[i];
    m_c[j] += post.weight[i];
    m_e[k] += post.weight[i];
    mean_log_lambda += post.weight[i] * std::log(post.precision[l]);
    mean_c += post.weight[i] * post.clash_cost[j];
  }
  double cov = 0, var_l = 0, var_c = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const auto p = post.at(i);
    const double dl = std::log(p.precision) - mean_log_lambda, dc = p.clash_cost - mean_c;
    cov += post.weight[i] * dl * dc;
    var_l += post.weight[i] * dl * dl;
    var_c += post.weight[i] * dc * dc;
  }
  post.precision_clash_correlation = var_l > 0 && var_c > 0 ? cov / std::sqrt(var_l * var_c) : 0.0;
  post.precision_summary = summarise(post.precision, m_lambda);
  post.clash_cost_summary = summarise(post.clash_cost, m_c);
  post.escalation_summary = summarise(post.escalation, m_e);
  return post;
}

std::array<double, 2> beta_from_moments(double mean, double sd) {
  const double common = mean * (1 - mean) / (sd * sd) - 1;
  return {mean * common, (1 - mean) * common};
}

}  // namespace linchpin::deterrence
