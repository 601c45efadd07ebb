#include "linchpin/analytics/episode_record.hpp"

#include <fmt/format.h>

#include "linchpin/analytics/data/csv_reader.hpp"
#include "linchpin/core/error.hpp"

namespace linchpin::analytics {

namespace {
Month parse_month(const CsvReader& reader, std::size_t column) {
  const auto text = reader.text(column);
  const auto date = parse_calendar_date(text);
  if (!date || date->day != 0)
    reader.reject(column, fmt::format("expected YYYY-MM, found '{}'", text));
  return date->to_month();
}

std::optional<Month> parse_optional_month(const CsvReader& reader, std::size_t column) {
  if (reader.text(column).empty()) return std::nullopt;
  return parse_month(reader, column);
}

std::vector<LeaderTerm> read_terms(const std::filesystem::path& path) {
  CsvReader reader(path.string());
  const std::vector<std::string> stance_columns = {"alliance_commitment", "burden_sharing_pressure",
                                                   "engagement_with_dprk", "accommodation_of_china",
                                                   "trilateral_support"};
  std::vector<std::string> expected = {"leader", "party", "start", "end"};
  expected.insert(expected.end(), stance_columns.begin(), stance_columns.end());
  reader.require_header(expected, true);
  auto result = read_csv_rows<LeaderTerm>(reader, [&](CsvReader& row) {
    LeaderTerm term;
    term.leader = std::string(row.text(0));
    term.party = std::string(row.text(1));
    term.start = parse_month(row, 2);
    term.end = parse_optional_month(row, 3);
    for (std::size_t i = 0; i < stance_columns.size(); ++i) {
      if (row.text(4 + i).empty()) continue;
      const double value = row.number(4 + i);
      if (value < 0.0 || value > 1.0) row.reject(4 + i, "expected a stance code in [0, 1]");
      term.stances[stance_columns[i]] = value;
    }
    return term;
  });
  result.require_clean();
  return std::move(result.records);
}
}  // namespace

EpisodeRecord read_episode_record(const std::filesystem::path& repository_data) {
  EpisodeRecord record;
  record.us_terms = read_terms(repository_data / "leaders" / "us_administrations.csv");
  record.rok_terms = read_terms(repository_data / "leaders" / "rok_administrations.csv");
  CsvReader reader((repository_data / "episodes" / "us_rok_alliance_episodes.csv").string());
  reader.require_header({"start", "end", "kind", "actors", "us_leader", "rok_leader", "magnitude",
                         "unit", "description", "source"});
  auto result = read_csv_rows<AllianceEpisode>(reader, [](CsvReader& row) {
    AllianceEpisode episode;
    episode.start = parse_month(row, 0);
    episode.end = parse_optional_month(row, 1);
    episode.kind = std::string(row.text(2));
    if (!row.text(6).empty()) episode.magnitude = row.number(6);
    episode.description = std::string(row.text(8));
    return episode;
  });
  result.require_clean();
  record.episodes = std::move(result.records);
  return record;
}

const LeaderTerm* term_in_office(const std::vector<LeaderTerm>& terms, Month month) {
  const LeaderTerm* current = nullptr;
  for (const auto& term : terms)
    if (term.start <= month && (current == nullptr || term.start >= current->start))
      current = &term;
  return current;
}

std::vector<ExposureCell> episode_exposure(
    const EpisodeRecord& record, Month first, Month last,
    const std::function<bool(const AllianceEpisode&)>& counts, const CovariateRule& covariates) {
  std::map<std::pair<const LeaderTerm*, const LeaderTerm*>, ExposureCell> cells;
  std::vector<std::pair<const LeaderTerm*, const LeaderTerm*>> order;
  auto cell_for = [&](Month month) -> ExposureCell* {
    const auto* us = term_in_office(record.us_terms, month);
    if (us == nullptr) return nullptr;
    const auto* rok = term_in_office(record.rok_terms, month);
    const auto key = std::make_pair(us, rok);
    auto it = cells.find(key);
    if (it == cells.end()) {
      auto x = covariates(*us, rok);
      if (!x) return nullptr;
      it = cells.emplace(key, ExposureCell{0.0, 0.0, *x}).first;
      order.push_back(key);
    }
    return &it->second;
  };
  for (Month month = first; month <= last; month = month.plus(1))
    if (auto* cell = cell_for(month)) cell->exposure_months += 1.0;
  for (const auto& episode : record.episodes) {
    if (episode.start < first || episode.start > last || !counts(episode)) continue;
    if (auto* cell = cell_for(episode.start)) cell->events += 1.0;
  }
  std::vector<ExposureCell> result;
  for (const auto& key : order) result.push_back(cells.at(key));
  return result;
}

}  // namespace linchpin::analytics
