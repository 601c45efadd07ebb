#include "linchpin/analysis/pillar_ablation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/engine/simulation.hpp"
#include "linchpin/engine/trial_pool.hpp"
#include "linchpin/io/database.hpp"
#include "linchpin/scenario/scenario_json.hpp"

namespace linchpin::analysis {

std::vector<PillarVariant> default_pillar_variants() {
  return {
      {"baseline", "the scenario as given", {}},
      {"no_mdt",
       "without the Mutual Defense Treaty's obligation",
       {InstrumentKind::treaty_commitment}},
      {"no_unc", "without the Armistice / UN Command channel", {InstrumentKind::crisis_channel}},
      {"no_cfc", "without the Combined Forces Command", {InstrumentKind::combined_command}},
      {"no_pillars",
       "without all three",
       {InstrumentKind::treaty_commitment, InstrumentKind::crisis_channel,
        InstrumentKind::combined_command}},
  };
}

Scenario without_instruments(const Scenario& scenario, const std::vector<InstrumentKind>& kinds) {
  auto definition = std::make_shared<ScenarioDefinition>(scenario.definition());
  for (auto& alliance : definition->alliances) {
    std::erase_if(alliance.instruments, [&](const Instrument& instrument) {
      return std::find(kinds.begin(), kinds.end(), instrument.kind) != kinds.end();
    });
  }
  return Scenario(std::move(definition));
}

MeanInterval paired_mean_interval(const std::vector<double>& differences) {
  MeanInterval result;
  const double n = double(differences.size());
  if (differences.empty()) return result;
  double sum = 0.0;
  for (double d : differences) sum += d;
  result.mean = sum / n;
  if (differences.size() < 2) {
    result.low = result.high = result.mean;
    return result;
  }
  double squares = 0.0;
  for (double d : differences) squares += (d - result.mean) * (d - result.mean);
  const double se = std::sqrt(squares / (n - 1.0) / n);
  result.low = result.mean - 1.959963984540054 * se;
  result.high = result.mean + 1.959963984540054 * se;
  return result;
}

std::vector<std::string> default_compared_series_suffixes() {
  return {".credibility",    ".cohesion", ".abandonment_fear",
          ".public_support", ".tension",  ".troops"};
}

namespace {

bool has_suffix(const std::string& name, const std::string& suffix) {
  return name.size() >= suffix.size() &&
         name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Per-trial values of one variant: outcome indicators and horizon means of the compared series.
struct VariantValues {
  std::vector<std::string> outcome_names;
  std::vector<std::string> series_names;
  std::vector<std::vector<double>> outcomes;  // [outcome][trial]
  std::vector<std::vector<double>> series;    // [series][trial]
};

class HorizonMean final : public MonthObserver {
 public:
  explicit HorizonMean(const std::vector<std::size_t>& columns)
      : columns_(columns), sums_(columns.size(), 0.0) {}
  void observe(int, const std::vector<double>& values) override {
    for (std::size_t c = 0; c < columns_.size(); ++c) sums_[c] += values[columns_[c]];
    ++months_;
  }
  double mean(std::size_t c) const { return months_ > 0 ? sums_[c] / months_ : 0.0; }

 private:
  const std::vector<std::size_t>& columns_;
  std::vector<double> sums_;
  int months_ = 0;
};

VariantValues run_variant(const Scenario& scenario, std::uint64_t trials, std::uint64_t seed,
                          unsigned threads) {
  const Simulation simulation(scenario);
  VariantValues values;
  std::vector<std::size_t> columns;
  const auto suffixes = default_compared_series_suffixes();
  for (std::size_t m = 0; m < simulation.metrics().size(); ++m) {
    const auto& name = simulation.metrics()[m].spec.name;
    for (const auto& suffix : suffixes)
      if (has_suffix(name, suffix)) {
        columns.push_back(m);
        values.series_names.push_back(name);
        break;
      }
  }
  for (const auto& outcome : simulation.outcomes())
    values.outcome_names.push_back(outcome.spec.name);
  values.outcomes.assign(values.outcome_names.size(), std::vector<double>(trials, 0.0));
  values.series.assign(columns.size(), std::vector<double>(trials, 0.0));
  for_each_trial(trials, threads, [&](std::uint64_t trial) {
    HorizonMean observer(columns);
    const auto outcome = simulation.run_trial(seed, trial, false, observer);
    for (std::size_t o = 0; o < outcome.outcome_months.size(); ++o)
      values.outcomes[o][trial] = outcome.outcome_months[o] >= 0 ? 1.0 : 0.0;
    for (std::size_t c = 0; c < columns.size(); ++c) values.series[c][trial] = observer.mean(c);
  });
  return values;
}

void compare(const std::string& variant, const std::string& kind,
             const std::vector<std::string>& names,
             const std::vector<std::vector<double>>& base_values,
             const std::vector<std::string>& base_names,
             const std::vector<std::vector<double>>& variant_values,
             std::vector<PairedDifference>& out) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto it = std::find(base_names.begin(), base_names.end(), names[i]);
    if (it == base_names.end()) continue;
    const auto& base = base_values[std::size_t(it - base_names.begin())];
    const auto& mine = variant_values[i];
    std::vector<double> differences(mine.size());
    double base_sum = 0.0;
    double mine_sum = 0.0;
    for (std::size_t t = 0; t < mine.size(); ++t) {
      differences[t] = mine[t] - base[t];
      base_sum += base[t];
      mine_sum += mine[t];
    }
    const auto interval = paired_mean_interval(differences);
    const double n = double(std::max<std::size_t>(1, mine.size()));
    out.push_back({variant, names[i], kind, base_sum / n, mine_sum / n, interval.mean, interval.low,
                   interval.high});
  }
}

}  // namespace

