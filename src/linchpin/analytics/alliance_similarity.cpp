#include "linchpin/analytics/alliance_similarity.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace linchpin::analytics {

namespace {
double table_total(const std::array<std::array<double, kAllianceLevels>, kAllianceLevels>& cells) {
  double total = 0;
  for (const auto& row : cells)
    for (double value : row) total += value;
  return total;
}

// 1 - 2 * (mean distance / d_max) over the cells, weighting each cell by `cells`.
std::optional<double> s_from_cells(
    const std::array<std::array<double, kAllianceLevels>, kAllianceLevels>& cells) {
  const double total = table_total(cells);
  if (total <= 0) return std::nullopt;
  double distance = 0;
  for (int a = 0; a < kAllianceLevels; ++a)
    for (int b = 0; b < kAllianceLevels; ++b) distance += cells[a][b] * std::abs(a - b);
  return 1.0 - 2.0 * distance / (total * kMaxAllianceLevel);
}

// Per-year working data: member positions, dense level matrix and sparse rows.
struct YearPortfolios {
  std::vector<int> ccodes;
  std::unordered_map<int, int> position;
  std::vector<std::uint8_t> levels;    // n x n, row i = portfolio of member i
  std::vector<std::vector<int>> ties;  // non-zero columns of each row (self included)
  std::vector<double> weights;         // capability shares; empty when no capability data

  std::uint8_t& level(std::size_t i, std::size_t k) { return levels[i * ccodes.size() + k]; }
};
}  // namespace

std::uint8_t alliance_level(std::uint8_t types) {
  if (types & (kDefense | kOffense)) return 3;
  if (types & (kNeutrality | kNonaggression)) return 2;
  if (types & (kEntente | kConsultation)) return 1;
  return 0;
}

PortfolioTable tabulate_portfolios(std::span<const std::uint8_t> first,
                                   std::span<const std::uint8_t> second,
                                   std::span<const double> weights) {
  PortfolioTable table;
  for (std::size_t k = 0; k < first.size(); ++k) {
    table.count[first[k]][second[k]] += 1;
    table.weight[first[k]][second[k]] += weights[k];
  }
  return table;
}

std::optional<double> s_score(const PortfolioTable& table) {
  return s_from_cells(table.count);
}

std::optional<double> s_score_weighted(const PortfolioTable& table) {
  return s_from_cells(table.weight);
}

std::optional<double> cohen_kappa(const PortfolioTable& table) {
  const double n = table_total(table.count);
  if (n <= 0) return std::nullopt;
  std::array<double, kAllianceLevels> row_totals{}, column_totals{};
  double observed = 0;
  for (int a = 0; a < kAllianceLevels; ++a) {
    for (int b = 0; b < kAllianceLevels; ++b) {
      row_totals[a] += table.count[a][b];
      column_totals[b] += table.count[a][b];
      observed += table.count[a][b] * (a - b) * (a - b);
    }
  }
  double expected = 0;
  for (int a = 0; a < kAllianceLevels; ++a)
    for (int b = 0; b < kAllianceLevels; ++b)
      expected += row_totals[a] * column_totals[b] * (a - b) * (a - b);
  expected /= n;
  // Both portfolios constant: chance agreement is total, kappa is undefined.
  if (expected <= 0) return std::nullopt;
  return 1.0 - observed / expected;
}

std::optional<double> tau_b(const PortfolioTable& table) {
  const auto& c = table.count;
  double concordant = 0, discordant = 0;
  for (int a = 0; a < kAllianceLevels; ++a) {
    for (int b = 0; b < kAllianceLevels; ++b) {
      if (c[a][b] == 0) continue;
      for (int a2 = a + 1; a2 < kAllianceLevels; ++a2) {
        for (int b2 = 0; b2 < kAllianceLevels; ++b2) {
          if (b2 > b) concordant += c[a][b] * c[a2][b2];
          if (b2 < b) discordant += c[a][b] * c[a2][b2];
        }
      }
    }
  }
  const double n = table_total(c);
  const double pairs = n * (n - 1) / 2;
  double ties_first = 0, ties_second = 0;
  for (int a = 0; a < kAllianceLevels; ++a) {
    double row = 0, column = 0;
    for (int b = 0; b < kAllianceLevels; ++b) {
      row += c[a][b];
      column += c[b][a];
    }
    ties_first += row * (row - 1) / 2;
    ties_second += column * (column - 1) / 2;
  }
  const double denominator = (pairs - ties_first) * (pairs - ties_second);
  if (denominator <= 0) return std::nullopt;  // a constant portfolio has no ranking
  return (concordant - discordant) / std::sqrt(denominator);
}

