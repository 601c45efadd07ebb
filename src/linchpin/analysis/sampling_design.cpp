// Designs on the unit hypercube; see sampling_design.hpp.
#include "linchpin/analysis/sampling_design.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>
#include <string>

#include "linchpin/core/error.hpp"
#include "linchpin/core/random_stream.hpp"
#include "linchpin/core/statistics.hpp"

namespace linchpin::analysis {

namespace {

// A row of Joe & Kuo's table: degree s of the primitive polynomial, its inner coefficients a
// (as bits), and the initial direction numbers m_1..m_s.
struct DirectionRow {
  int degree;
  unsigned coefficients;
  std::array<unsigned, 10> initial;
};

// S. Joe and F. Y. Kuo (2008), "Constructing Sobol sequences with better two-dimensional
// projections", SIAM J. Sci. Comput. 30:2635-2654; file new-joe-kuo-6.21201, dimensions 2..128.
// Published numbers, typed as data.
constexpr DirectionRow kJoeKuo[] = {
    {1, 0, {1}},                                          // dimension 2
    {2, 1, {1, 3}},                                       // dimension 3
    {3, 1, {1, 3, 1}},                                    // dimension 4
    {3, 2, {1, 1, 1}},                                    // dimension 5
    {4, 1, {1, 1, 3, 3}},                                 // dimension 6
    {4, 4, {1, 3, 5, 13}},                                // dimension 7
    {5, 2, {1, 1, 5, 5, 17}},                             // dimension 8
    {5, 4, {1, 1, 5, 5, 5}},                              // dimension 9
    {5, 7, {1, 1, 7, 11, 19}},                            // dimension 10
    {5, 11, {1, 1, 5, 1, 1}},                             // dimension 11
    {5, 13, {1, 1, 1, 3, 11}},                            // dimension 12
    {5, 14, {1, 3, 5, 5, 31}},                            // dimension 13
    {6, 1, {1, 3, 3, 9, 7, 49}},                          // dimension 14
    {6, 13, {1, 1, 1, 15, 21, 21}},                       // dimension 15
    {6, 16, {1, 3, 1, 13, 27, 49}},                       // dimension 16
    {6, 19, {1, 1, 1, 15, 7, 5}},                         // dimension 17
    {6, 22, {1, 3, 1, 15, 13, 25}},                       // dimension 18
    {6, 25, {1, 1, 5, 5, 19, 61}},                        // dimension 19
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},                   // dimension 20
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},                    // dimension 21
    {7, 7, {1, 1, 3, 13, 7, 35, 63}},                     // dimension 22
    {7, 8, {1, 3, 5, 9, 1, 25, 53}},                      // dimension 23
    {7, 14, {1, 3, 1, 13, 9, 35, 107}},                   // dimension 24
    {7, 19, {1, 3, 1, 5, 27, 61, 31}},                    // dimension 25
    {7, 21, {1, 1, 5, 11, 19, 41, 61}},                   // dimension 26
    {7, 28, {1, 3, 5, 3, 3, 13, 69}},                     // dimension 27
    {7, 31, {1, 1, 7, 13, 1, 19, 1}},                     // dimension 28
    {7, 32, {1, 3, 7, 5, 13, 19, 59}},                    // dimension 29
    {7, 37, {1, 1, 3, 9, 25, 29, 41}},                    // dimension 30
    {7, 41, {1, 3, 5, 13, 23, 1, 55}},                    // dimension 31
    {7, 42, {1, 3, 7, 3, 13, 59, 17}},                    // dimension 32
    {7, 50, {1, 3, 1, 3, 5, 53, 69}},                     // dimension 33
    {7, 55, {1, 1, 5, 5, 23, 33, 13}},                    // dimension 34
    {7, 56, {1, 1, 7, 7, 1, 61, 123}},                    // dimension 35
    {7, 59, {1, 1, 7, 9, 13, 61, 49}},                    // dimension 36
    {7, 62, {1, 3, 3, 5, 3, 55, 33}},                     // dimension 37
    {8, 14, {1, 3, 1, 15, 31, 13, 49, 245}},              // dimension 38
    {8, 21, {1, 3, 5, 15, 31, 59, 63, 97}},               // dimension 39
    {8, 22, {1, 3, 1, 11, 11, 11, 77, 249}},              // dimension 40
    {8, 38, {1, 3, 1, 11, 27, 43, 71, 9}},                // dimension 41
    {8, 47, {1, 1, 7, 15, 21, 11, 81, 45}},               // dimension 42
    {8, 49, {1, 3, 7, 3, 25, 31, 65, 79}},                // dimension 43
    {8, 50, {1, 3, 1, 1, 19, 11, 3, 205}},                // dimension 44
    {8, 52, {1, 1, 5, 9, 19, 21, 29, 157}},               // dimension 45
    {8, 56, {1, 3, 7, 11, 1, 33, 89, 185}},               // dimension 46
    {8, 67, {1, 3, 3, 3, 15, 9, 79, 71}},                 // dimension 47
    {8, 70, {1, 3, 7, 11, 15, 39, 119, 27}},              // dimension 48
    {8, 84, {1, 1, 3, 1, 11, 31, 97, 225}},               // dimension 49
    {8, 97, {1, 1, 1, 3, 23, 43, 57, 177}},               // dimension 50
    {8, 103, {1, 3, 7, 7, 17, 17, 37, 71}},               // dimension 51
    {8, 115, {1, 3, 1, 5, 27, 63, 123, 213}},             // dimension 52
    {8, 122, {1, 1, 3, 5, 11, 43, 53, 133}},              // dimension 53
    {9, 8, {1, 3, 5, 5, 29, 17, 47, 173, 479}},           // dimension 54
    {9, 13, {1, 3, 3, 11, 3, 1, 109, 9, 69}},             // dimension 55
    {9, 16, {1, 1, 1, 5, 17, 39, 23, 5, 343}},            // dimension 56
    {9, 22, {1, 3, 1, 5, 25, 15, 31, 103, 499}},          // dimension 57
    {9, 25, {1, 1, 1, 11, 11, 17, 63, 105, 183}},         // dimension 58
    {9, 44, {1, 1, 5, 11, 9, 29, 97, 231, 363}},          // dimension 59
    {9, 47, {1, 1, 5, 15, 19, 45, 41, 7, 383}},           // dimension 60
    {9, 52, {1, 3, 7, 7, 31, 19, 83, 137, 221}},          // dimension 61
    {9, 55, {1, 1, 1, 3, 23, 15, 111, 223, 83}},          // dimension 62
    {9, 59, {1, 1, 5, 13, 31, 15, 55, 25, 161}},          // dimension 63
    {9, 62, {1, 1, 3, 13, 25, 47, 39, 87, 257}},          // dimension 64
    {9, 67, {1, 1, 1, 11, 21, 53, 125, 249, 293}},        // dimension 65
    {9, 74, {1, 1, 7, 11, 11, 7, 57, 79, 323}},           // dimension 66
    {9, 81, {1, 1, 5, 5, 17, 13, 81, 3, 131}},            // dimension 67
    {9, 82, {1, 1, 7, 13, 23, 7, 65, 251, 475}},          // dimension 68
    {9, 87, {1, 3, 5, 1, 9, 43, 3, 149, 11}},             // dimension 69
    {9, 91, {1, 1, 3, 13, 31, 13, 13, 255, 487}},         // dimension 70
    {9, 94, {1, 3, 3, 1, 5, 63, 89, 91, 127}},            // dimension 71
    {9, 103, {1, 1, 3, 3, 1, 19, 123, 127, 237}},         // dimension 72
    {9, 104, {1, 1, 5, 7, 23, 31, 37, 243, 289}},         // dimension 73
    {9, 109, {1, 1, 5, 11, 17, 53, 117, 183, 491}},       // dimension 74
    {9, 122, {1, 1, 1, 5, 1, 13, 13, 209, 345}},          // dimension 75
    {9, 124, {1, 1, 3, 15, 1, 57, 115, 7, 33}},           // dimension 76
    {9, 137, {1, 3, 1, 11, 7, 43, 81, 207, 175}},         // dimension 77
    {9, 138, {1, 3, 1, 1, 15, 27, 63, 255, 49}},          // dimension 78
    {9, 143, {1, 3, 5, 3, 27, 61, 105, 171, 305}},        // dimension 79
    {9, 145, {1, 1, 5, 3, 1, 3, 57, 249, 149}},           // dimension 80
    {9, 152, {1, 1, 3, 5, 5, 57, 15, 13, 159}},           // dimension 81
    {9, 157, {1, 1, 1, 11, 7, 11, 105, 141, 225}},        // dimension 82
    {9, 167, {1, 3, 3, 5, 27, 59, 121, 101, 271}},        // dimension 83
    {9, 173, {1, 3, 5, 9, 11, 49, 51, 59, 115}},          // dimension 84
    {9, 176, {1, 1, 7, 1, 23, 45, 125, 71, 419}},         // dimension 85
    {9, 181, {1, 1, 3, 5, 23, 5, 105, 109, 75}},          // dimension 86
    {9, 182, {1, 1, 7, 15, 7, 11, 67, 121, 453}},         // dimension 87
    {9, 185, {1, 3, 7, 3, 9, 13, 31, 27, 449}},           // dimension 88
    {9, 191, {1, 3, 1, 15, 19, 39, 39, 89, 15}},          // dimension 89
    {9, 194, {1, 1, 1, 1, 1, 33, 73, 145, 379}},          // dimension 90
    {9, 199, {1, 3, 1, 15, 15, 43, 29, 13, 483}},         // dimension 91
    {9, 218, {1, 1, 7, 3, 19, 27, 85, 131, 431}},         // dimension 92
    {9, 220, {1, 3, 3, 3, 5, 35, 23, 195, 349}},          // dimension 93
    {9, 227, {1, 3, 3, 7, 9, 27, 39, 59, 297}},           // dimension 94
    {9, 229, {1, 1, 3, 9, 11, 17, 13, 241, 157}},         // dimension 95
    {9, 230, {1, 3, 7, 15, 25, 57, 33, 189, 213}},        // dimension 96
    {9, 234, {1, 1, 7, 1, 9, 55, 73, 83, 217}},           // dimension 97
    {9, 236, {1, 3, 3, 13, 19, 27, 23, 113, 249}},        // dimension 98
    {9, 241, {1, 3, 5, 3, 23, 43, 3, 253, 479}},          // dimension 99
    {9, 244, {1, 1, 5, 5, 11, 5, 45, 117, 217}},          // dimension 100
    {9, 253, {1, 3, 3, 7, 29, 37, 33, 123, 147}},         // dimension 101
    {10, 4, {1, 3, 1, 15, 5, 5, 37, 227, 223, 459}},      // dimension 102
    {10, 13, {1, 1, 7, 5, 5, 39, 63, 255, 135, 487}},     // dimension 103
    {10, 19, {1, 3, 1, 7, 9, 7, 87, 249, 217, 599}},      // dimension 104
    {10, 22, {1, 1, 3, 13, 9, 47, 7, 225, 363, 247}},     // dimension 105
    {10, 50, {1, 3, 7, 13, 19, 13, 9, 67, 9, 737}},       // dimension 106
    {10, 55, {1, 3, 5, 5, 19, 59, 7, 41, 319, 677}},      // dimension 107
    {10, 64, {1, 1, 5, 3, 31, 63, 15, 43, 207, 789}},     // dimension 108
    {10, 69, {1, 1, 7, 9, 13, 39, 3, 47, 497, 169}},      // dimension 109
    {10, 98, {1, 3, 1, 7, 21, 17, 97, 19, 415, 905}},     // dimension 110
    {10, 107, {1, 3, 7, 1, 3, 31, 71, 111, 165, 127}},    // dimension 111
    {10, 115, {1, 1, 5, 11, 1, 61, 83, 119, 203, 847}},   // dimension 112
    {10, 121, {1, 3, 3, 13, 9, 61, 19, 97, 47, 35}},      // dimension 113
    {10, 127, {1, 1, 7, 7, 15, 29, 63, 95, 417, 469}},    // dimension 114
    {10, 134, {1, 3, 1, 9, 25, 9, 71, 57, 213, 385}},     // dimension 115
    {10, 140, {1, 3, 5, 13, 31, 47, 101, 57, 39, 341}},   // dimension 116
    {10, 145, {1, 1, 3, 3, 31, 57, 125, 173, 365, 551}},  // dimension 117
    {10, 152, {1, 3, 7, 1, 13, 57, 67, 157, 451, 707}},   // dimension 118
    {10, 158, {1, 1, 1, 7, 21, 13, 105, 89, 429, 965}},   // dimension 119
    {10, 161, {1, 1, 5, 9, 17, 51, 45, 119, 157, 141}},   // dimension 120
    {10, 171, {1, 3, 7, 7, 13, 45, 91, 9, 129, 741}},     // dimension 121
    {10, 181, {1, 3, 7, 1, 23, 57, 67, 141, 151, 571}},   // dimension 122
    {10, 194, {1, 1, 3, 11, 17, 47, 93, 107, 375, 157}},  // dimension 123
    {10, 199, {1, 3, 3, 5, 11, 21, 43, 51, 169, 915}},    // dimension 124
    {10, 203, {1, 1, 5, 3, 15, 55, 101, 67, 455, 625}},   // dimension 125
    {10, 208, {1, 3, 5, 9, 1, 23, 29, 47, 345, 595}},     // dimension 126
    {10, 227, {1, 3, 7, 7, 5, 49, 29, 155, 323, 589}},    // dimension 127
    {10, 242, {1, 3, 3, 7, 5, 41, 127, 61, 261, 717}},    // dimension 128
};

