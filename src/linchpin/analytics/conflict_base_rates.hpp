#pragma once
// Base rates of armed conflict by region from the UCDP/PRIO conflict-year data, and their
// conversion to the monthly calm / crisis / war chain of the theatres mechanism. Documented in
// docs/models/theatres.md.
//
// Region-year condition (for one region and a set of conflict types): war if any conflict of
// those types located in the region reaches intensity 2 (1,000+ battle-related deaths) that year,
// minor if some conflict is active (25-999 deaths) but none at war, calm if none is active.
// Yearly transitions between consecutive years are counted per origin condition (region-years at
// risk) and estimated with the Jeffreys prior of the multinomial row, Dirichlet(1/2, 1/2, 1/2):
// the posterior of one transition probability is beta(x + 1/2, n - x + 1).
#include <array>
#include <optional>
#include <span>
#include <vector>

#include "linchpin/analytics/data/ucdp_reader.hpp"

namespace linchpin::analytics {

enum class ConflictTypeSet { interstate, internationalised, both };
inline constexpr std::array<EnumName<ConflictTypeSet>, 3> kConflictTypeSetNames{{
    {ConflictTypeSet::interstate, "interstate"},
    {ConflictTypeSet::internationalised, "internationalised"},
    {ConflictTypeSet::both, "both"},
}};

bool conflict_type_in_set(UcdpConflictType type, ConflictTypeSet set);

enum class RegionCondition { calm, minor, war };
inline constexpr std::array<EnumName<RegionCondition>, 3> kRegionConditionNames{{
    {RegionCondition::calm, "calm"},
    {RegionCondition::minor, "minor"},
    {RegionCondition::war, "war"},
}};

// The region's condition in each year first_year..last_year (index 0 = first_year). A conflict
// listing several regions counts in each, unless `sole_region`: then only conflicts listing
// this region alone count (the interstate wars that European governments fought elsewhere,
// e.g. Suez 1956, Afghanistan 2001, Iraq 2003, list Europe too).
std::vector<RegionCondition> region_conditions(std::span<const UcdpConflictYear> rows,
                                               UcdpRegion region, ConflictTypeSet types,
                                               int first_year, int last_year,
                                               bool sole_region = false);

struct PosteriorSummary {
  double mean = 0.0;
  double sd = 0.0;
  double low = 0.0;  // equal-tailed interval at the requested level
  double high = 0.0;
};

// Beta(a, b) mean, sd and equal-tailed interval.
PosteriorSummary beta_summary(double a, double b, double level);
// Posterior of a Poisson rate after `events` in `exposure` under the Jeffreys prior:
// gamma(events + 1/2, rate = exposure).
PosteriorSummary jeffreys_poisson_rate(int events, double exposure, double level);

// Monthly probability of leaving a state that is left within a year with probability q, if
// the monthly hazard is constant: 1 - (1 - q)^(1/12).
double monthly_exit_probability(double yearly_exit);

// Beta(alpha, beta) with the given mean and standard deviation (method of moments); throws
// linchpin::Error when the variance is not below mean (1 - mean).
std::pair<double, double> beta_with_moments(double mean, double sd);

struct ChainTransition {
  RegionCondition from = RegionCondition::calm;
  RegionCondition to = RegionCondition::calm;
  int events = 0;            // year pairs that went from -> to
  int at_risk = 0;           // year pairs starting in `from`
  double yearly_mle = 0.0;   // events / at_risk (0 when nothing is at risk)
  PosteriorSummary yearly;   // beta(events + 1/2, at_risk - events + 1)
  PosteriorSummary monthly;  // yearly scaled by the origin's monthly/yearly exit factor
  double beta_alpha = 0.0;   // beta with the monthly posterior's mean and sd (for scenarios)
  double beta_beta = 0.0;
  bool identified() const { return at_risk > 0; }
};

struct RegionChainFit {
  UcdpRegion region = UcdpRegion::europe;
  ConflictTypeSet types = ConflictTypeSet::both;
  int conflict_id = 0;       // non-zero: the chain of that one conflict instead of the whole region
  bool sole_region = false;  // only conflicts located in this region alone
  int first_year = 0;
  int last_year = 0;
  std::array<int, 3> years_in{};               // region-years in each condition
  std::array<std::array<int, 3>, 3> counts{};  // yearly transitions [from][to]
  std::array<double, 3> monthly_factor{};      // monthly exit / yearly exit, per origin
  std::vector<ChainTransition> transitions;    // the six off-diagonal ones, from-major
  // Non-zero when onsets were fitted on the current peace spell only (TheatreRecord): its first
  // year; transitions out of war come from the whole record.
  int spell_first_year = 0;

