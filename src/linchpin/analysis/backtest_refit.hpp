#pragma once
// Refits for the rolling-origin backtest (docs/analysis/backtest.md): every fitted quantity of a
// scenario is refit on the data before the forecast origin and written into a copy of the
// scenario definition. A refit is a named function of (definition, data, origin); the backtest
// applies a list of them, so a new fitted process (say a regime-switching launch model) plugs in
// by adding its refit to the list.
#include <functional>
#include <string>
#include <vector>

#include "linchpin/analysis/backtest.hpp"
#include "linchpin/analytics/episode_record.hpp"
#include "linchpin/analytics/regime_count_model.hpp"
#include "linchpin/scenario/scenario.hpp"

namespace linchpin::analysis {

// What a refit may use: data up to December of origin - 1 only.
struct RefitData {
  const HistoricalRecord* record = nullptr;            // the yearly record
  const analytics::EpisodeRecord* episodes = nullptr;  // may be null: alliance refits then skip
  std::vector<BacktestSeries> series;                  // record column <-> simulated events
  // Regime refit: the yearly record the regime processes were fitted on (columns named like the
  // series of each process, data/history/dprk_launch_record.csv); empty = the refit skips.
  std::string regime_record_path;
  // Crisis refit: the shared data folder (COW MID 5.0, NMC 6.0) and the project-coded MIDs;
  // an empty folder = the refit skips (the project must run without the shared data).
  std::string mid_data_folder;
  std::string project_mids_path;
};

// Changes `definition` in place for `origin` and says what it did (one line per quantity, for the
// report); an empty result means the refit did not apply to this scenario.
using RefitFunction = std::function<std::vector<std::string>(ScenarioDefinition& definition,
                                                             const RefitData& data, int origin)>;

struct Refit {
  std::string name;
  std::string description;
  RefitFunction apply;
};

// The refits implemented now: plain event-process rates, the regime-switching processes (with
// the chain reset at the origin), the deterrence mechanism's MID fit and crisis game, the
// alliance hazards.
std::vector<Refit> default_refits();

// The options the Korea scenarios' regime fits used (`linchpin data fit-regimes` defaults:
// 2 regimes, negative binomial, one pseudo-transition per cell); no bootstrap, as the scenario
// ranges come from the complete-data standard errors.
analytics::RegimeFitOptions scenario_regime_fit_options();

// Hindcast (not a refit of a fitted quantity, but applied the same way): the US and ROK
// presidents follow the real administrations of data/leaders (party by lineage, coded stances;
// uncoded dimensions are drawn from the party) instead of simulated elections. Legislatures,
// Japan's prime minister and theatre states are not replayed. Needs data.episodes.
Refit hindcast_leaders_refit();

// The scenario party of a recorded party code: the same code, or its lineage (ROK: DJP, DLP,
// GNP, SAENURI, PPP, NKP, LKP -> GNP; NCNP, MDP, DPK, URI, UNDP, UDP -> NCNP;
// data/leaders/README.md). -1 when the system has no matching party.
int replay_party_index(const PoliticalSystem& system, const std::string& code);

// A copy of `scenario`'s definition with every refit applied for `origin`, its horizon cut to
// December of `last_year` and a source `backtest-refit-<origin>` the refit quantities cite.
struct RefitScenario {
  Scenario scenario;
  std::vector<std::string> changes;  // "refit name: what"
};
RefitScenario refit_scenario(const Scenario& scenario, const std::vector<Refit>& refits,
                             const RefitData& data, int origin, int last_year);

// Jeffreys posterior of a Poisson rate after `events` in `exposure` periods: Gamma(events + 1/2,
// rate exposure). Scenario quantities have no gamma kind, so it is carried as the triangular
// distribution with the posterior's mode and the same mean and variance (the lower end is
// clamped at 0 when the posterior is too skewed for that; the variance is then smaller).
Quantity jeffreys_rate_as_triangular(double events, double exposure, const std::string& source);

// The same posterior on the log scale, for log-rate parameters: a normal with the log-normal
// moments of the gamma (sd^2 = log(1 + 1/shape), mean log(posterior mean) - sd^2 / 2, so the
// rate's mean and variance are the posterior's), truncated to [low, high].
Quantity jeffreys_log_rate_as_normal(double events, double exposure, double low, double high,
                                     const std::string& source);

// Sum of a record column over years [first, last] and the number of years with a value.
struct ColumnTotal {
  double total = 0.0;
  int years = 0;
};
ColumnTotal record_total(const HistoricalRecord& record, const std::string& column, int first,
                         int last);

}  // namespace linchpin::analysis
