#pragma once
// Alliance portfolio similarity: Signorino–Ritter S (unweighted and capability-weighted),
// Cohen's kappa (Häge 2011) and Kendall's tau-b (Bueno de Mesquita 1975).
//
// A state's portfolio in a year lists its alliance level with every system member, itself
// included (a state is treated as allied with itself at the highest level). Levels are ordinal:
// 3 defense (or ATOP offense), 2 neutrality or non-aggression, 1 entente (COW) or
// consultation (ATOP), 0 none. All measures derive from the 4x4 table of level pairs.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "linchpin/analytics/cinc.hpp"
#include "linchpin/analytics/data/alliance_reader.hpp"
#include "linchpin/analytics/state_membership.hpp"

namespace linchpin::analytics {

inline constexpr int kAllianceLevels = 4;  // 0..3
inline constexpr int kMaxAllianceLevel = kAllianceLevels - 1;

// The ordinal level of a set of AllianceTypeFlag bits (the strongest obligation wins).
std::uint8_t alliance_level(std::uint8_t types);

// Cross-tabulation of two portfolios: count[a][b] = states k with x_ik = a and x_jk = b;
// weight[a][b] = the summed weights of those states.
struct PortfolioTable {
  std::array<std::array<double, kAllianceLevels>, kAllianceLevels> count{};
  std::array<std::array<double, kAllianceLevels>, kAllianceLevels> weight{};
};

// Builds the table from two dense portfolios (levels 0..3) and per-state weights.
PortfolioTable tabulate_portfolios(std::span<const std::uint8_t> first,
                                   std::span<const std::uint8_t> second,
                                   std::span<const double> weights);

// S = 1 - 2 * sum_k |x_ik - x_jk| / (N * d_max), d_max = 3 (Signorino & Ritter 1999, eq. 5).
std::optional<double> s_score(const PortfolioTable& table);
// Weighted S: each state's distance weighted by its capability share.
std::optional<double> s_score_weighted(const PortfolioTable& table);
// Cohen's kappa with quadratic disagreement weights: 1 - observed / chance-expected squared
// level distance, the expectation from each portfolio's own level distribution (Häge 2011).
std::optional<double> cohen_kappa(const PortfolioTable& table);
// Kendall's tau-b of the two portfolios' levels.
std::optional<double> tau_b(const PortfolioTable& table);

struct DyadSimilarity {
  int ccode1 = 0;  // ccode1 < ccode2
  int ccode2 = 0;
  int year = 0;
  std::optional<double> s_unweighted;
  std::optional<double> s_weighted;  // nullopt in years without capability data
  std::optional<double> kappa;
  std::optional<double> tau_b;
};

struct SimilarityOptions {
  int first_year = 0;
  int last_year = 9999;
  std::vector<int> states;  // when non-empty, only dyads with both states in the list
};

// Computes every dyad-year among system members and calls `emit` for each, year by year
// (ascending ccode1, then ccode2). Alliance rows naming a non-member are ignored.
void for_each_dyad_similarity(const AllianceData& alliances, const MembershipIndex& members,
                              std::span<const StateYearCinc> capabilities,
                              const SimilarityOptions& options,
                              const std::function<void(const DyadSimilarity&)>& emit);

std::vector<DyadSimilarity> similarity_panel(const AllianceData& alliances,
                                             const MembershipIndex& members,
                                             std::span<const StateYearCinc> capabilities,
                                             const SimilarityOptions& options);

}  // namespace linchpin::analytics
