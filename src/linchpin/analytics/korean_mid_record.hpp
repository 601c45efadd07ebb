#pragma once
// The Korean militarized interstate disputes (MIDs) 1953-2025 under the COW MID coding: onsets
// in the ROK-DPRK (732-731) and USA-DPRK (2-731) dyads from COW MID 5.0 (which ends in 2014),
// continued by the project-coded file data/history/korea_mids_2015_2025.csv, and the rate and
// share fits the deterrence mechanism's scenarios use (docs/models/deterrence.md).
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "linchpin/analytics/data/csv_reader.hpp"
#include "linchpin/analytics/data/mid_reader.hpp"

namespace linchpin::analytics {

// One dispute, counted once however many Korean dyads and years it spans.
struct KoreanMid {
  std::string id;   // COW dispute number ("2244") or the project id ("P2015-1")
  int year = 0;     // onset year: the earliest onset year over the Korean dyads
  int hostlev = 0;  // highest hostility level: 2 threat, 3 display, 4 use of force, 5 war
  std::optional<int> fatality;  // highest MID fatality level (0 none, 1 = 1-25 deaths, ...);
                                // nullopt when unknown (-9)
  bool rok_dprk = false;        // the dispute involves the 732-731 dyad
  bool usa_dprk = false;        // ... the 2-731 dyad
  bool project_coded = false;

  bool use_of_force() const { return hostlev >= 4; }
  bool display_of_force() const { return hostlev >= 3; }
  bool war() const { return hostlev >= 5; }
  bool fatal() const { return fatality.value_or(0) >= 1; }
};

inline constexpr int kCowMidLastYear = 2014;      // COW MID 5.0 covers 1816-2014
inline constexpr int kKoreanMidFirstYear = 1953;  // the armistice year

// Korean MID onsets in [first_year, last_year] from COW MID dyad-year rows (either direction of
// the 732-731 and 2-731 dyads). The peacesciencer file keeps one dispute per dyad-year, so a
// dispute that began while another was ongoing in both Korean dyads is missing (see the docs).
// Sorted by year, then id.
std::vector<KoreanMid> korean_mids_from_cow(std::span<const MidDyadYear> rows, int first_year,
                                            int last_year);

// Reads the project-coded file (columns id, start_date, dyads, hostlev, highest_action, fatal,
// fatality_note, description, source_ids; dyads "732-731" and/or "2-731" separated by ';').
ReadResult<KoreanMid> read_project_mids(const std::string& path);

// COW onsets up to kCowMidLastYear followed by project-coded onsets after it; sorted by year.
std::vector<KoreanMid> korean_mid_series(std::span<const KoreanMid> cow,
                                         std::span<const KoreanMid> project);

// Counts over [first_year, last_year].
struct KoreanMidCounts {
  int first_year = 0;
  int last_year = 0;
  int onsets = 0;
  int display_of_force = 0;  // hostility level >= 3
  int use_of_force = 0;      // hostility level >= 4
  int fatal = 0;             // fatality level >= 1
  int war = 0;               // hostility level 5
  int fatality_unknown = 0;
  int years() const { return last_year - first_year + 1; }
};
KoreanMidCounts count_korean_mids(std::span<const KoreanMid> mids, int first_year, int last_year);

// MID onsets per year over [first_year, last_year] (index 0 = first_year); with `min_hostlev`
// only MIDs reaching that hostility level (e.g. 4 for use of force). For yearly backtests.
std::vector<int> onsets_by_year(std::span<const KoreanMid> mids, int first_year, int last_year,
                                int min_hostlev = 2);

// Jeffreys posterior of a binomial share k/n: Beta(k + 1/2, n - k + 1/2).
struct ShareFit {
  int successes = 0;
  int trials = 0;
  double alpha = 0.5;
  double beta = 0.5;
  double mean() const { return alpha / (alpha + beta); }
};
ShareFit fit_share(int successes, int trials);

// Poisson onset rate with the Jeffreys prior: rate | n onsets in T months ~ Gamma(n + 1/2, T);
// its log is summarised as normal with mean log((n + 1/2) / T) and sd 1 / sqrt(n + 1/2) (the
// delta method; the scenario's crisis_intercept draws from it).
struct OnsetRateFit {
  int onsets = 0;
  int months = 0;
  double log_rate_mean = 0.0;  // log(1/month)
  double log_rate_sd = 0.0;
};
OnsetRateFit fit_onset_rate(int onsets, int months);

// Everything the deterrence scenarios take from the record, fitted on [first_year, last_year].
struct KoreanMidFit {
  KoreanMidCounts counts;
  OnsetRateFit rate;                  // MID onsets per month
  ShareFit use_of_force;              // use-of-force MIDs among MIDs
  ShareFit fatal_given_use_of_force;  // fatal MIDs among use-of-force MIDs
  ShareFit display_given_no_force;    // display-of-force (level 3) among MIDs below level 4
  ShareFit war;                       // wars among MIDs
};
KoreanMidFit fit_korean_mids(std::span<const KoreanMid> mids, int last_year,
                             int first_year = kKoreanMidFirstYear);

}  // namespace linchpin::analytics