constexpr int kBits = 32;

std::array<std::uint32_t, kBits> direction_numbers(std::size_t dimension) {
  std::array<std::uint32_t, kBits> v{};
  if (dimension == 0) {  // van der Corput in base 2
    for (int k = 0; k < kBits; ++k) v[k] = std::uint32_t{1} << (kBits - 1 - k);
    return v;
  }
  const DirectionRow& row = kJoeKuo[dimension - 1];
  const int s = row.degree;
  for (int k = 0; k < kBits; ++k) {
    if (k < s) {
      v[k] = row.initial[k] << (kBits - 1 - k);
      continue;
    }
    // Bratley & Fox recurrence: v_k = a_1 v_{k-1} ^ ... ^ a_{s-1} v_{k-s+1} ^ v_{k-s} ^ (v_{k-s} >>
    // s).
    std::uint32_t x = v[k - s] ^ (v[k - s] >> s);
    for (int l = 1; l < s; ++l)
      if ((row.coefficients >> (s - 1 - l)) & 1u) x ^= v[k - l];
    v[k] = x;
  }
  return v;
}

void require(bool condition, const char* key, const std::string& message) {
  if (!condition) throw_input_error({}, key, message);
}

}  // namespace

std::size_t sobol_max_dimensions() {
  return std::size(kJoeKuo) + 1;
}

