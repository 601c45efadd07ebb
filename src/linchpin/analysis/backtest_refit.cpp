#include "linchpin/analysis/backtest_refit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "linchpin/analysis/crisis_record_fit.hpp"
#include "linchpin/analytics/alliance_calibration.hpp"
#include "linchpin/analytics/data/year_count_reader.hpp"

namespace linchpin::analysis {

namespace {

std::string source_id(int origin) {
  return fmt::format("backtest-refit-{}", origin);
}

MechanismSection* section_of(ScenarioDefinition& definition, const std::string& name) {
  for (auto& section : definition.mechanisms)
    if (section.name == name) return &section;
  return nullptr;
}

// Replaces (or adds) a mechanism parameter, keeping the key path that keys its random stream.
void set_parameter(MechanismSection& section, const std::string& name, Quantity quantity) {
  const auto it = section.parameters.find(name);
  if (it != section.parameters.end()) {
    quantity.key_path = it->second.key_path;
    quantity.location = it->second.location;
  } else {
    // A new parameter: the key path the loader would have given it (a sibling's prefix).
    quantity.key_path = fmt::format("mechanisms.{}.parameters.{}", section.name, name);
    for (const auto& [other, q] : section.parameters)
      if (q.key_path.size() > other.size() &&
          q.key_path.compare(q.key_path.size() - other.size(), other.size(), other) == 0) {
        quantity.key_path =
            fmt::format("{}{}", q.key_path.substr(0, q.key_path.size() - other.size()), name);
        break;
      }
  }
  section.parameters[name] = std::move(quantity);
}

int first_record_year(const HistoricalRecord& record) {
  return record.empty() ? 0 : record.begin()->first;
}

std::vector<std::string> refit_event_rates(ScenarioDefinition& definition, const RefitData& data,
                                           int origin) {
  std::vector<std::string> changes;
  if (data.record == nullptr) return changes;
  for (const auto& series : data.series) {
    if (!series.sum_magnitude || series.event_kind.rfind("event.", 0) != 0) continue;
    const std::string id = series.event_kind.substr(6);
    for (auto& process : definition.event_processes) {
      // Regime-driven and modulated processes have no plain rate (the regime refit's).
      if (process.id != id || !process.regimes.empty() || process.modulated_by >= 0) continue;
      const auto total =
          record_total(*data.record, series.column, first_record_year(*data.record), origin - 1);
      if (total.years == 0) continue;
      const double months = 12.0 * total.years;
      Quantity rate = jeffreys_rate_as_triangular(total.total, months, source_id(origin));
      rate.key_path = process.rate_per_month.key_path;
      rate.location = process.rate_per_month.location;
      rate.unit = process.rate_per_month.unit;
      process.rate_per_month = rate;
      changes.push_back(fmt::format("{} rate_per_month: {:g} events in {:g} months -> {}", id,
                                    total.total, months, rate.describe()));
    }
  }
  return changes;
}

// The column of the series counting a process's events, or "" when none does.
std::string series_column(const RefitData& data, const std::string& process_id) {
  for (const auto& series : data.series)
    if (series.sum_magnitude && series.event_kind == "event." + process_id) return series.column;
  return {};
}

Quantity triangular(double low, double mode, double high, const std::string& source,
                    const Quantity& old) {
  Quantity q;
  q.kind = DistributionKind::triangular;
  q.low = low;
  q.mode = mode;
  q.high = high;
  q.source = source;
  q.unit = old.unit;
  q.key_path = old.key_path;
  q.location = old.location;
  return q;
}

Quantity constant_like(double value, const std::string& source, const Quantity& old) {
  Quantity q = Quantity::constant(value, source);
  q.unit = old.unit;
  q.note = old.note;
  q.key_path = old.key_path;
  q.location = old.location;
  return q;
}

// The 2-regime launch chain and the processes modulated by it, refit on the record before the
// origin the way `linchpin data fit-regimes` writes them into the scenarios
// (docs/models/event_processes.md): rates = yearly means / 12 with 90% complete-data ranges,
// NB sizes, switches = the 12th root of the yearly matrix with ranges, initial probabilities
// filtered at December before the start and propagated a month; plus the reset at the origin.
std::vector<std::string> refit_regime_processes(ScenarioDefinition& definition,
                                                const RefitData& data, int origin) {
  using namespace analytics;
  std::vector<std::string> changes;
  if (data.regime_record_path.empty()) return changes;
  const std::string source = source_id(origin);
  const Month start = definition.info.start.to_month();
  for (std::size_t index = 0; index < definition.event_processes.size(); ++index) {
    auto& process = definition.event_processes[index];
    if (process.regimes.size() != 2) continue;
    const std::string column = series_column(data, process.id);
    if (column.empty()) continue;
    const auto record = read_year_counts(data.regime_record_path, column).require_clean().records;
    const auto fit = fit_regime_count_model(record, origin - 1, scenario_regime_fit_options());
    const auto& m = fit.model;
    const auto monthly = monthly_transition(m.transition);
    std::vector<int> counts;
    for (const auto& row : record)
      if (row.year >= fit.first_year && row.year <= fit.last_year) counts.push_back(row.count);
    // Initial regime: filtered at December before the start, one month ahead.
    const int filter_year = start.month_of_year() == 1 ? start.year() - 1 : start.year();
    std::vector<double> initial = stationary_distribution(monthly);
    if (filter_year >= fit.first_year && filter_year <= fit.last_year)
      initial = propagate(
          monthly,
          forward_filter(m, std::vector<int>(counts.begin(),
                                             counts.begin() + (filter_year - fit.first_year + 1)))
              .filtered.back(),
          1);
    for (std::size_t i = 0; i < 2; ++i) {
      auto& regime = process.regimes[i];
      const auto rate = regime_rate_range(fit, i);
      regime.rate_per_month = triangular(rate.low / 12.0, rate.estimate / 12.0, rate.high / 12.0,
                                         source, regime.rate_per_month);
      if (regime.dispersion_per_year)
        regime.dispersion_per_year = constant_like(m.size[i], source, *regime.dispersion_per_year);
      regime.initial_probability = constant_like(initial[i], source, regime.initial_probability);
      const std::size_t j = 1 - i;
      const double p = m.transition[i][j];
      const auto leave = regime_switch_range(fit, i);
      for (auto& [to, probability] : regime.switch_per_month) {
        if (std::size_t(to) != j) continue;
        probability = triangular(leave.low, leave.estimate, leave.high, source, probability);
      }
      changes.push_back(fmt::format(
          "{} regime {}: {:.3f} events/year (NB size {:.3g}), P(leave) {:.4f}/year, initial {:.4f}"
          " (fit {}-{})",
          process.id, regime.id, m.mean[i], m.size[i], p, initial[i], fit.first_year,
          fit.last_year));
    }
    // Conditioning on the record: the chain is redrawn in January of the origin from the
    // filtered probabilities at December of origin - 1, one month ahead.
    const int reset = Month::from_year_month(origin, 1).index() - start.index();
    if (reset >= 1) {
      process.regime_reset_month = reset;
      process.regime_reset_probabilities = propagate(monthly, fit.filtered_last, 1);
      changes.push_back(fmt::format("{} regime reset in {}-01: P(regimes) {:.4f} {:.4f}",
                                    process.id, origin, process.regime_reset_probabilities[0],
                                    process.regime_reset_probabilities[1]));
    }
    for (auto& follower : definition.event_processes) {
      if (follower.modulated_by != int(index)) continue;
      const std::string follower_column = series_column(data, follower.id);
      if (follower_column.empty()) continue;
      const auto second =
          read_year_counts(data.regime_record_path, follower_column).require_clean().records;
      std::vector<int> second_counts;
      for (const auto& row : second)
        if (row.year >= fit.first_year && row.year <= fit.last_year)
          second_counts.push_back(row.count);
      if (second_counts.size() != counts.size())
        throw_input_error({data.regime_record_path, 1, 1}, follower_column,
                          "the modulated column must be counted in every fitted year");
      const auto rates = modulated_poisson_rates(fit.smoothed, second_counts);
      for (std::size_t i = 0; i < 2 && i < follower.rate_per_regime.size(); ++i) {
        double years = 0.0;
        for (const auto& row : fit.smoothed) years += row[i];
        const auto rate = modulated_rate_range(fit, rates, i);
        follower.rate_per_regime[i] =
            triangular(rate.low / 12.0, rate.estimate / 12.0, rate.high / 12.0, source,
                       follower.rate_per_regime[i]);
        changes.push_back(fmt::format("{} in regime {}: {:.4f}/year ({:.2f} regime-years)",
                                      follower.id, process.regimes[i].id, rates[i], years));
      }
    }
  }
  return changes;
}

// The deterrence mechanism's MID onset rate, shares and crisis game, refit on the Korean MIDs
// 1953..origin - 1 by the same code as `linchpin data fit-crisis-game --last-year origin - 1`.
std::vector<std::string> refit_crisis_record(ScenarioDefinition& definition, const RefitData& data,
                                             int origin) {
  std::vector<std::string> changes;
  if (data.mid_data_folder.empty()) return changes;
  auto* section = section_of(definition, "deterrence");
  if (section == nullptr || !section->enabled) return changes;
  const auto fit = fit_crisis_record(data.mid_data_folder, data.project_mids_path, origin - 1);
  for (auto [name, q] : fit.parameters) {
    q.source = source_id(origin);
    changes.push_back(fmt::format("deterrence.{} -> {}", name, q.describe()));
    set_parameter(*section, name, std::move(q));
  }
  changes.push_back(fmt::format("{} Korean MIDs {}-{} ({} use of force, {} fatal)",
                                fit.mid_fit.counts.onsets, fit.mid_fit.counts.first_year,
                                fit.mid_fit.counts.last_year, fit.mid_fit.counts.use_of_force,
                                fit.mid_fit.counts.fatal));
  return changes;
}

std::vector<std::string> refit_alliance_hazards(ScenarioDefinition& definition,
                                                const RefitData& data, int origin) {
  std::vector<std::string> changes;
  if (data.episodes == nullptr) return changes;
  struct Target {
    const char* fit;
    const char* mechanism;
    const char* intercept;
    const char* slope;
  };
  static const Target kTargets[] = {
      {"force_posture.withdrawal_announcement", "force_posture", "announcement_intercept",
       "announcement_slope"},
      {"force_posture.withdrawal_threat", "force_posture", "threat_intercept", "threat_slope"},
      {"exercises.suspension", "exercises", "suspension_intercept", "suspension_slope"},
      {"trilateral.lapse", "trilateral", "lapse_intercept", "lapse_slope"},
      {"trade_coercion.coercion", "trade_coercion", "coercion_intercept", "coercion_slope"},
  };
  const auto fits =
      analytics::calibrate_alliance_hazards(*data.episodes, Month::from_year_month(origin - 1, 12));
  for (const auto& target : kTargets) {
    auto* section = section_of(definition, target.mechanism);
    if (section == nullptr || !section->enabled) continue;
    const auto fit =
        std::find_if(fits.begin(), fits.end(), [&](const auto& c) { return c.name == target.fit; });
    if (fit == fits.end()) continue;
    const char* names[2] = {target.intercept, target.slope};
    for (int i = 0; i < 2; ++i) {
      Quantity q;
      q.kind = DistributionKind::normal;
      q.mean = fit->fit.coefficients[std::size_t(i)];
      q.sd = std::max(1e-6, fit->fit.standard_errors[std::size_t(i)]);
      q.source = source_id(origin);
      // Keep the scenario's truncation bounds where it gives them; otherwise +/- 5 sd.
      const auto old = section->parameters.find(names[i]);
      q.has_low = q.has_high = true;
      q.low = q.mean - 5.0 * q.sd;
      q.high = q.mean + 5.0 * q.sd;
      if (old != section->parameters.end() && old->second.kind == DistributionKind::normal) {
        if (old->second.has_low) q.low = std::min(old->second.low, q.mean);
        if (old->second.has_high) q.high = std::max(old->second.high, q.mean);
      }
      changes.push_back(fmt::format("{}.{}: {:g} events in {:g} months ({}) -> {}",
                                    target.mechanism, names[i], fit->fit.events,
                                    fit->fit.exposure_months, fit->window, q.describe()));
      set_parameter(*section, names[i], std::move(q));
    }
  }
  return changes;
}

std::vector<std::string> replay_leaders(ScenarioDefinition& definition, const RefitData& data,
                                        int) {
  std::vector<std::string> changes;
  if (data.episodes == nullptr) return changes;
  const auto replay = [&](const std::string& actor_id,
                          const std::vector<analytics::LeaderTerm>& terms) {
    for (auto& system : definition.politics.systems) {
      if (definition.actors[std::size_t(system.actor)].id != actor_id) continue;
      for (auto& office : system.offices) {
        if (office.kind != OfficeKind::executive) continue;
        office.replay.clear();
        for (const auto& term : terms) {
          // Terms that ended before the scenario starts cannot matter.
          if (term.end && *term.end < definition.info.start.to_month()) continue;
          ReplayedTerm replayed;
          replayed.start = CalendarDate{term.start.year(), term.start.month_of_year(), 0};
          replayed.leader = term.leader;
          replayed.party = replay_party_index(system, term.party);
          if (replayed.party < 0)
            throw_input_error({"data/leaders", 0, 0}, fmt::format("{}.{}", actor_id, term.leader),
                              fmt::format("party '{}' has no party in the scenario's {} system",
                                          term.party, actor_id));
          for (const auto& dimension : definition.politics.stance_dimensions) {
            const auto it = term.stances.find(dimension.id);
            replayed.stances.push_back(it == term.stances.end() ? std::nullopt
                                                                : std::optional(it->second));
          }
          office.replay.push_back(std::move(replayed));
        }
        changes.push_back(fmt::format("{} {}: {} administrations replayed", actor_id, office.id,
                                      office.replay.size()));
      }
    }
  };
  replay("USA", data.episodes->us_terms);
  replay("ROK", data.episodes->rok_terms);
  return changes;
}

}  // namespace

int replay_party_index(const PoliticalSystem& system, const std::string& code) {
  const auto find = [&](const std::string& id) {
    for (std::size_t p = 0; p < system.parties.size(); ++p)
      if (system.parties[p].id == id) return int(p);
    return -1;
  };
  if (const int direct = find(code); direct >= 0) return direct;
  static const std::map<std::string, std::string> kLineage = {
      {"DJP", "GNP"},  {"DLP", "GNP"},   {"SAENURI", "GNP"}, {"PPP", "GNP"},
      {"NKP", "GNP"},  {"LKP", "GNP"},   {"MDP", "NCNP"},    {"DPK", "NCNP"},
      {"URI", "NCNP"}, {"UNDP", "NCNP"}, {"UDP", "NCNP"},
  };
  const auto it = kLineage.find(code);
  return it == kLineage.end() ? -1 : find(it->second);
}

Refit hindcast_leaders_refit() {
  return {"hindcast_leaders",
          "Hindcast: US and ROK presidents follow the real administrations of data/leaders (party "
          "by lineage, coded stances) instead of simulated elections; legislatures, Japan's prime "
          "minister and theatres are not replayed",
          replay_leaders};
}

std::vector<Refit> default_refits() {
  return {
      {"event_rates",
       "Event-process rates (record columns of the event.* series): Jeffreys posterior "
       "Gamma(n + 1/2, months) of the monthly rate from the record years before the origin",
       refit_event_rates},
      {"regime_processes",
       "Regime-switching processes (data/history/dprk_launch_record.csv 1984..origin - 1, "
       "`linchpin data fit-regimes` options): regime rates, NB sizes, monthly switches, the "
       "modulated process's rates per regime; the chain is redrawn in January of the origin from "
       "the filtered probabilities at December of origin - 1 propagated a month",
       refit_regime_processes},
      {"crisis_record",
       "Deterrence MID fit and crisis game on the Korean MIDs 1953..origin - 1 (COW MID 5.0 + "
       "data/history/korea_mids_2015_2025.csv, NMC 6.0; `linchpin data fit-crisis-game "
       "--last-year origin - 1`): onset rate, fatal and display shares, QRE precision, clash cost, "
       "escalation probability",
       refit_crisis_record},
      {"alliance_hazards",
       "Alliance hazards (force_posture, exercises, trilateral, trade_coercion intercept/slope): "
       "penalised Poisson fits on data/episodes x data/leaders with cut-off December of origin - 1",
       refit_alliance_hazards},
  };
}

analytics::RegimeFitOptions scenario_regime_fit_options() {
  analytics::RegimeFitOptions options;
  options.regimes = 2;
  options.distribution = analytics::CountDistribution::negative_binomial;
  options.transition_pseudo_count = 1.0;
  options.bootstrap_replicates = 0;
  return options;
}

RefitScenario refit_scenario(const Scenario& scenario, const std::vector<Refit>& refits,
                             const RefitData& data, int origin, int last_year) {
  auto definition = std::make_shared<ScenarioDefinition>(scenario.definition());
  Source source;
  source.id = source_id(origin);
  source.kind = SourceKind::dataset;
  source.citation = fmt::format(
      "Backtest refit at origin {}: data/history/korea_events_yearly.csv rows up to {} and "
      "data/episodes x data/leaders months up to {}-12 (docs/analysis/backtest.md)",
      origin, origin - 1, origin - 1);
  definition->sources.push_back(source);
  std::vector<std::string> changes;
  for (const auto& refit : refits)
    for (auto& change : refit.apply(*definition, data, origin))
      changes.push_back(fmt::format("{}: {}", refit.name, change));
  const Month start = definition->info.start.to_month();
  const Month end = Month::from_year_month(last_year, 12);
  definition->info.horizon_months =
      std::max(1, std::min(definition->info.horizon_months, end.index() - start.index()));
  return {Scenario(std::move(definition)), std::move(changes)};
}

Quantity jeffreys_rate_as_triangular(double events, double exposure, const std::string& source) {
  const double shape = events + 0.5;
  const double mean = shape / exposure;
  const double variance = shape / (exposure * exposure);
  const double mode = std::max(0.0, (shape - 1.0) / exposure);
  // Triangular mean (l + m + h) / 3 and variance (l^2 + m^2 + h^2 - lm - lh - mh) / 18 with
  // l + h = S = 3 mean - m: 3 l^2 - 3 S l + S^2 + m^2 - m S - 18 variance = 0, lower root.
  const double sum = 3.0 * mean - mode;
  const double c = sum * sum + mode * mode - mode * sum - 18.0 * variance;
  const double discriminant = 9.0 * sum * sum - 12.0 * c;
  double low = discriminant >= 0.0 ? (3.0 * sum - std::sqrt(discriminant)) / 6.0 : 0.0;
  if (!(low >= 0.0) || low > mode) low = 0.0;
  const double high = sum - low;
  Quantity q;
  q.kind = DistributionKind::triangular;
  q.low = low;
  q.mode = std::min(mode, high);
  q.high = high;
  q.source = source;
  q.note = fmt::format("Jeffreys posterior Gamma({:g}, {:g}) as a moment-matched triangular", shape,
                       exposure);
  return q;
}

Quantity jeffreys_log_rate_as_normal(double events, double exposure, double low, double high,
                                     const std::string& source) {
  const double shape = events + 0.5;
  const double variance = std::log1p(1.0 / shape);
  Quantity q;
  q.kind = DistributionKind::normal;
  q.sd = std::sqrt(variance);
  q.mean = std::clamp(std::log(shape / exposure) - variance / 2.0, low, high);
  q.has_low = q.has_high = true;
  q.low = low;
  q.high = high;
  q.source = source;
  q.note = fmt::format("log of the Jeffreys posterior Gamma({:g}, {:g}), log-normal moments", shape,
                       exposure);
  return q;
}

ColumnTotal record_total(const HistoricalRecord& record, const std::string& column, int first,
                         int last) {
  ColumnTotal out;
  for (const auto& [year, values] : record) {
    if (year < first || year > last) continue;
    const auto it = values.find(column);
    if (it == values.end()) continue;
    out.total += it->second;
    ++out.years;
  }
  return out;
}

}  // namespace linchpin::analysis
