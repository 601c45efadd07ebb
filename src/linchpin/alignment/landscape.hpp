#pragma once
// Landscape theory of aggregation (Axelrod & Bennett 1993, BJPS 23(2):211-233).
//
// Actors i with sizes s_i >= 0 and symmetric pairwise propensities p_ij (positive: they want
// to be together, negative: apart) are split into blocs. A configuration X assigns each
// actor a bloc; d_ij(X) = 0 when i and j share a bloc, 1 otherwise. Linchpin's energy is
//   E(X) = sum_{i<j} s_i s_j p_ij d_ij(X),
// half the paper's sum over ordered pairs (footnote 2 of the paper sums both i in A, j in B
// and i in B, j in A), so every minimum, move and basin is the same. Actor i's frustration is
//   F_i(X) = sum_{j != i} s_j p_ij d_ij(X),
// and a myopic move of actor i to another bloc changes E by s_i times the change in F_i, so a
// move that lowers an actor's frustration lowers the energy (the paper's footnote 2).
//
// Dynamics (Linchpin's documented, deterministic rule): steepest descent. From X the system
// makes the single-actor move with the largest energy decrease; ties (within a tolerance) go
// to the lowest actor index, then the lowest target bloc in canonical labelling (a new, empty
// bloc last). It stops at a local minimum, a configuration no single move lowers by more than
// the tolerance. The basin of a local minimum is the set of configurations whose steepest
// descent ends there, so basins partition the configuration space.
//
// Configurations are partitions: blocs are unlabelled, so they are stored canonically
// (bloc labels in order of first appearance; actor 0 is always in bloc 0).
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "linchpin/core/enum_names.hpp"
#include "linchpin/core/error.hpp"

namespace linchpin::alignment {

struct LandscapeActor {
  std::string name;
  double size = 0.0;        // >= 0, e.g. CINC
  SourceLocation location;  // where the actor was read, for error messages
};

struct Landscape {
  std::vector<LandscapeActor> actors;
  std::vector<double> propensities;  // n x n, row-major, symmetric; the diagonal is ignored
  SourceLocation location;

  std::size_t size() const { return actors.size(); }
  double propensity(std::size_t i, std::size_t j) const {
    return propensities[i * actors.size() + j];
  }
};

// Throws InputError unless there are at least two actors, every size is finite and >= 0, the
// matrix is n x n, finite and symmetric (to 1e-9 relative).
void validate_landscape(const Landscape& landscape);

// A bloc index per actor.
using Configuration = std::vector<int>;

// Relabels blocs in order of first appearance (actor 0 gets 0).
Configuration canonical(std::span<const int> blocs);
// Number of distinct blocs used.
int bloc_count(std::span<const int> blocs);

// E(X) = sum_{i<j} s_i s_j p_ij d_ij(X), computed from scratch.
double energy(const Landscape& landscape, std::span<const int> blocs);
// F_i(X) = sum_{j != i} s_j p_ij d_ij(X).
double frustration(const Landscape& landscape, std::span<const int> blocs, std::size_t actor);
// E(after) - E(before) when `actor` moves to bloc `target` (any label; an unused label is a
// new bloc).
double move_delta(const Landscape& landscape, std::span<const int> blocs, std::size_t actor,
                  int target);

// Moves that change E by less than this are not improvements (absorbs rounding): 1e-12 times
// sum_{i<j} s_i s_j |p_ij|.
double energy_tolerance(const Landscape& landscape);

struct Move {
  std::size_t actor = 0;
  int target = 0;  // canonical label of the target bloc; bloc_count() means a new bloc
  double delta = 0.0;
};

// The steepest-descent move from a canonical configuration with at most `max_blocs` blocs, or
// nullopt at a local minimum. Ties within the tolerance: lowest actor, then lowest target.
std::optional<Move> steepest_move(const Landscape& landscape, std::span<const int> blocs,
                                  int max_blocs);
bool is_local_minimum(const Landscape& landscape, std::span<const int> blocs, int max_blocs);
// Follows steepest_move until a local minimum; returns it in canonical form.
Configuration steepest_descent(const Landscape& landscape, Configuration start, int max_blocs);

enum class SearchMethod { exact, local };
inline constexpr std::array<EnumName<SearchMethod>, 2> kSearchMethodNames = {{
    {SearchMethod::exact, "exact"},
    {SearchMethod::local, "local"},
}};

struct SearchOptions {
  int blocs = 2;  // the most blocs a configuration may have, >= 2
  SearchMethod method = SearchMethod::exact;
  bool basins = true;                          // exact: compute every basin's size
  std::uint64_t starts = 1000;                 // local: random starting configurations
  std::uint64_t seed = 1;                      // local: RandomStream seed
  int max_exact_actors = 40;                   // two blocs: refuse exact search beyond this
  std::uint64_t max_basin_bytes = 1ULL << 30;  // two blocs: one byte per configuration
  std::uint64_t max_partitions = 1ULL << 22;   // three or more blocs: partitions enumerated
  std::uint64_t max_minima = 100000;           // a flatter landscape is refused
};

struct LocalMinimum {
  Configuration blocs;  // canonical
  double energy = 0.0;  // recomputed from scratch
  // Exact: configurations (partitions) whose steepest descent ends here. Local: starts that
  // ended here. Zero when basins were not computed.
  std::uint64_t basin_size = 0;
  double basin_share = 0.0;  // basin_size / configurations
};

struct LandscapeResult {
  SearchMethod method = SearchMethod::exact;
  int blocs = 2;
  bool basins = false;               // basin sizes were computed
  std::uint64_t configurations = 0;  // exact: partitions enumerated; local: starts
  // Ascending energy (ties: lexicographic blocs). Exact: every local minimum, the first is
  // the global minimum. Local: the distinct minima reached, the first is the best found.
  std::vector<LocalMinimum> minima;
};

// Exact two-bloc search: Gray-code enumeration of the 2^(n-1) partitions with O(n) updates.
LandscapeResult exact_two_bloc_search(const Landscape& landscape, const SearchOptions& options);
// Exact search with up to options.blocs blocs by enumerating partitions (restricted growth
// strings); for small systems (options.max_partitions).
LandscapeResult exact_partition_search(const Landscape& landscape, const SearchOptions& options);
// Steepest descent from options.starts uniformly random bloc assignments.
LandscapeResult local_search(const Landscape& landscape, const SearchOptions& options);
// Validates, then dispatches on method and blocs.
LandscapeResult search_landscape(const Landscape& landscape, const SearchOptions& options);

}  // namespace linchpin::alignment