Design sobol_sequence(std::size_t count, std::size_t dimensions, std::size_t skip) {
  require(dimensions >= 1 && dimensions <= sobol_max_dimensions(), "dimensions",
          fmt::format("between 1 and {} Sobol' dimensions", sobol_max_dimensions()));
  require(count + skip <= (std::size_t{1} << kBits), "samples", "at most 2^32 Sobol' points");
  Design design(count, dimensions);
  if (count == 0) return design;
  std::vector<std::array<std::uint32_t, kBits>> v(dimensions);
  for (std::size_t j = 0; j < dimensions; ++j) v[j] = direction_numbers(j);
  // The point at Gray-code index g(n) = n ^ (n >> 1) is the XOR of the direction numbers of
  // g's set bits; consecutive points then differ by one direction number (Antonov & Saleev).
  std::vector<std::uint32_t> x(dimensions, 0);
  const std::uint64_t gray = std::uint64_t(skip) ^ (std::uint64_t(skip) >> 1);
  for (int k = 0; k < kBits; ++k)
    if ((gray >> k) & 1u)
      for (std::size_t j = 0; j < dimensions; ++j) x[j] ^= v[j][k];
  constexpr double kScale = 1.0 / 4294967296.0;
  for (std::size_t n = 0; n < count; ++n) {
    for (std::size_t j = 0; j < dimensions; ++j) design(n, j) = x[j] * kScale;
    // Next index skip+n+1 flips the bit at the lowest zero of skip+n.
    const auto c = std::countr_one(std::uint64_t(skip + n));
    if (c >= kBits) break;
    for (std::size_t j = 0; j < dimensions; ++j) x[j] ^= v[j][c];
  }
  return design;
}

