#include "linchpin/alignment/landscape.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>

#include "linchpin/core/random_stream.hpp"

namespace linchpin::alignment {

namespace {

constexpr std::uint8_t kNoMove = 0xFF;  // successor byte of a local minimum

// w_ij = s_i s_j p_ij with a zero diagonal, row-major.
std::vector<double> pair_weights(const Landscape& landscape) {
  const std::size_t n = landscape.size();
  std::vector<double> weights(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (i != j)
        weights[i * n + j] =
            landscape.actors[i].size * landscape.actors[j].size * landscape.propensity(i, j);
  return weights;
}

// The pull of every bloc on every actor, A[i][c] = sum_{j != i, bloc j = c} w_ij, kept for a
// canonical configuration. A move of i from bloc a to bloc c changes E by A[i][a] - A[i][c]
// (pairs with a's members become split, pairs with c's members joined); a new bloc has A = 0.
class BlocFields {
 public:
  BlocFields(const std::vector<double>& weights, Configuration blocs, int max_blocs, double tol)
      : weights_(weights),
        n_(blocs.size()),
        max_blocs_(max_blocs),
        tolerance_(tol),
        blocs_(canonical(blocs)),
        pull_(n_ * static_cast<std::size_t>(max_blocs), 0.0) {
    blocs_used_ = bloc_count(blocs_);
    if (blocs_used_ > max_blocs_)
      throw Error(fmt::format("a configuration with {} blocs where at most {} are allowed",
                              blocs_used_, max_blocs_));
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t j = 0; j < n_; ++j) pull(i, blocs_[j]) += weights_[i * n_ + j];
  }

  const Configuration& blocs() const { return blocs_; }

  std::optional<Move> best_move() const {
    std::optional<Move> best;
    auto consider = [&](std::size_t actor, int target, double delta) {
      if (delta >= -tolerance_) return;
      if (!best || delta < best->delta - tolerance_) best = Move{actor, target, delta};
    };
    for (std::size_t i = 0; i < n_; ++i) {
      const int own = blocs_[i];
      const double own_pull = pull(i, own);
      for (int c = 0; c < blocs_used_; ++c)
        if (c != own) consider(i, c, own_pull - pull(i, c));
      // A new bloc, unless i is already alone (that would be the same partition).
      if (blocs_used_ < max_blocs_ && !alone(i)) consider(i, blocs_used_, own_pull);
    }
    return best;
  }

  void apply(const Move& move) {
    const int from = blocs_[move.actor];
    for (std::size_t i = 0; i < n_; ++i) {
      const double w = weights_[i * n_ + move.actor];
      pull(i, from) -= w;
      pull(i, move.target) += w;
    }
    blocs_[move.actor] = move.target;
    // Restore canonical labels, permuting the pull columns with them.
    std::vector<int> relabel(static_cast<std::size_t>(max_blocs_), -1);
    int next = 0;
    for (int& bloc : blocs_) {
      if (relabel[bloc] < 0) relabel[bloc] = next++;
      bloc = relabel[bloc];
    }
    std::vector<double> permuted(pull_.size(), 0.0);
    for (std::size_t i = 0; i < n_; ++i)
      for (int c = 0; c < max_blocs_; ++c)
        if (relabel[c] >= 0) permuted[i * max_blocs_ + relabel[c]] = pull(i, c);
    pull_.swap(permuted);
    blocs_used_ = next;
  }

 private:
  double& pull(std::size_t i, int c) { return pull_[i * max_blocs_ + c]; }
  double pull(std::size_t i, int c) const { return pull_[i * max_blocs_ + c]; }
  bool alone(std::size_t i) const {
    for (std::size_t j = 0; j < n_; ++j)
      if (j != i && blocs_[j] == blocs_[i]) return false;
    return true;
  }

  const std::vector<double>& weights_;
  std::size_t n_;
  int max_blocs_;
  double tolerance_;
  Configuration blocs_;
  std::vector<double> pull_;
  int blocs_used_ = 0;
};

void check_blocs_option(const Landscape& landscape, int blocs) {
  if (blocs < 2)
    throw_input_error(landscape.location, "blocs",
                      fmt::format("at least 2 blocs are needed, found {}", blocs));
}

void sort_minima(std::vector<LocalMinimum>& minima) {
  std::sort(minima.begin(), minima.end(), [](const LocalMinimum& a, const LocalMinimum& b) {
    if (a.energy != b.energy) return a.energy < b.energy;
    return a.blocs < b.blocs;
  });
}

[[noreturn]] void too_many_minima(const Landscape& landscape, std::uint64_t limit) {
  throw_input_error(landscape.location, "propensities",
                    fmt::format("more than {} local minima: the landscape is (nearly) flat, "
                                "e.g. all sizes or propensities zero",
                                limit));
}

Configuration two_bloc_configuration(std::uint64_t index, std::size_t n) {
  Configuration blocs(n, 0);
  for (std::size_t i = 1; i < n; ++i) blocs[i] = static_cast<int>((index >> (i - 1)) & 1U);
  return blocs;
}

}  // namespace

void validate_landscape(const Landscape& landscape) {
  const std::size_t n = landscape.size();
  if (n < 2)
    throw_input_error(landscape.location, "actors",
                      fmt::format("at least two actors are needed, found {}", n));
  DiagnosticList problems;
  for (const auto& actor : landscape.actors)
    if (!std::isfinite(actor.size) || actor.size < 0)
      problems.add(
          actor.location, "size",
          fmt::format("{}: expected a finite number >= 0, found {}", actor.name, actor.size));
  if (landscape.propensities.size() != n * n) {
    problems.add(landscape.location, "propensities",
                 fmt::format("expected a {0} x {0} matrix, found {1} values", n,
                             landscape.propensities.size()));
    problems.throw_if_any();
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double a = landscape.propensity(i, j), b = landscape.propensity(j, i);
      if (!std::isfinite(a) || !std::isfinite(b)) {
        problems.add(landscape.actors[j].location, "propensities",
                     fmt::format("{} - {}: expected a finite number", landscape.actors[i].name,
                                 landscape.actors[j].name));
      } else if (std::abs(a - b) > 1e-9 * std::max({1.0, std::abs(a), std::abs(b)})) {
        problems.add(landscape.actors[j].location, "propensities",
                     fmt::format("not symmetric: {} - {} is {} but {} - {} is {}",
                                 landscape.actors[i].name, landscape.actors[j].name, a,
                                 landscape.actors[j].name, landscape.actors[i].name, b));
      }
    }
  problems.throw_if_any();
}

Configuration canonical(std::span<const int> blocs) {
  Configuration result(blocs.size());
  std::map<int, int> relabel;
  for (std::size_t i = 0; i < blocs.size(); ++i) {
    const auto [it, inserted] = relabel.emplace(blocs[i], static_cast<int>(relabel.size()));
    result[i] = it->second;
  }
  return result;
}

int bloc_count(std::span<const int> blocs) {
  std::vector<int> seen(blocs.begin(), blocs.end());
  std::sort(seen.begin(), seen.end());
  return static_cast<int>(std::unique(seen.begin(), seen.end()) - seen.begin());
}

double energy(const Landscape& landscape, std::span<const int> blocs) {
  double total = 0.0;
  for (std::size_t i = 0; i < landscape.size(); ++i)
    for (std::size_t j = i + 1; j < landscape.size(); ++j)
      if (blocs[i] != blocs[j])
        total += landscape.actors[i].size * landscape.actors[j].size * landscape.propensity(i, j);
  return total;
}

double frustration(const Landscape& landscape, std::span<const int> blocs, std::size_t actor) {
  double total = 0.0;
  for (std::size_t j = 0; j < landscape.size(); ++j)
    if (j != actor && blocs[j] != blocs[actor])
      total += landscape.actors[j].size * landscape.propensity(actor, j);
  return total;
}

double move_delta(const Landscape& landscape, std::span<const int> blocs, std::size_t actor,
                  int target) {
  double delta = 0.0;
  for (std::size_t j = 0; j < landscape.size(); ++j) {
    if (j == actor) continue;
    const int before = blocs[j] != blocs[actor] ? 1 : 0;
    const int after = blocs[j] != target ? 1 : 0;
    delta += landscape.actors[j].size * landscape.propensity(actor, j) * (after - before);
  }
  return landscape.actors[actor].size * delta;
}

double energy_tolerance(const Landscape& landscape) {
  double scale = 0.0;
  for (std::size_t i = 0; i < landscape.size(); ++i)
    for (std::size_t j = i + 1; j < landscape.size(); ++j)
      scale += landscape.actors[i].size * landscape.actors[j].size *
               std::abs(landscape.propensity(i, j));
  return 1e-12 * scale;
}

std::optional<Move> steepest_move(const Landscape& landscape, std::span<const int> blocs,
                                  int max_blocs) {
  const auto weights = pair_weights(landscape);
  const BlocFields fields(weights, Configuration(blocs.begin(), blocs.end()), max_blocs,
                          energy_tolerance(landscape));
  return fields.best_move();
}

bool is_local_minimum(const Landscape& landscape, std::span<const int> blocs, int max_blocs) {
  return !steepest_move(landscape, blocs, max_blocs).has_value();
}

Configuration steepest_descent(const Landscape& landscape, Configuration start, int max_blocs) {
  const auto weights = pair_weights(landscape);
  BlocFields fields(weights, std::move(start), max_blocs, energy_tolerance(landscape));
  // Every move lowers E by more than the tolerance, so the descent ends.
  while (const auto move = fields.best_move()) fields.apply(*move);
  return fields.blocs();
}

LandscapeResult exact_two_bloc_search(const Landscape& landscape, const SearchOptions& options) {
  const std::size_t n = landscape.size();
  if (n > static_cast<std::size_t>(options.max_exact_actors) || n > 63)
    throw_input_error(landscape.location, "method",
                      fmt::format("exact search over {} actors would enumerate 2^{} "
                                  "configurations (limit {} actors); use the local method",
                                  n, n - 1, std::min(options.max_exact_actors, 63)));
  const std::uint64_t count = std::uint64_t{1} << (n - 1);
  if (options.basins && count > options.max_basin_bytes)
    throw_input_error(landscape.location, "basins",
                      fmt::format("basin sizes for {} actors need {} MiB (one byte per "
                                  "configuration), over the limit of {} MiB; turn basins off",
                                  n, count >> 20, options.max_basin_bytes >> 20));
  const auto weights = pair_weights(landscape);
  const double tol = energy_tolerance(landscape);

  // Configuration index g: bit i-1 is actor i's bloc; actor 0 stays in bloc 0, which picks
  // one of the two labellings of each partition. sigma = +1 in bloc 0, -1 in bloc 1.
  // delta[i] = E change if actor i switched = sum_j w_ij sigma_i sigma_j.
  std::vector<double> sigma(n, 1.0), delta(n, 0.0);
  double current = 0.0;
  auto resynchronise = [&]() {  // bounds the rounding drift of the incremental updates
    current = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      double sum = 0.0;
      for (std::size_t j = 0; j < n; ++j) {
        sum += weights[i * n + j] * sigma[j];
        if (j > i && sigma[i] != sigma[j]) current += weights[i * n + j];
      }
      delta[i] = sigma[i] * sum;
    }
  };
  resynchronise();