PillarAblationResult run_pillar_ablation(const Scenario& scenario,
                                         const std::vector<PillarVariant>& variants,
                                         std::uint64_t trials, std::uint64_t seed,
                                         unsigned threads) {
  PillarAblationResult result;
  result.variants = variants;
  result.trials = trials;
  result.seed = seed;
  if (variants.empty() || trials == 0) return result;
  const auto baseline =
      run_variant(without_instruments(scenario, variants.front().removed), trials, seed, threads);
  for (std::size_t v = 1; v < variants.size(); ++v) {
    const auto values =
        run_variant(without_instruments(scenario, variants[v].removed), trials, seed, threads);
    compare(variants[v].name, "outcome", values.outcome_names, baseline.outcomes,
            baseline.outcome_names, values.outcomes, result.differences);
    compare(variants[v].name, "series_mean", values.series_names, baseline.series,
            baseline.series_names, values.series, result.differences);
  }
  return result;
}

void write_pillar_ablation(const std::string& path, const Scenario& scenario,
                           const PillarAblationResult& result, bool overwrite) {
  check_output_path(path, overwrite);
  prepare_database_path(path);
  Database db(path, false);
  db.execute("BEGIN");
  db.execute(
      "CREATE TABLE pillar_run (scenario TEXT, scenario_file TEXT, scenario_sha256 TEXT, "
      "resolved_scenario TEXT, "
      "seed INTEGER, trials INTEGER, engine_version TEXT, git_commit TEXT, created_utc TEXT)");
  db.execute(
      "CREATE TABLE pillar_variants (variant TEXT PRIMARY KEY, description TEXT, "
      "removed_instrument_kinds TEXT)");
  db.execute(
      "CREATE TABLE pillar_differences (variant TEXT, quantity TEXT, kind TEXT, baseline REAL, "
      "value REAL, "
      "difference REAL, low REAL, high REAL)");
  Statement run(db, "INSERT INTO pillar_run VALUES (?,?,?,?,?,?,?,?,?)");
  run.bind(1, scenario.info().name)
      .bind(2, scenario.definition().file)
      .bind(3, scenario.definition().sha256)
      .bind(4, scenario_to_json(scenario).dump())
      .bind(5, std::int64_t(result.seed))
      .bind(6, std::int64_t(result.trials))
      .bind(7, engine_version())
      .bind(8, engine_git_commit())
      .bind(9, utc_timestamp())
      .run();
  Statement variant(db, "INSERT INTO pillar_variants VALUES (?,?,?)");
  for (const auto& v : result.variants) {
    std::vector<std::string> kinds;
    for (auto kind : v.removed) kinds.emplace_back(enum_name(kInstrumentKindNames, kind));
    variant.bind(1, v.name)
        .bind(2, v.description)
        .bind(3, fmt::format("{}", fmt::join(kinds, ",")))
        .run();
  }
  Statement difference(db, "INSERT INTO pillar_differences VALUES (?,?,?,?,?,?,?,?)");
  for (const auto& d : result.differences)
    difference.bind(1, d.variant)
        .bind(2, d.quantity)
        .bind(3, d.kind)
        .bind(4, d.baseline)
        .bind(5, d.value)
        .bind(6, d.difference)
        .bind(7, d.low)
        .bind(8, d.high)
        .run();
  db.execute("COMMIT");
}

}  // namespace linchpin::analysis