std::size_t saltelli_rows(std::size_t base_samples, std::size_t dimensions, bool second_order) {
  return base_samples * (second_order ? 2 * dimensions + 2 : dimensions + 2);
}

Design saltelli_design(std::size_t base_samples, std::size_t dimensions, bool second_order,
                       std::size_t skip) {
  require(base_samples >= 2, "samples", "at least 2 base samples");
  require(dimensions >= 1 && 2 * dimensions <= sobol_max_dimensions(), "dimensions",
          fmt::format("between 1 and {} inputs (the design uses 2d Sobol' dimensions)",
                      sobol_max_dimensions() / 2));
  const Design base = sobol_sequence(base_samples, 2 * dimensions, skip);
  const std::size_t n = base_samples;
  const std::size_t d = dimensions;
  Design design(saltelli_rows(n, d, second_order), d);
  for (std::size_t j = 0; j < n; ++j) {
    const double* a = base.values.data() + j * 2 * d;
    const double* b = a + d;
    std::copy(a, a + d, &design(j, 0));
    std::copy(b, b + d, &design(n + j, 0));
    for (std::size_t i = 0; i < d; ++i) {
      double* ab = &design((2 + i) * n + j, 0);
      std::copy(a, a + d, ab);
      ab[i] = b[i];
      if (second_order) {
        double* ba = &design((2 + d + i) * n + j, 0);
        std::copy(b, b + d, ba);
        ba[i] = a[i];
      }
    }
  }
  return design;
}