  std::vector<std::uint8_t> successor(options.basins ? count : 0);
  std::vector<std::uint64_t> minima_indices;
  for (std::uint64_t step = 0; step < count; ++step) {
    const std::uint64_t index = step ^ (step >> 1);
    if (step > 0) {
      // Gray code: step flips the bit at its lowest set bit.
      const std::size_t k = static_cast<std::size_t>(std::countr_zero(step)) + 1;
      if ((step & 0xFFFF) == 0) {
        sigma[k] = -sigma[k];
        resynchronise();
      } else {
        const double* row = &weights[k * n];
        const double scale = 2.0 * sigma[k];
        current += delta[k];
        const double flipped = -delta[k];
        for (std::size_t j = 0; j < n; ++j) delta[j] -= scale * sigma[j] * row[j];
        delta[k] = flipped;
        sigma[k] = -sigma[k];
      }
    }
    // The steepest move, ties to the lowest actor (as BlocFields::best_move): starting from 0,
    // a move is taken if it beats the best so far by more than the tolerance. Branch-free.
    std::size_t best = n;
    double best_delta = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double d = delta[i];
      const bool better = d < best_delta - tol;
      best = better ? i : best;
      best_delta = better ? d : best_delta;
    }
    if (best == n) {
      if (minima_indices.size() >= options.max_minima)
        too_many_minima(landscape, options.max_minima);
      minima_indices.push_back(index);
    }
    if (options.basins) successor[index] = best == n ? kNoMove : static_cast<std::uint8_t>(best);
  }

  LandscapeResult result;
  result.method = SearchMethod::exact;
  result.blocs = 2;
  result.basins = options.basins;
  result.configurations = count;
  const std::uint64_t others = count - 1;  // every bit set: switching actor 0
  std::vector<std::uint64_t> stack;
  for (const std::uint64_t index : minima_indices) {
    LocalMinimum minimum;
    minimum.blocs = two_bloc_configuration(index, n);
    minimum.energy = energy(landscape, minimum.blocs);
    if (options.basins) {
      // The basin is the tree of configurations whose steepest move leads, step by step, here:
      // x is a child of y when x's move (actor k) turns x into y. Each x has one successor, so
      // no configuration is visited twice.
      stack.assign(1, index);
      while (!stack.empty()) {
        const std::uint64_t y = stack.back();
        stack.pop_back();
        ++minimum.basin_size;
        for (std::size_t k = 0; k < n; ++k) {
          const std::uint64_t x = k == 0 ? y ^ others : y ^ (std::uint64_t{1} << (k - 1));
          if (successor[x] == static_cast<std::uint8_t>(k)) stack.push_back(x);
        }
      }
      minimum.basin_share = static_cast<double>(minimum.basin_size) / static_cast<double>(count);
    }
    result.minima.push_back(std::move(minimum));
  }
  sort_minima(result.minima);
  return result;
}