  const ChainTransition& transition(RegionCondition from, RegionCondition to) const;
};

// Yearly -> monthly: from origin i the yearly exit probability q_i (posterior mean) becomes the
// monthly one 1 - (1 - q_i)^(1/12), shared among targets in the yearly proportions; each
// transition's posterior is scaled by the same factor. Moves through an intermediate condition
// within one year count as a direct move (yearly data cannot see them).
RegionChainFit fit_region_chain(std::span<const UcdpConflictYear> rows, UcdpRegion region,
                                ConflictTypeSet types, int first_year, int last_year,
                                double level = 0.9, bool sole_region = false);

// The same chain for one conflict (e.g. UCDP 232, China-Taiwan): its condition each year is its
// own intensity (calm when it has no row). Region and type filters still apply.
std::vector<RegionCondition> conflict_conditions(std::span<const UcdpConflictYear> rows,
                                                 int conflict_id, int first_year, int last_year);
RegionChainFit fit_conflict_chain(std::span<const UcdpConflictYear> rows, int conflict_id,
                                  int first_year, int last_year, double level = 0.9);

// Which record feeds each theatre of the Korea scenarios (docs/models/theatres.md, "Mapping").
struct TheatreRecord {
  const char* theatre_id;
  UcdpRegion region;
  ConflictTypeSet types;
  int conflict_id;   // 0: the whole region; otherwise that conflict's own record
  int first_year;    // first year of the record (the conflict's first year for one conflict)
  bool sole_region;  // region records: leave out conflicts that list other regions too
  // Onsets (transitions out of calm and minor conflict) from the current peace spell only: the
  // years after the record's last war year. A single dyad whose wars all came decades ago has a
  // much lower onset hazard now than its whole-record average (duration dependence: Beck, Katz &
  // Tucker 1998); terminations still come from the whole record (the spell has no war years).
  bool onset_from_current_spell = false;
};
// UCDP conflict 232 "China, Taiwan" (interstate): war-intensity years 1949, 1954 and 1958.
inline constexpr int kChinaTaiwanConflict = 232;
inline constexpr std::array<TheatreRecord, 3> kTheatreRecords{{
    // Europe alone: the multi-region conflicts listing Europe are wars European governments
    // fought elsewhere (Suez, Bizerte, the Falklands, Afghanistan, Iraq) plus Cyprus 1974.
    {"europe", UcdpRegion::europe, ConflictTypeSet::both, 0, 1946, true, false},
    // The Middle East keeps them: Suez 1956 and Iraq 2003 were fought there.
    {"middle-east", UcdpRegion::middle_east, ConflictTypeSet::both, 0, 1946, false, false},
    {"taiwan-strait", UcdpRegion::asia, ConflictTypeSet::interstate, kChinaTaiwanConflict, 1949,
     false, true},
}};

// Fits a theatre's record (region-wide or one conflict) from the later of its first year and
// `first_year` (a sensitivity window) up to last_year.
RegionChainFit fit_theatre_record(std::span<const UcdpConflictYear> rows,
                                  const TheatreRecord& record, int last_year, double level = 0.9,
                                  int first_year = 0);

// A theatre transition (theatre conditions calm / crisis / war map to calm / minor / war) and
// the fitted chain transition that supplies its prior, or none where UCDP cannot identify it
// (crises without fighting): that transition stays a documented assumption.
struct TheatrePrior {
  RegionCondition from = RegionCondition::calm;
  RegionCondition to = RegionCondition::calm;
  std::optional<ChainTransition> fitted;
  const char* note = "";
};

// The six theatre transitions for a record's fit. Region-wide records: each transition is the
// chain's own (none when the record has no year in the origin condition). One-conflict records
// (Taiwan Strait): calm -> crisis and crisis -> calm are not identified (the theatre's crises are
// exercises without fighting); crisis -> war takes the record's calm -> war prior, since yearly
// data cannot tell whether a war year followed a crisis within the year (so the onset hazard is the
// fitted one in both non-war conditions).
std::vector<TheatrePrior> theatre_priors(const RegionChainFit& fit, const TheatreRecord& record);

// Conflict-level counts in one region (a conflict counts in every region it lists), for the
// years first_year..last_year; a conflict's previous year is the calendar year before.
struct ConflictLevelRates {
  int region_years = 0;
  int war_onsets = 0;           // conflict-years at intensity 2 not at intensity 2 the year before
  int minor_onsets = 0;         // conflict-years at intensity 1, inactive the year before
  int war_years_at_risk = 0;    // war-years with a following year in the window
  int war_terminations = 0;     // ... followed by a year below war intensity or inactive
  int minor_years_at_risk = 0;  // minor-years with a following year in the window
  int escalations = 0;          // ... followed by a war-year
  PosteriorSummary war_onset_rate;    // per region-year (gamma)
  PosteriorSummary minor_onset_rate;  // per region-year (gamma)
  PosteriorSummary termination;       // per war-year (beta, Jeffreys)
  PosteriorSummary escalation;        // per minor-year (beta, Jeffreys)
};

ConflictLevelRates conflict_level_rates(std::span<const UcdpConflictYear> rows, UcdpRegion region,
                                        ConflictTypeSet types, int first_year, int last_year,
                                        double level = 0.9);

}  // namespace linchpin::analytics
