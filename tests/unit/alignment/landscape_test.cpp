#include "linchpin/alignment/landscape.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "linchpin/core/random_stream.hpp"

namespace linchpin::alignment {
namespace {

Landscape make_landscape(std::vector<double> sizes, std::vector<double> upper) {
  // `upper` lists p_01, p_02, ..., p_12, ... row by row above the diagonal.
  Landscape landscape;
  const std::size_t n = sizes.size();
  for (std::size_t i = 0; i < n; ++i)
    landscape.actors.push_back({fmt::format("a{}", i), sizes[i], {}});
  landscape.propensities.assign(n * n, 0.0);
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      landscape.propensities[i * n + j] = upper[k];
      landscape.propensities[j * n + i] = upper[k];
      ++k;
    }
  return landscape;
}

// Sizes in (0, 1], propensities uniform in [-1, 1]; or small integers to create exact ties.
Landscape random_landscape(std::size_t n, std::uint64_t trial, bool integers) {
  RandomStream stream(17, trial, "test.landscape");
  std::vector<double> sizes(n), upper;
  for (auto& s : sizes) s = integers ? 1.0 : stream.uniform();
  for (std::size_t k = 0; k < n * (n - 1) / 2; ++k)
    upper.push_back(integers ? static_cast<double>(stream.index(5)) - 2.0
                             : 2.0 * stream.uniform() - 1.0);
  return make_landscape(sizes, upper);
}

// Three actors: sizes 1, 2, 3; p_01 = 1, p_02 = -1, p_12 = 2.
Landscape three_actors() {
  return make_landscape({1, 2, 3}, {1, -1, 2});
}

TEST(Landscape, EnergyHandComputed) {
  const auto l = three_actors();
  // {0,0,1}: pairs split (0,2), (1,2): 1*3*(-1) + 2*3*2 = -3 + 12 = 9.
  EXPECT_DOUBLE_EQ(energy(l, Configuration{0, 0, 1}), 9.0);
  // {0,1,1}: split (0,1), (0,2): 1*2*1 + 1*3*(-1) = 2 - 3 = -1.
  EXPECT_DOUBLE_EQ(energy(l, Configuration{0, 1, 1}), -1.0);
  // {0,1,0}: split (0,1), (1,2): 2 + 12 = 14.
  EXPECT_DOUBLE_EQ(energy(l, Configuration{0, 1, 0}), 14.0);
  EXPECT_DOUBLE_EQ(energy(l, Configuration{0, 0, 0}), 0.0);
  // Labels do not matter: {5,5,2} is the partition {0,0,1}.
  EXPECT_DOUBLE_EQ(energy(l, Configuration{5, 5, 2}), 9.0);
  // Three blocs: every pair split, 2 - 3 + 12 = 11.
  EXPECT_DOUBLE_EQ(energy(l, Configuration{0, 1, 2}), 11.0);
}

TEST(Landscape, FrustrationHandComputed) {
  const auto l = three_actors();
  const Configuration x{0, 0, 1};
  // F_0 = s_2 p_02 = 3 * (-1) = -3; F_1 = s_2 p_12 = 6; F_2 = s_0 p_02 + s_1 p_12 = -1 + 4 = 3.
  EXPECT_DOUBLE_EQ(frustration(l, x, 0), -3.0);
  EXPECT_DOUBLE_EQ(frustration(l, x, 1), 6.0);
  EXPECT_DOUBLE_EQ(frustration(l, x, 2), 3.0);
  // The paper's energy sum_i s_i F_i counts each pair twice: 1*(-3) + 2*6 + 3*3 = 18 = 2 * 9.
  EXPECT_DOUBLE_EQ(1 * -3.0 + 2 * 6.0 + 3 * 3.0, 2 * energy(l, x));
  // Actor 1 switching to bloc 1: {0,1,1}, E 9 -> -1, and F_1 goes 6 -> s_0 p_01 = 1.
  EXPECT_DOUBLE_EQ(move_delta(l, x, 1, 1), -10.0);
  EXPECT_DOUBLE_EQ(move_delta(l, x, 1, 1), 2.0 * (frustration(l, Configuration{0, 1, 1}, 1) - 6.0));
}

TEST(Landscape, SteepestDescentHandComputed) {
  const auto l = three_actors();
  // From {0,1,0} (E 14): actor 0 gives 9 (-5), actor 1 gives 0 (-14), actor 2 gives -1 (-15).
  const auto move = steepest_move(l, Configuration{0, 1, 0}, 2);
  ASSERT_TRUE(move);
  EXPECT_EQ(move->actor, 2U);
  EXPECT_DOUBLE_EQ(move->delta, -15.0);
  EXPECT_EQ(steepest_descent(l, Configuration{0, 1, 0}, 2), (Configuration{0, 1, 1}));
  EXPECT_TRUE(is_local_minimum(l, Configuration{0, 1, 1}, 2));
  const auto result = exact_two_bloc_search(l, {});
  ASSERT_EQ(result.minima.size(), 1U);
  EXPECT_EQ(result.minima[0].blocs, (Configuration{0, 1, 1}));
  EXPECT_DOUBLE_EQ(result.minima[0].energy, -1.0);
  EXPECT_EQ(result.minima[0].basin_size, 4U);
  EXPECT_EQ(result.configurations, 4U);
}

TEST(Landscape, FrustratedTriangleTiesGoToTheLowestActor) {
  // Three equal actors that all repel (p = -1): every two-bloc split has E = -2 and no move
  // lowers it, so all three are local minima. From {0,0,0} every move gives -2; the tie goes to
  // actor 0, whose move makes {1,0,0} = {0,1,1}. Basins: {0,1,1} 2, the others 1.
  const auto l = make_landscape({1, 1, 1}, {-1, -1, -1});
  const auto two = search_landscape(l, {});
  ASSERT_EQ(two.minima.size(), 3U);
  std::map<Configuration, std::uint64_t> basins;
  for (const auto& m : two.minima) {
    EXPECT_DOUBLE_EQ(m.energy, -2.0);
    basins[m.blocs] = m.basin_size;
  }
  EXPECT_EQ(basins[(Configuration{0, 1, 1})], 2U);
  EXPECT_EQ(basins[(Configuration{0, 0, 1})], 1U);
  EXPECT_EQ(basins[(Configuration{0, 1, 0})], 1U);
  // With three blocs everyone is alone at E = -3, reached from all five partitions.
  SearchOptions three;
  three.blocs = 3;
  const auto result = search_landscape(l, three);
  ASSERT_EQ(result.minima.size(), 1U);
  EXPECT_EQ(result.minima[0].blocs, (Configuration{0, 1, 2}));
  EXPECT_DOUBLE_EQ(result.minima[0].energy, -3.0);
  EXPECT_EQ(result.minima[0].basin_size, 5U);
  EXPECT_EQ(result.configurations, 5U);
}

// ---- An independent brute-force oracle: every labelled assignment, energies from scratch.

double oracle_energy(const Landscape& l, const Configuration& x) {
  double e = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t j = 0; j < x.size(); ++j)
      if (i != j && x[i] != x[j])
        e += 0.5 * l.actors[i].size * l.actors[j].size * l.propensity(i, j);
  return e;
}