double morris_delta(int levels) {
  return levels / (2.0 * (levels - 1));
}

namespace {

// One trajectory: a random grid point as base, inputs moved once each in random order, each by
// +delta or -delta (the direction drawn, the base placed so that both points are on the grid).
void draw_trajectory(RandomStream& stream, std::size_t d, int levels, double* rows) {
  const double step = 1.0 / (levels - 1);
  const double delta = morris_delta(levels);
  const auto base_levels = std::uint32_t(levels / 2);  // levels 0..p/2-1: x + delta <= 1
  std::vector<double> x(d);
  std::vector<int> direction(d);
  for (std::size_t i = 0; i < d; ++i) {
    const double low = stream.index(base_levels) * step;
    direction[i] = stream.bernoulli(0.5) ? 1 : -1;
    x[i] = direction[i] > 0 ? low : low + delta;
  }
  std::vector<std::size_t> order(d);
  std::iota(order.begin(), order.end(), std::size_t{0});
  for (std::size_t i = d; i > 1; --i)
    std::swap(order[i - 1], order[stream.index(std::uint32_t(i))]);
  std::copy(x.begin(), x.end(), rows);
  for (std::size_t s = 0; s < d; ++s) {
    const std::size_t i = order[s];
    x[i] += direction[i] * delta;
    std::copy(x.begin(), x.end(), rows + (s + 1) * d);
  }
}

// Campolongo et al. (2007): the distance between trajectories m and l is the sum over their
// point pairs of the Euclidean distance. Consecutive points of m differ in one input only
// (`moved`), so each squared distance follows from the previous one in O(1): the cost per pair
// of trajectories is O(d^2) rather than O(d^3).
double trajectory_distance(const Design& candidates, const std::vector<std::size_t>& moved,
                           std::size_t m, std::size_t l) {
  const std::size_t d = candidates.columns;
  const std::size_t points = d + 1;
  double total = 0.0;
  for (std::size_t q = 0; q < points; ++q) {
    const double* y = candidates.values.data() + (l * points + q) * d;
    const double* x = candidates.values.data() + m * points * d;
    double squared = 0.0;
    for (std::size_t z = 0; z < d; ++z) squared += (x[z] - y[z]) * (x[z] - y[z]);
    total += std::sqrt(squared);
    for (std::size_t p = 1; p < points; ++p) {
      const std::size_t z = moved[m * d + p - 1];
      const double before = x[(p - 1) * d + z] - y[z];
      const double after = x[p * d + z] - y[z];
      squared += after * after - before * before;
      total += std::sqrt(std::max(squared, 0.0));
    }
  }
  return total;
}

}  // namespace

