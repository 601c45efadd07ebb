#pragma once
// The hazards of the alliance mechanisms, fitted on the coded episode record. Each calibration
// names the episodes it counts, the months it covers and its covariate, so the mechanisms'
// built-in defaults can be checked against a fresh fit (tests/validation) and the docs can
// show the arithmetic (docs/models/calibration.md).
#include <optional>
#include <string>
#include <vector>

#include "linchpin/analytics/episode_record.hpp"

namespace linchpin::analytics {

struct AllianceCalibration {
  std::string name;       // e.g. "force_posture.withdrawal_announcement"
  std::string counts;     // which episodes are events
  std::string window;     // "YYYY-MM..YYYY-MM"
  std::string covariate;  // what x is
  // The covariate is centred at its exposure-weighted mean over the window, so b0 is the log
  // rate at the record's average covariate and b0, b1 are nearly uncorrelated; their remaining
  // correlation is carried into the scenarios as a joint draw.
  double centre = 0.0;
  PoissonRateFit fit;  // rate per month = exp(b0 + b1 (x - centre))
  std::vector<ExposureCell> cells;
};

// Normal prior sd on slopes of covariates scaled to [0, 1]: weakly informative, in the spirit of
// Gelman, Jakulin, Pittau & Su (2008, Ann. Appl. Stat. 2(4)) scale 2.5 for unit-scale inputs.
inline constexpr double kCalibrationSlopePriorSd = 2.5;

// Mean absolute gap over the stance dimensions coded for both leaders (the pendulum's
// discordance on the historical codes); nullopt if none are coded for both.
std::optional<double> coded_discordance(const LeaderTerm& a, const LeaderTerm& b);

// The record's coding date: the last month it covers.
Month episode_record_end();

// Every calibration, fitted on the months of `record` up to `last` (default: the whole record;
// the backtest scenario uses fits up to 2015-12 so its out-of-sample years stay out of sample).
std::vector<AllianceCalibration> calibrate_alliance_hazards(const EpisodeRecord& record);
std::vector<AllianceCalibration> calibrate_alliance_hazards(const EpisodeRecord& record,
                                                            Month last);

// The scenario YAML lines for one calibration's parameters (intercept and slope as normals, the
// slope drawn jointly with the intercept, and the centre), as written in scenarios/*.yaml.
std::string calibration_yaml(const AllianceCalibration& calibration, const std::string& prefix,
                             const std::string& source_id);

}  // namespace linchpin::analytics