struct OracleMinimum {
  double energy;
  std::uint64_t basin;
};

std::map<Configuration, OracleMinimum> oracle(const Landscape& l, int k) {
  const std::size_t n = l.size();
  const double tol = energy_tolerance(l);
  std::set<Configuration> partitions;
  Configuration x(n, 0);
  while (true) {
    partitions.insert(canonical(x));
    std::size_t i = 0;
    while (i < n && ++x[i] == k) x[i++] = 0;
    if (i == n) break;
  }
  // The steepest move by recomputing the energy of every neighbour.
  auto next = [&](const Configuration& c) -> std::optional<Configuration> {
    const double here = oracle_energy(l, c);
    const int used = bloc_count(c);
    std::optional<Configuration> best;
    double best_delta = 0;
    for (std::size_t a = 0; a < n; ++a) {
      bool alone = true;
      for (std::size_t j = 0; j < n; ++j) alone = alone && (j == a || c[j] != c[a]);
      for (int t = 0; t <= used; ++t) {
        if (t == c[a] || (t == used && (used == k || alone))) continue;
        Configuration moved = c;
        moved[a] = t;
        const double delta = oracle_energy(l, moved) - here;
        if (delta < -tol && (!best || delta < best_delta - tol)) {
          best = canonical(moved);
          best_delta = delta;
        }
      }
    }
    return best;
  };
  std::map<Configuration, OracleMinimum> minima;
  for (const auto& p : partitions) {
    Configuration at = p;
    while (const auto step = next(at)) at = *step;
    auto& m = minima[at];
    m.energy = oracle_energy(l, at);
    ++m.basin;
  }
  return minima;
}