Design morris_design(std::size_t dimensions, const MorrisDesignOptions& options) {
  require(dimensions >= 1, "dimensions", "at least one input");
  require(options.levels >= 2 && options.levels % 2 == 0, "levels",
          "an even number of grid levels, at least 2");
  require(options.trajectories >= 2, "trajectories", "at least 2 Morris trajectories");
  require(options.candidates == 0 || options.candidates >= options.trajectories, "candidates",
          "0 or at least as many candidate trajectories as trajectories kept");
  const std::size_t d = dimensions;
  const std::size_t points = d + 1;
  const std::size_t drawn = std::max(options.trajectories, options.candidates);
  Design all(drawn * points, d);
  RandomStream stream(options.seed, 0, "analysis.morris_trajectories");
  for (std::size_t t = 0; t < drawn; ++t)
    draw_trajectory(stream, d, options.levels, &all(t * points, 0));
  if (drawn == options.trajectories) return all;

  // Greedy forward selection on Campolongo's criterion D^2 = sum of squared pairwise distances:
  // start from the farthest pair, then repeatedly add the candidate with the largest sum of
  // squared distances to those chosen (exhaustive search over subsets is combinatorial).
  std::vector<std::size_t> moved(drawn * d);  // the input moved at each step of each trajectory
  for (std::size_t t = 0; t < drawn; ++t)
    for (std::size_t s = 0; s < d; ++s)
      for (std::size_t i = 0; i < d; ++i)
        if (all(t * points + s + 1, i) != all(t * points + s, i)) moved[t * d + s] = i;
  std::vector<double> distance(drawn * drawn, 0.0);
  for (std::size_t m = 0; m < drawn; ++m)
    for (std::size_t l = m + 1; l < drawn; ++l)
      distance[m * drawn + l] = distance[l * drawn + m] = trajectory_distance(all, moved, m, l);
  std::vector<std::size_t> chosen;
  std::size_t best_m = 0, best_l = 1;
  for (std::size_t m = 0; m < drawn; ++m)
    for (std::size_t l = m + 1; l < drawn; ++l)
      if (distance[m * drawn + l] > distance[best_m * drawn + best_l]) best_m = m, best_l = l;
  chosen = {best_m, best_l};
  std::vector<double> score(drawn, 0.0);
  std::vector<bool> taken(drawn, false);
  taken[best_m] = taken[best_l] = true;
  for (std::size_t c = 0; c < drawn; ++c)
    score[c] = distance[c * drawn + best_m] * distance[c * drawn + best_m] +
               distance[c * drawn + best_l] * distance[c * drawn + best_l];
  while (chosen.size() < options.trajectories) {
    std::size_t next = drawn;
    for (std::size_t c = 0; c < drawn; ++c)
      if (!taken[c] && (next == drawn || score[c] > score[next])) next = c;
    taken[next] = true;
    chosen.push_back(next);
    for (std::size_t c = 0; c < drawn; ++c)
      score[c] += distance[c * drawn + next] * distance[c * drawn + next];
  }
  std::sort(chosen.begin(), chosen.end());  // keep the drawing order
  Design design(options.trajectories * points, d);
  for (std::size_t t = 0; t < chosen.size(); ++t)
    std::copy_n(&all(chosen[t] * points, 0), points * d, &design(t * points, 0));
  return design;
}

