#pragma once
// Experimental designs on the unit hypercube for global sensitivity analysis and scenario
// discovery: the Sobol' low-discrepancy sequence (Joe & Kuo 2008 direction numbers), Saltelli
// cross-sampling matrices, Morris trajectories, Latin hypercubes and full factorials, and the
// mapping of unit coordinates to input distributions. Documented in docs/analysis/sensitivity.md.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "linchpin/core/enum_names.hpp"

namespace linchpin::analysis {

// Points as rows, inputs as columns, stored row-major so one point is contiguous.
struct Design {
  std::size_t rows = 0;
  std::size_t columns = 0;
  std::vector<double> values;

  Design() = default;
  Design(std::size_t row_count, std::size_t column_count)
      : rows(row_count), columns(column_count), values(row_count * column_count, 0.0) {}
  double operator()(std::size_t row, std::size_t column) const {
    return values[row * columns + column];
  }
  double& operator()(std::size_t row, std::size_t column) { return values[row * columns + column]; }
  std::span<const double> row(std::size_t r) const {
    return {values.data() + r * columns, columns};
  }
};

// Dimensions the built-in direction-number table supports (dimension 1 plus Joe & Kuo's
// new-joe-kuo-6.21201 rows for dimensions 2..128).
std::size_t sobol_max_dimensions();

// `count` points of the (unscrambled) Sobol' sequence in Gray-code order, starting at index
// `skip` (index 0 is the origin). Coordinates are k / 2^32. The first 2^m points of every
// dimension fall one in each interval [i/2^m, (i+1)/2^m).
Design sobol_sequence(std::size_t count, std::size_t dimensions, std::size_t skip = 0);

// Saltelli's cross-sampling design: A and B are the two halves (columns 1..d and d+1..2d) of a
// 2d-dimensional Sobol' sequence; A_B^(i) is A with column i taken from B, and (second order
// only) B_A^(i) is B with column i taken from A. Rows are stored in blocks of N:
//   block 0 = A, block 1 = B, block 2+i = A_B^(i), block 2+d+i = B_A^(i)   (i = 0..d-1),
// so sample j of block b is row b*N + j: N(d+2) rows, or N(2d+2) with second order.
std::size_t saltelli_rows(std::size_t base_samples, std::size_t dimensions, bool second_order);
Design saltelli_design(std::size_t base_samples, std::size_t dimensions, bool second_order = false,
                       std::size_t skip = 0);

// Morris (1991) one-at-a-time trajectories on a p-level grid {0, 1/(p-1), ..., 1}. Each
// trajectory has d+1 points; consecutive points differ in exactly one input, by +-delta with
// delta = p / (2(p-1)), and every input moves once. With `candidates` > `trajectories`, that
// many trajectories are drawn and `trajectories` of them kept to spread over the space
// (Campolongo, Cariboni & Saltelli 2007 distance, maximised greedily). Rows: r(d+1), trajectory
// t occupying rows t(d+1) .. t(d+1)+d.
struct MorrisDesignOptions {
  std::size_t trajectories = 10;
  int levels = 4;              // p, even so that delta = p/(2(p-1)) lands on the grid
  std::size_t candidates = 0;  // 0: keep every drawn trajectory
  std::uint64_t seed = 0;
};
double morris_delta(int levels);
Design morris_design(std::size_t dimensions, const MorrisDesignOptions& options);

// Latin hypercube (McKay, Beckman & Conover 1979): in each column exactly one point per
// stratum [k/n, (k+1)/n), placed uniformly inside it; drawn from
// RandomStream(seed, 0, "analysis.latin_hypercube").
Design latin_hypercube(std::size_t count, std::size_t dimensions, std::uint64_t seed);

// Every combination of the given levels per input; level k of an input with L levels is
// k/(L-1) (0.5 when L = 1). The first input varies slowest.
Design full_factorial(std::span<const int> levels);

// How a unit coordinate becomes an input value (inverse-CDF mapping).
enum class InputDistribution { uniform, normal, triangular };
inline constexpr std::array<EnumName<InputDistribution>, 3> kInputDistributionNames{{
    {InputDistribution::uniform, "uniform"},
    {InputDistribution::normal, "normal"},
    {InputDistribution::triangular, "triangular"},
}};

// uniform: [a, b]; normal: mean a, standard deviation b; triangular: [a, b] with mode c.
struct InputRange {
  InputDistribution distribution = InputDistribution::uniform;
  double a = 0.0;
  double b = 1.0;
  double c = 0.5;
};

// The input value at unit coordinate u. A normal input clamps u to [1e-12, 1 - 1e-12] so the
// design's corner points (u = 0 is the Sobol' origin) map to finite values.
double map_unit_value(double u, const InputRange& range);
// Each column mapped through its range; throws InputError for an invalid range.
Design map_to_ranges(const Design& unit_design, std::span<const InputRange> ranges);

}  // namespace linchpin::analysis