void expect_matches_oracle(const Landscape& l, const LandscapeResult& result, int k) {
  const auto expected = oracle(l, k);
  ASSERT_EQ(result.minima.size(), expected.size());
  std::uint64_t total = 0;
  for (const auto& m : result.minima) {
    const auto it = expected.find(m.blocs);
    ASSERT_NE(it, expected.end());
    EXPECT_NEAR(m.energy, it->second.energy, 1e-9);
    EXPECT_EQ(m.basin_size, it->second.basin);
    total += m.basin_size;
  }
  EXPECT_EQ(total, result.configurations);
  for (std::size_t i = 1; i < result.minima.size(); ++i)
    EXPECT_LE(result.minima[i - 1].energy, result.minima[i].energy);
}

TEST(Landscape, TwoBlocGrayCodeMatchesBruteForce) {
  for (std::size_t n = 2; n <= 11; ++n)
    for (std::uint64_t trial = 0; trial < 6; ++trial) {
      const bool integers = trial % 2 == 1;
      const auto l = random_landscape(n, n * 100 + trial, integers);
      SCOPED_TRACE(fmt::format("n {} trial {} integers {}", n, trial, integers));
      const auto result = exact_two_bloc_search(l, {});
      EXPECT_EQ(result.configurations, std::uint64_t{1} << (n - 1));
      expect_matches_oracle(l, result, 2);
      // The partition enumerator gives the same answer for two blocs.
      SearchOptions options;
      const auto partitions = exact_partition_search(l, options);
      ASSERT_EQ(partitions.minima.size(), result.minima.size());
      for (std::size_t m = 0; m < result.minima.size(); ++m) {
        EXPECT_EQ(partitions.minima[m].blocs, result.minima[m].blocs);
        EXPECT_EQ(partitions.minima[m].basin_size, result.minima[m].basin_size);
      }
    }
}

TEST(Landscape, GrayCodeStaysExactPastResynchronisation) {
  // 18 actors: 2^17 configurations, past the 2^16-step resynchronisation of the fields.
  const auto l = random_landscape(18, 4242, false);
  const auto result = exact_two_bloc_search(l, {});
  std::uint64_t total = 0;
  for (const auto& m : result.minima) {
    total += m.basin_size;
    EXPECT_TRUE(is_local_minimum(l, m.blocs, 2));
    EXPECT_EQ(steepest_descent(l, m.blocs, 2), m.blocs);
  }
  EXPECT_EQ(total, result.configurations);
  // The global minimum really is lowest: compare against 2000 random configurations.
  RandomStream stream(3, 0, "test.global");
  Configuration x(18);
  for (int s = 0; s < 2000; ++s) {
    for (auto& b : x) b = static_cast<int>(stream.index(2));
    EXPECT_GE(energy(l, x), result.minima[0].energy - 1e-12);
  }
}

TEST(Landscape, ThreeAndFourBlocsMatchBruteForce) {
  for (int k : {3, 4})
    for (std::size_t n = 2; n <= 8; ++n)
      for (std::uint64_t trial = 0; trial < 4; ++trial) {
        const auto l = random_landscape(n, 5000 + n * 10 + trial, trial % 2 == 1);
        SCOPED_TRACE(fmt::format("k {} n {} trial {}", k, n, trial));
        SearchOptions options;
        options.blocs = k;
        expect_matches_oracle(l, search_landscape(l, options), k);
      }
}