Design latin_hypercube(std::size_t count, std::size_t dimensions, std::uint64_t seed) {
  require(count >= 1 && count <= 0xffffffffu, "samples", "between 1 and 2^32-1 points");
  require(dimensions >= 1, "dimensions", "at least one input");
  Design design(count, dimensions);
  RandomStream stream(seed, 0, "analysis.latin_hypercube");
  std::vector<std::uint32_t> strata(count);
  for (std::size_t j = 0; j < dimensions; ++j) {
    std::iota(strata.begin(), strata.end(), std::uint32_t{0});
    for (std::size_t i = count; i > 1; --i)
      std::swap(strata[i - 1], strata[stream.index(std::uint32_t(i))]);
    for (std::size_t i = 0; i < count; ++i)
      design(i, j) = (strata[i] + stream.uniform()) / double(count);
  }
  return design;
}

Design full_factorial(std::span<const int> levels) {
  require(!levels.empty(), "levels", "at least one input");
  std::size_t count = 1;
  for (int l : levels) {
    require(l >= 1, "levels", "at least one level per input");
    count *= std::size_t(l);
  }
  Design design(count, levels.size());
  for (std::size_t n = 0; n < count; ++n) {
    std::size_t rest = n;
    for (std::size_t j = levels.size(); j-- > 0;) {
      const auto l = std::size_t(levels[j]);
      const std::size_t k = rest % l;
      rest /= l;
      design(n, j) = l == 1 ? 0.5 : double(k) / double(l - 1);
    }
  }
  return design;
}

double map_unit_value(double u, const InputRange& range) {
  switch (range.distribution) {
    case InputDistribution::uniform:
      return range.a + u * (range.b - range.a);
    case InputDistribution::normal:
      return range.a + range.b * normal_quantile(std::clamp(u, 1e-12, 1.0 - 1e-12));
    case InputDistribution::triangular: {
      const double width = range.b - range.a;
      const double split = (range.c - range.a) / width;  // CDF at the mode
      return u < split ? range.a + std::sqrt(u * width * (range.c - range.a))
                       : range.b - std::sqrt((1.0 - u) * width * (range.b - range.c));
    }
  }
  return 0.0;
}

Design map_to_ranges(const Design& unit_design, std::span<const InputRange> ranges) {
  require(ranges.size() == unit_design.columns, "ranges",
          fmt::format("one range per design column ({})", unit_design.columns));
  for (std::size_t j = 0; j < ranges.size(); ++j) {
    const auto& r = ranges[j];
    const auto key = fmt::format("ranges[{}]", j);
    switch (r.distribution) {
      case InputDistribution::uniform:
        require(r.a < r.b, key.c_str(), "a uniform range with a < b");
        break;
      case InputDistribution::normal:
        require(r.b > 0, key.c_str(), "a normal distribution with standard deviation > 0");
        break;
      case InputDistribution::triangular:
        require(r.a < r.b && r.a <= r.c && r.c <= r.b, key.c_str(),
                "a triangular distribution with a <= mode <= b and a < b");
        break;
    }
  }
  Design mapped(unit_design.rows, unit_design.columns);
  for (std::size_t i = 0; i < unit_design.rows; ++i)
    for (std::size_t j = 0; j < unit_design.columns; ++j)
      mapped(i, j) = map_unit_value(unit_design(i, j), ranges[j]);
  return mapped;
}

}  // namespace linchpin::analysis