LandscapeResult exact_partition_search(const Landscape& landscape, const SearchOptions& options) {
  check_blocs_option(landscape, options.blocs);
  const std::size_t n = landscape.size();
  const int k_max = std::min<int>(options.blocs, static_cast<int>(n));
  // Restricted growth strings a_0 = 0, a_i <= max(a_<i) + 1 < k_max, in lexicographic order,
  // so their base-k_max codes come out sorted.
  std::vector<std::uint64_t> codes;
  auto encode = [&](const Configuration& blocs) {
    std::uint64_t code = 0;
    for (const int bloc : blocs) code = code * static_cast<std::uint64_t>(k_max) + bloc;
    return code;
  };
  if (n * std::bit_width(static_cast<unsigned>(k_max)) > 64)
    throw_input_error(landscape.location, "method",
                      fmt::format("exact search over {} actors and {} blocs is too large; use "
                                  "the local method",
                                  n, options.blocs));
  Configuration current(n, 0);
  std::vector<int> prefix_max(n, 0);
  // Iterative odometer over restricted growth strings.
  while (true) {
    if (codes.size() >= options.max_partitions)
      throw_input_error(landscape.location, "method",
                        fmt::format("exact search would enumerate more than {} partitions into "
                                    "at most {} blocs; use the local method",
                                    options.max_partitions, options.blocs));
    codes.push_back(encode(current));
    std::size_t i = n - 1;
    while (i > 0 && (current[i] > prefix_max[i - 1] || current[i] + 1 >= k_max)) --i;
    if (i == 0) break;
    ++current[i];
    prefix_max[i] = std::max(prefix_max[i - 1], current[i]);
    for (std::size_t j = i + 1; j < n; ++j) {
      current[j] = 0;
      prefix_max[j] = prefix_max[i];
    }
  }
  auto decode = [&](std::uint64_t code) {
    Configuration blocs(n);
    for (std::size_t i = n; i-- > 0;) {
      blocs[i] = static_cast<int>(code % static_cast<std::uint64_t>(k_max));
      code /= static_cast<std::uint64_t>(k_max);
    }
    return blocs;
  };

  const auto weights = pair_weights(landscape);
  const double tol = energy_tolerance(landscape);
  constexpr std::uint32_t kMinimum = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> successor(codes.size(), kMinimum);
  std::vector<std::uint32_t> minima_indices;
  for (std::size_t p = 0; p < codes.size(); ++p) {
    BlocFields fields(weights, decode(codes[p]), k_max, tol);
    const auto move = fields.best_move();
    if (!move) {
      if (minima_indices.size() >= options.max_minima)
        too_many_minima(landscape, options.max_minima);
      minima_indices.push_back(static_cast<std::uint32_t>(p));
      continue;
    }
    fields.apply(*move);
    const auto next = std::lower_bound(codes.begin(), codes.end(), encode(fields.blocs()));
    successor[p] = static_cast<std::uint32_t>(next - codes.begin());
  }

  LandscapeResult result;
  result.method = SearchMethod::exact;
  result.blocs = options.blocs;
  result.basins = options.basins;
  result.configurations = codes.size();
  std::vector<std::int64_t> basin_of(codes.size(), -1);
  for (std::size_t m = 0; m < minima_indices.size(); ++m)
    basin_of[minima_indices[m]] = static_cast<std::int64_t>(m);
  std::vector<std::uint64_t> basin_sizes(minima_indices.size(), 0);
  if (options.basins) {
    std::vector<std::uint32_t> path;
    for (std::size_t p = 0; p < codes.size(); ++p) {
      std::uint32_t at = static_cast<std::uint32_t>(p);
      path.clear();
      while (basin_of[at] < 0) {
        path.push_back(at);
        at = successor[at];
      }
      for (const auto visited : path) basin_of[visited] = basin_of[at];
      ++basin_sizes[static_cast<std::size_t>(basin_of[p])];
    }
  }
  for (std::size_t m = 0; m < minima_indices.size(); ++m) {
    LocalMinimum minimum;
    minimum.blocs = decode(codes[minima_indices[m]]);
    minimum.energy = energy(landscape, minimum.blocs);
    minimum.basin_size = basin_sizes[m];
    minimum.basin_share = static_cast<double>(basin_sizes[m]) / static_cast<double>(codes.size());
    result.minima.push_back(std::move(minimum));
  }
  sort_minima(result.minima);
  return result;
}