void for_each_dyad_similarity(const AllianceData& alliances, const MembershipIndex& members,
                              std::span<const StateYearCinc> capabilities,
                              const SimilarityOptions& options,
                              const std::function<void(const DyadSimilarity&)>& emit) {
  std::map<int, std::vector<const AllianceDyadYear*>> ties_by_year;
  for (const auto& tie : alliances.rows.records)
    if (tie.year >= options.first_year && tie.year <= options.last_year)
      ties_by_year[tie.year].push_back(&tie);
  std::map<int, std::vector<const StateYearCinc*>> cinc_by_year;
  for (const auto& row : capabilities)
    if (row.cinc && row.year >= options.first_year && row.year <= options.last_year)
      cinc_by_year[row.year].push_back(&row);
  auto selected = [&](int ccode) {
    return options.states.empty() ||
           std::find(options.states.begin(), options.states.end(), ccode) != options.states.end();
  };

  // Every year the alliance data cover, including any year without a single tie.
  if (ties_by_year.empty()) return;
  const int first_year = ties_by_year.begin()->first, last_year = ties_by_year.rbegin()->first;
  YearPortfolios year_data;
  for (int year = first_year; year <= last_year; ++year) {
    const auto& ties = ties_by_year[year];
    year_data.ccodes = members.members(year);
    const std::size_t n = year_data.ccodes.size();
    if (n < 2) continue;
    year_data.position.clear();
    for (std::size_t i = 0; i < n; ++i) year_data.position[year_data.ccodes[i]] = int(i);
    year_data.levels.assign(n * n, 0);
    for (std::size_t i = 0; i < n; ++i) year_data.level(i, i) = kMaxAllianceLevel;
    for (const AllianceDyadYear* tie : ties) {
      const auto first = year_data.position.find(tie->ccode1);
      const auto second = year_data.position.find(tie->ccode2);
      if (first == year_data.position.end() || second == year_data.position.end()) continue;
      const std::uint8_t level = alliance_level(tie->types);
      auto& forward = year_data.level(first->second, second->second);
      forward = std::max(forward, level);
      if (!alliances.directed) {
        auto& backward = year_data.level(second->second, first->second);
        backward = std::max(backward, level);
      }
    }
    year_data.ties.assign(n, {});
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t k = 0; k < n; ++k)
        if (year_data.level(i, k)) year_data.ties[i].push_back(int(k));

    year_data.weights.assign(n, 0.0);
    double weight_total = 0;
    for (const StateYearCinc* row : cinc_by_year[year]) {
      const auto found = year_data.position.find(row->ccode);
      if (found == year_data.position.end()) continue;
      year_data.weights[found->second] = *row->cinc;
      weight_total += *row->cinc;
    }
    for (double& weight : year_data.weights) weight = weight_total > 0 ? weight / weight_total : 0;

    for (std::size_t i = 0; i < n; ++i) {
      if (!selected(year_data.ccodes[i])) continue;
      for (std::size_t j = i + 1; j < n; ++j) {
        if (!selected(year_data.ccodes[j])) continue;
        // Only states tied to i or j fall outside cell (0,0); fill the rest by subtraction.
        PortfolioTable table;
        double off_zero_weight = 0;
        auto add = [&](int k) {
          const std::uint8_t a = year_data.level(i, k), b = year_data.level(j, k);
          table.count[a][b] += 1;
          table.weight[a][b] += year_data.weights[k];
          off_zero_weight += year_data.weights[k];
        };
        for (int k : year_data.ties[i]) add(k);
        for (int k : year_data.ties[j])
          if (year_data.level(i, k) == 0) add(k);
        double counted = 0;
        for (const auto& row : table.count)
          for (double value : row) counted += value;
        table.count[0][0] = double(n) - counted;
        table.weight[0][0] = std::max(0.0, (weight_total > 0 ? 1.0 : 0.0) - off_zero_weight);
        DyadSimilarity result{year_data.ccodes[i], year_data.ccodes[j], year,        s_score(table),
                              std::nullopt,        cohen_kappa(table),  tau_b(table)};
        if (weight_total > 0) result.s_weighted = s_score_weighted(table);
        emit(result);
      }
    }
  }
}

std::vector<DyadSimilarity> similarity_panel(const AllianceData& alliances,
                                             const MembershipIndex& members,
                                             std::span<const StateYearCinc> capabilities,
                                             const SimilarityOptions& options) {
  std::vector<DyadSimilarity> panel;
  for_each_dyad_similarity(alliances, members, capabilities, options,
                           [&](const DyadSimilarity& row) { panel.push_back(row); });
  return panel;
}

}  // namespace linchpin::analytics
