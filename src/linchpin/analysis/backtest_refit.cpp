#include "linchpin/analysis/backtest_refit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "linchpin/analytics/alliance_calibration.hpp"

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
      if (process.id != id) continue;
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

std::vector<std::string> refit_crisis_intercept(ScenarioDefinition& definition,
                                                const RefitData& data, int origin) {
  std::vector<std::string> changes;
  if (data.record == nullptr) return changes;
  auto* section = section_of(definition, "deterrence");
  if (section == nullptr || !section->enabled) return changes;
  const auto total =
      record_total(*data.record, "korea_crises", first_record_year(*data.record), origin - 1);
  if (total.years == 0) return changes;
  const double months = 12.0 * total.years;
  // Bounds of the deterrence schema's crisis_intercept.
  Quantity q = jeffreys_log_rate_as_normal(total.total, months, -20.0, 0.0, source_id(origin));
  changes.push_back(fmt::format("deterrence.crisis_intercept: {:g} crises in {:g} months -> {}",
                                total.total, months, q.describe()));
  set_parameter(*section, "crisis_intercept", std::move(q));
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
      {"crisis_intercept",
       "Deterrence crisis_intercept: log of the Jeffreys posterior rate of Korea crises before the "
       "origin (log-normal moments)",
       refit_crisis_intercept},
      {"alliance_hazards",
       "Alliance hazards (force_posture, exercises, trilateral, trade_coercion intercept/slope): "
       "penalised Poisson fits on data/episodes x data/leaders with cut-off December of origin - 1",
       refit_alliance_hazards},
  };
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