LandscapeResult local_search(const Landscape& landscape, const SearchOptions& options) {
  check_blocs_option(landscape, options.blocs);
  if (options.starts == 0)
    throw_input_error(landscape.location, "starts", "at least one start is needed");
  const std::size_t n = landscape.size();
  const int k_max = std::min<int>(options.blocs, static_cast<int>(n));
  const auto weights = pair_weights(landscape);
  const double tol = energy_tolerance(landscape);
  std::map<Configuration, std::uint64_t> reached;
  Configuration start(n);
  for (std::uint64_t s = 0; s < options.starts; ++s) {
    RandomStream stream(options.seed, s, "landscape.start");
    for (auto& bloc : start)
      bloc = static_cast<int>(stream.index(static_cast<std::uint32_t>(k_max)));
    BlocFields fields(weights, start, k_max, tol);
    while (const auto move = fields.best_move()) fields.apply(*move);
    ++reached[fields.blocs()];
  }
  LandscapeResult result;
  result.method = SearchMethod::local;
  result.blocs = options.blocs;
  result.basins = true;
  result.configurations = options.starts;
  for (const auto& [blocs, hits] : reached) {
    LocalMinimum minimum;
    minimum.blocs = blocs;
    minimum.energy = energy(landscape, blocs);
    minimum.basin_size = hits;
    minimum.basin_share = static_cast<double>(hits) / static_cast<double>(options.starts);
    result.minima.push_back(minimum);
  }
  sort_minima(result.minima);
  return result;
}

LandscapeResult search_landscape(const Landscape& landscape, const SearchOptions& options) {
  validate_landscape(landscape);
  check_blocs_option(landscape, options.blocs);
  if (options.method == SearchMethod::local) return local_search(landscape, options);
  if (options.blocs == 2) return exact_two_bloc_search(landscape, options);
  return exact_partition_search(landscape, options);
}

}  // namespace linchpin::alignment