TEST(Landscape, EnergyNeverRisesUnderMyopicMoves) {
  for (std::uint64_t trial = 0; trial < 20; ++trial) {
    const auto l = random_landscape(14, 900 + trial, trial % 3 == 0);
    RandomStream stream(5, trial, "test.moves");
    for (int k : {2, 3}) {
      Configuration x(14);
      for (auto& b : x) b = static_cast<int>(stream.index(static_cast<std::uint32_t>(k)));
      x = canonical(x);
      // Any single move's energy change is s_i times the mover's change in frustration...
      for (std::size_t i = 0; i < 14; ++i)
        for (int t = 0; t < k; ++t) {
          Configuration moved = x;
          moved[i] = t;
          const double delta = move_delta(l, x, i, t);
          EXPECT_NEAR(delta, energy(l, moved) - energy(l, x), 1e-9);
          EXPECT_NEAR(delta, l.actors[i].size * (frustration(l, moved, i) - frustration(l, x, i)),
                      1e-9);
        }
      // ...so a descent step that lowers the mover's frustration lowers E, step after step.
      double before = energy(l, x);
      while (const auto move = steepest_move(l, x, k)) {
        EXPECT_LT(move->delta, 0.0);
        x[move->actor] = move->target;
        x = canonical(x);
        const double after = energy(l, x);
        EXPECT_LT(after, before);
        EXPECT_NEAR(after - before, move->delta, 1e-9);
        before = after;
      }
    }
  }
}

TEST(Landscape, EveryReportedMinimumIsStable) {
  for (std::uint64_t trial = 0; trial < 5; ++trial) {
    const auto l = random_landscape(16, 700 + trial, trial % 2 == 1);
    const double tol = energy_tolerance(l);
    const auto result = search_landscape(l, {});
    for (const auto& m : result.minima)
      for (std::size_t i = 0; i < l.size(); ++i)
        EXPECT_GE(move_delta(l, m.blocs, i, 1 - m.blocs[i]), -tol);
  }
}

TEST(Landscape, LocalSearchFindsTheExactMinima) {
  const auto l = random_landscape(12, 31, false);
  const auto exact = search_landscape(l, {});
  SearchOptions options;
  options.method = SearchMethod::local;
  options.starts = 4000;
  options.seed = 9;
  const auto local = search_landscape(l, options);
  EXPECT_EQ(local.configurations, 4000U);
  EXPECT_EQ(local.minima[0].blocs, exact.minima[0].blocs);
  std::map<Configuration, double> exact_share;
  for (const auto& m : exact.minima) exact_share[m.blocs] = m.basin_share;
  std::uint64_t total = 0;
  for (const auto& m : local.minima) {
    ASSERT_TRUE(exact_share.count(m.blocs));
    // Random labelled starts are uniform over partitions for two blocs: shares agree up to
    // sampling noise (sd <= 0.008 at 4000 starts).
    EXPECT_NEAR(m.basin_share, exact_share[m.blocs], 0.04);
    total += m.basin_size;
  }
  EXPECT_EQ(total, 4000U);
  // Same seed, same answer; another seed, other starts.
  const auto again = search_landscape(l, options);
  ASSERT_EQ(again.minima.size(), local.minima.size());
  for (std::size_t m = 0; m < local.minima.size(); ++m)
    EXPECT_EQ(again.minima[m].basin_size, local.minima[m].basin_size);
}

TEST(Landscape, BadInputIsRejected) {
  Landscape one = make_landscape({1}, {});
  EXPECT_THROW(search_landscape(one, {}), InputError);
  auto negative = three_actors();
  negative.actors[1].size = -1;
  EXPECT_THROW(search_landscape(negative, {}), InputError);
  auto nan = three_actors();
  nan.propensities[1] = std::nan("");
  nan.propensities[3] = std::nan("");
  EXPECT_THROW(search_landscape(nan, {}), InputError);
  auto asymmetric = three_actors();
  asymmetric.propensities[1] = 0.5;
  EXPECT_THROW(search_landscape(asymmetric, {}), InputError);
  SearchOptions one_bloc;
  one_bloc.blocs = 1;
  EXPECT_THROW(search_landscape(three_actors(), one_bloc), InputError);
  // All-zero propensities: every configuration is (weakly) stable; refused past the limit.
  const auto flat = make_landscape({1, 1, 1, 1, 1}, std::vector<double>(10, 0.0));
  SearchOptions limited;
  limited.max_minima = 8;
  EXPECT_THROW(search_landscape(flat, limited), InputError);
  EXPECT_EQ(search_landscape(flat, {}).minima.size(), 16U);
  SearchOptions small_basins;
  small_basins.max_basin_bytes = 2;
  EXPECT_THROW(search_landscape(three_actors(), small_basins), InputError);
}

}  // namespace
}  // namespace linchpin::alignment
