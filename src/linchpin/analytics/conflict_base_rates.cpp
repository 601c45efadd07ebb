#include "linchpin/analytics/conflict_base_rates.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "linchpin/core/error.hpp"
#include "linchpin/core/special_functions.hpp"

namespace linchpin::analytics {

namespace {
constexpr double kJeffreys = 0.5;

void check_window(int first_year, int last_year, double level) {
  if (last_year <= first_year)
    throw Error("conflict base rates: the window needs at least two years");
  if (!(level > 0.0 && level < 1.0))
    throw Error("conflict base rates: the interval level must lie in (0, 1)");
}

bool counts(const UcdpConflictYear& row, UcdpRegion region, ConflictTypeSet types,
            bool sole_region = false) {
  if (sole_region && row.regions != (1u << int(region))) return false;
  return row.in_region(region) && conflict_type_in_set(row.type, types);
}
}  // namespace

bool conflict_type_in_set(UcdpConflictType type, ConflictTypeSet set) {
  switch (set) {
    case ConflictTypeSet::interstate:
      return type == UcdpConflictType::interstate;
    case ConflictTypeSet::internationalised:
      return type == UcdpConflictType::internationalised;
    case ConflictTypeSet::both:
      return type == UcdpConflictType::interstate || type == UcdpConflictType::internationalised;
  }
  return false;
}

std::vector<RegionCondition> region_conditions(std::span<const UcdpConflictYear> rows,
                                               UcdpRegion region, ConflictTypeSet types,
                                               int first_year, int last_year, bool sole_region) {
  std::vector<RegionCondition> conditions(std::size_t(std::max(0, last_year - first_year + 1)),
                                          RegionCondition::calm);
  for (const auto& row : rows) {
    if (row.year < first_year || row.year > last_year || !counts(row, region, types, sole_region))
      continue;
    auto& c = conditions[std::size_t(row.year - first_year)];
    c = std::max(c, row.intensity_level >= 2 ? RegionCondition::war : RegionCondition::minor);
  }
  return conditions;
}

PosteriorSummary beta_summary(double a, double b, double level) {
  const double tail = (1.0 - level) / 2.0;
  const double n = a + b;
  return {a / n, std::sqrt(a * b / (n * n * (n + 1.0))), beta_quantile(tail, a, b),
          beta_quantile(1.0 - tail, a, b)};
}

PosteriorSummary jeffreys_poisson_rate(int events, double exposure, double level) {
  if (!(exposure > 0.0)) throw Error("Poisson rate: exposure must be positive");
  const double shape = events + kJeffreys;
  const double tail = (1.0 - level) / 2.0;
  return {shape / exposure, std::sqrt(shape) / exposure, gamma_quantile(tail, shape) / exposure,
          gamma_quantile(1.0 - tail, shape) / exposure};
}

double monthly_exit_probability(double yearly_exit) {
  if (!(yearly_exit >= 0.0 && yearly_exit <= 1.0))
    throw Error("monthly exit probability: the yearly probability must lie in [0, 1]");
  return 1.0 - std::pow(1.0 - yearly_exit, 1.0 / 12.0);
}

std::pair<double, double> beta_with_moments(double mean, double sd) {
  const double variance = sd * sd;
  if (!(mean > 0.0 && mean < 1.0) || !(variance > 0.0) || variance >= mean * (1.0 - mean))
    throw Error("beta with moments: needs 0 < mean < 1 and 0 < variance < mean (1 - mean)");
  const double total = mean * (1.0 - mean) / variance - 1.0;
  return {mean * total, (1.0 - mean) * total};
}

const ChainTransition& RegionChainFit::transition(RegionCondition from, RegionCondition to) const {
  for (const auto& t : transitions)
    if (t.from == from && t.to == to) return t;
  throw Error("region chain: no transition from a condition to itself");
}

namespace {
void fit_chain(RegionChainFit& fit, const std::vector<RegionCondition>& conditions, double level) {
  for (const auto c : conditions) ++fit.years_in[int(c)];
  for (std::size_t t = 0; t + 1 < conditions.size(); ++t)
    ++fit.counts[int(conditions[t])][int(conditions[t + 1])];

  for (int from = 0; from < 3; ++from) {
    int at_risk = 0;
    for (int to = 0; to < 3; ++to) at_risk += fit.counts[from][to];
    // Dirichlet(1/2, 1/2, 1/2) row posterior: the marginal of one cell is
    // beta(x + 1/2, n - x + 1); the exit probability is 1 - beta(stay + 1/2, n - stay + 1).
    const double row_total = at_risk + 3 * kJeffreys;
    const double yearly_exit = 1.0 - (fit.counts[from][from] + kJeffreys) / row_total;
    const double factor = monthly_exit_probability(yearly_exit) / yearly_exit;
    fit.monthly_factor[from] = factor;
    for (int to = 0; to < 3; ++to) {
      if (to == from) continue;
      ChainTransition t;
      t.from = RegionCondition(from);
      t.to = RegionCondition(to);
      t.events = fit.counts[from][to];
      t.at_risk = at_risk;
      t.yearly_mle = at_risk > 0 ? double(t.events) / at_risk : 0.0;
      t.yearly = beta_summary(t.events + kJeffreys, at_risk - t.events + 2 * kJeffreys, level);
      t.monthly = {t.yearly.mean * factor, t.yearly.sd * factor, t.yearly.low * factor,
                   t.yearly.high * factor};
      std::tie(t.beta_alpha, t.beta_beta) = beta_with_moments(t.monthly.mean, t.monthly.sd);
      fit.transitions.push_back(t);
    }
  }
}
}  // namespace

RegionChainFit fit_region_chain(std::span<const UcdpConflictYear> rows, UcdpRegion region,
                                ConflictTypeSet types, int first_year, int last_year, double level,
                                bool sole_region) {
  check_window(first_year, last_year, level);
  RegionChainFit fit;
  fit.region = region;
  fit.types = types;
  fit.first_year = first_year;
  fit.last_year = last_year;
  fit.sole_region = sole_region;
  fit_chain(fit, region_conditions(rows, region, types, first_year, last_year, sole_region), level);
  return fit;
}

std::vector<RegionCondition> conflict_conditions(std::span<const UcdpConflictYear> rows,
                                                 int conflict_id, int first_year, int last_year) {
  std::vector<RegionCondition> conditions(std::size_t(std::max(0, last_year - first_year + 1)),
                                          RegionCondition::calm);
  for (const auto& row : rows) {
    if (row.conflict_id != conflict_id || row.year < first_year || row.year > last_year) continue;
    auto& c = conditions[std::size_t(row.year - first_year)];
    c = std::max(c, row.intensity_level >= 2 ? RegionCondition::war : RegionCondition::minor);
  }
  return conditions;
}

RegionChainFit fit_conflict_chain(std::span<const UcdpConflictYear> rows, int conflict_id,
                                  int first_year, int last_year, double level) {
  check_window(first_year, last_year, level);
  RegionChainFit fit;
  fit.conflict_id = conflict_id;
  fit.first_year = first_year;
  fit.last_year = last_year;
  for (const auto& row : rows)
    if (row.conflict_id == conflict_id) {
      fit.types = row.type == UcdpConflictType::interstate ? ConflictTypeSet::interstate
                                                           : ConflictTypeSet::both;
      for (int r = 1; r <= 5; ++r)
        if (row.in_region(UcdpRegion(r))) fit.region = UcdpRegion(r);
    }
  fit_chain(fit, conflict_conditions(rows, conflict_id, first_year, last_year), level);
  return fit;
}

RegionChainFit fit_theatre_record(std::span<const UcdpConflictYear> rows,
                                  const TheatreRecord& record, int last_year, double level,
                                  int first_year) {
  const int first = std::max(record.first_year, first_year);
  if (record.conflict_id != 0) {
    RegionChainFit whole = fit_conflict_chain(rows, record.conflict_id, first, last_year, level);
    if (!record.onset_from_current_spell) return whole;
    int last_war = 0;
    for (const auto& row : rows)
      if (row.conflict_id == record.conflict_id && row.intensity_level >= 2 && row.year >= first &&
          row.year <= last_year)
        last_war = std::max(last_war, row.year);
    if (last_war == 0 || last_war + 1 >= last_year) return whole;
    const RegionChainFit spell =
        fit_conflict_chain(rows, record.conflict_id, last_war + 1, last_year, level);
    for (auto& t : whole.transitions)
      if (t.from != RegionCondition::war) t = spell.transition(t.from, t.to);
    whole.spell_first_year = last_war + 1;
    return whole;
  }
  return fit_region_chain(rows, record.region, record.types, first, last_year, level,
                          record.sole_region);
}

std::vector<TheatrePrior> theatre_priors(const RegionChainFit& fit, const TheatreRecord& record) {
  using C = RegionCondition;
  std::vector<TheatrePrior> priors;
  for (const auto& t : fit.transitions) {
    TheatrePrior prior{t.from, t.to, t, "fitted: the record's own transition"};
    const bool crisis_path =
        (t.from == C::calm && t.to == C::minor) || (t.from == C::minor && t.to == C::calm);
    if (record.conflict_id != 0 && crisis_path) {
      prior.fitted.reset();
      prior.note = "not identified: crises without fighting are not in UCDP; assumption";
    } else if (record.conflict_id != 0 && t.from == C::minor && t.to == C::war &&
               fit.transition(C::calm, C::war).identified()) {
      prior.fitted = fit.transition(C::calm, C::war);
      prior.note = fit.spell_first_year != 0
                       ? "fitted: the current peace spell's calm->war (yearly data cannot see the "
                         "crisis)"
                       : "fitted: the record's calm->war (yearly data cannot see the crisis)";
    } else if (!t.identified()) {
      prior.fitted.reset();
      prior.note = "not identified: the record has no year in this condition; assumption";
    } else if (fit.spell_first_year != 0 && t.from != C::war) {
      prior.note = "fitted: the current peace spell (years after the last war year)";
    }
    priors.push_back(prior);
  }
  return priors;
}

ConflictLevelRates conflict_level_rates(std::span<const UcdpConflictYear> rows, UcdpRegion region,
                                        ConflictTypeSet types, int first_year, int last_year,
                                        double level) {
  check_window(first_year, last_year, level);
  // Highest intensity per conflict-year (0 = inactive), for the conflicts that count here.
  std::map<std::pair<int, int>, int> intensity;
  for (const auto& row : rows) {
    if (row.year < first_year || row.year > last_year || !counts(row, region, types)) continue;
    auto& value = intensity[{row.conflict_id, row.year}];
    value = std::max(value, row.intensity_level);
  }
  const auto at = [&](int id, int year) {
    const auto found = intensity.find({id, year});
    return found == intensity.end() ? 0 : found->second;
  };
  ConflictLevelRates r;
  r.region_years = last_year - first_year;  // years with a previous year in the window
  for (const auto& [key, value] : intensity) {
    const auto [id, year] = key;
    if (year > first_year) {
      const int before = at(id, year - 1);
      r.war_onsets += value == 2 && before < 2;
      r.minor_onsets += value == 1 && before == 0;
    }
    if (year < last_year) {
      const int after = at(id, year + 1);
      if (value == 2) {
        ++r.war_years_at_risk;
        r.war_terminations += after < 2;
      } else {
        ++r.minor_years_at_risk;
        r.escalations += after == 2;
      }
    }
  }
  r.war_onset_rate = jeffreys_poisson_rate(r.war_onsets, r.region_years, level);
  r.minor_onset_rate = jeffreys_poisson_rate(r.minor_onsets, r.region_years, level);
  r.termination = beta_summary(r.war_terminations + kJeffreys,
                               r.war_years_at_risk - r.war_terminations + kJeffreys, level);
  r.escalation = beta_summary(r.escalations + kJeffreys,
                              r.minor_years_at_risk - r.escalations + kJeffreys, level);
  return r;
}

}  // namespace linchpin::analytics
