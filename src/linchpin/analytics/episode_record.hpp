#pragma once
// The repository's coded record of US–ROK alliance episodes (data/episodes) joined with the
// coded administrations (data/leaders): which leaders held office in each month, and the
// exposure cells on which the alliance mechanisms' hazards are calibrated
// (docs/models/calibration.md).
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "linchpin/analytics/poisson_rate_model.hpp"
#include "linchpin/core/calendar.hpp"

namespace linchpin::analytics {

struct LeaderTerm {
  std::string leader;
  std::string party;
  Month start;
  std::optional<Month> end;               // empty while in office
  std::map<std::string, double> stances;  // coded dimensions only (blank codes are absent)
};

struct AllianceEpisode {
  Month start;
  std::optional<Month> end;
  std::string kind;
  std::optional<double> magnitude;
  std::string description;
};

struct EpisodeRecord {
  std::vector<LeaderTerm> us_terms;
  std::vector<LeaderTerm> rok_terms;
  std::vector<AllianceEpisode> episodes;
};

// Reads data/leaders/{us,rok}_administrations.csv and data/episodes/us_rok_alliance_episodes.csv
// under `repository_data`. Throws InputError with file:line:col on malformed rows.
EpisodeRecord read_episode_record(const std::filesystem::path& repository_data);

// The term in office in a month: the latest term that started at or before it. Months between
// a removal and the next inauguration (acting presidents) go to the outgoing leader, as the
// episode codebook asks. nullptr before the first term.
const LeaderTerm* term_in_office(const std::vector<LeaderTerm>& terms, Month month);

// Covariates for a month given the leaders in office (rok may be null before 1988); nullopt
// leaves the month out of the exposure.
using CovariateRule =
    std::function<std::optional<std::vector<double>>(const LeaderTerm& us, const LeaderTerm* rok)>;

// Months first..last grouped by leader pair into exposure cells; an episode counts in the month
// it started if `counts(episode)` is true.
std::vector<ExposureCell> episode_exposure(
    const EpisodeRecord& record, Month first, Month last,
    const std::function<bool(const AllianceEpisode&)>& counts, const CovariateRule& covariates);

}  // namespace linchpin::analytics
