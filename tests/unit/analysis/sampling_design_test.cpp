#include "linchpin/analysis/sampling_design.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "linchpin/core/error.hpp"
#include "linchpin/core/statistics.hpp"

namespace linchpin::analysis {
namespace {

TEST(SamplingDesign, SobolFirstPointsInGrayCodeOrder) {
  // Points 0..9 of the 3-D sequence (dimension 1 van der Corput; dimension 2 s=1 m=1; dimension
  // 3 s=2 a=1 m=1,3), as worked by hand from the Gray-code recurrence.
  const double expected[10][3] = {{0, 0, 0},
                                  {0.5, 0.5, 0.5},
                                  {0.75, 0.25, 0.25},
                                  {0.25, 0.75, 0.75},
                                  {0.375, 0.375, 0.625},
                                  {0.875, 0.875, 0.125},
                                  {0.625, 0.125, 0.875},
                                  {0.125, 0.625, 0.375},
                                  {0.1875, 0.3125, 0.9375},
                                  {0.6875, 0.8125, 0.4375}};
  const Design design = sobol_sequence(10, 3);
  ASSERT_EQ(design.rows, 10u);
  for (std::size_t n = 0; n < 10; ++n)
    for (std::size_t j = 0; j < 3; ++j) EXPECT_EQ(design(n, j), expected[n][j]) << n << "," << j;
}

TEST(SamplingDesign, SobolStratifiesEveryMarginOfAPowerOfTwoPrefix) {
  const std::size_t count = 512;
  const Design design = sobol_sequence(count, sobol_max_dimensions());
  EXPECT_EQ(sobol_max_dimensions(), 128u);
  for (std::size_t j = 0; j < design.columns; ++j) {
    std::set<long> cells;
    for (std::size_t n = 0; n < count; ++n) cells.insert(long(std::floor(design(n, j) * count)));
    EXPECT_EQ(cells.size(), count) << "dimension " << j + 1;
  }
  // Sobol' sequences are (t, s)-sequences: the first two dimensions form a (0, m, 2)-net, so
  // every 2^a x 2^b elementary box with a + b = 9 holds exactly one point.
  std::set<long> boxes;
  for (std::size_t n = 0; n < count; ++n)
    boxes.insert(long(std::floor(design(n, 0) * 16)) * 32 + long(std::floor(design(n, 1) * 32)));
  EXPECT_EQ(boxes.size(), count);
}

TEST(SamplingDesign, SobolSkipContinuesTheSequence) {
  const Design whole = sobol_sequence(20, 5);
  const Design tail = sobol_sequence(13, 5, 7);
  for (std::size_t n = 0; n < 13; ++n)
    for (std::size_t j = 0; j < 5; ++j) EXPECT_EQ(tail(n, j), whole(n + 7, j));
  EXPECT_THROW(sobol_sequence(4, 0), InputError);
  EXPECT_THROW(sobol_sequence(4, 129), InputError);
}

TEST(SamplingDesign, SaltelliBlocksCrossTheTwoMatrices) {
  const std::size_t n = 8, d = 3;
  const Design design = saltelli_design(n, d, true);
  ASSERT_EQ(design.rows, n * (2 * d + 2));
  EXPECT_EQ(saltelli_rows(n, d, false), n * (d + 2));
  const Design base = sobol_sequence(n, 2 * d);
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = 0; i < d; ++i) {
      EXPECT_EQ(design(j, i), base(j, i));          // A
      EXPECT_EQ(design(n + j, i), base(j, d + i));  // B
      for (std::size_t k = 0; k < d; ++k) {
        EXPECT_EQ(design((2 + i) * n + j, k), k == i ? base(j, d + k) : base(j, k));  // A_B^(i)
        EXPECT_EQ(design((2 + d + i) * n + j, k), k == i ? base(j, k) : base(j, d + k));
      }
    }
  EXPECT_THROW(saltelli_design(8, 65), InputError);
}

TEST(SamplingDesign, MorrisTrajectoriesMoveEachInputOnceOnTheGrid) {
  MorrisDesignOptions options;
  options.trajectories = 12;
  options.levels = 4;
  options.seed = 3;
  const std::size_t d = 5;
  const Design design = morris_design(d, options);
  ASSERT_EQ(design.rows, 12 * (d + 1));
  const double delta = morris_delta(4);
  EXPECT_DOUBLE_EQ(delta, 2.0 / 3.0);
  for (std::size_t t = 0; t < 12; ++t) {
    std::set<std::size_t> moved;
    for (std::size_t s = 0; s <= d; ++s)
      for (std::size_t i = 0; i < d; ++i) {
        const double x = design(t * (d + 1) + s, i);
        EXPECT_NEAR(x * 3, std::round(x * 3), 1e-12);  // on {0, 1/3, 2/3, 1}
        EXPECT_GE(x, 0.0);
        EXPECT_LE(x, 1.0);
      }
    for (std::size_t s = 0; s < d; ++s)
      for (std::size_t i = 0; i < d; ++i) {
        const double step = design(t * (d + 1) + s + 1, i) - design(t * (d + 1) + s, i);
        if (step != 0.0) {
          EXPECT_NEAR(std::abs(step), delta, 1e-12);
          EXPECT_TRUE(moved.insert(i).second);
        }
      }
    EXPECT_EQ(moved.size(), d);
  }
  EXPECT_EQ(morris_design(d, options).values, design.values);  // seeded
  options.levels = 3;
  EXPECT_THROW(morris_design(d, options), InputError);
}

// Campolongo et al.'s spread criterion: the square root of the summed squared pairwise distances.
double spread(const Design& design, std::size_t r) {
  const std::size_t points = design.columns + 1;
  double total = 0.0;
  for (std::size_t m = 0; m < r; ++m)
    for (std::size_t l = m + 1; l < r; ++l) {
      double distance = 0.0;
      for (std::size_t p = 0; p < points; ++p)
        for (std::size_t q = 0; q < points; ++q) {
          double squared = 0.0;
          for (std::size_t z = 0; z < design.columns; ++z) {
            const double diff = design(m * points + p, z) - design(l * points + q, z);
            squared += diff * diff;
          }
          distance += std::sqrt(squared);
        }
      total += distance * distance;
    }
  return std::sqrt(total);
}

TEST(SamplingDesign, CampolongoSelectionSpreadsTheTrajectories) {
  MorrisDesignOptions plain;
  plain.trajectories = 10;
  plain.seed = 11;
  MorrisDesignOptions spread_out = plain;
  spread_out.candidates = 100;
  const Design drawn = morris_design(6, plain);  // the first 10 of the same 100 candidates
  const Design chosen = morris_design(6, spread_out);
  EXPECT_EQ(chosen.rows, drawn.rows);
  EXPECT_GT(spread(chosen, 10), 1.05 * spread(drawn, 10));
}

TEST(SamplingDesign, LatinHypercubeHasOnePointPerStratum) {
  const Design design = latin_hypercube(50, 4, 9);
  for (std::size_t j = 0; j < 4; ++j) {
    std::set<long> strata;
    for (std::size_t i = 0; i < 50; ++i) strata.insert(long(std::floor(design(i, j) * 50)));
    EXPECT_EQ(strata.size(), 50u);
  }
  EXPECT_EQ(latin_hypercube(50, 4, 9).values, design.values);
  EXPECT_NE(latin_hypercube(50, 4, 10).values, design.values);
}

TEST(SamplingDesign, FullFactorialEnumeratesEveryCombination) {
  const int levels[] = {2, 3, 1};
  const Design design = full_factorial(levels);
  ASSERT_EQ(design.rows, 6u);
  const double expected[6][3] = {{0, 0, 0.5}, {0, 0.5, 0.5}, {0, 1, 0.5},
                                 {1, 0, 0.5}, {1, 0.5, 0.5}, {1, 1, 0.5}};
  for (std::size_t n = 0; n < 6; ++n)
    for (std::size_t j = 0; j < 3; ++j) EXPECT_EQ(design(n, j), expected[n][j]);
}

TEST(SamplingDesign, MapsUnitCoordinatesThroughInverseDistributions) {
  using D = InputDistribution;
  EXPECT_DOUBLE_EQ(map_unit_value(0.25, {D::uniform, 2, 4, 0}), 2.5);
  EXPECT_NEAR(map_unit_value(0.5, {D::normal, 10, 2, 0}), 10.0, 1e-9);
  EXPECT_NEAR(map_unit_value(normal_cdf(1.0), {D::normal, 10, 2, 0}), 12.0, 1e-6);
  EXPECT_TRUE(std::isfinite(map_unit_value(0.0, {D::normal, 0, 1, 0})));
  // Triangular on [0, 1] with mode 0.5: F(0.25) = 2 * 0.25^2 = 0.125; F(mode) = 0.5.
  EXPECT_NEAR(map_unit_value(0.125, {D::triangular, 0, 1, 0.5}), 0.25, 1e-12);
  EXPECT_NEAR(map_unit_value(0.5, {D::triangular, 0, 1, 0.5}), 0.5, 1e-12);
  EXPECT_NEAR(map_unit_value(0.875, {D::triangular, 0, 1, 0.5}), 0.75, 1e-12);
  Design unit(1, 2);
  unit(0, 0) = 0.5;
  unit(0, 1) = 1.0;
  const InputRange ranges[] = {{D::uniform, -1, 1, 0}, {D::triangular, 0, 4, 4}};
  const Design mapped = map_to_ranges(unit, ranges);
  EXPECT_DOUBLE_EQ(mapped(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(mapped(0, 1), 4.0);
  const InputRange bad[] = {{D::uniform, 1, 1, 0}, {D::normal, 0, 1, 0}};
  EXPECT_THROW(map_to_ranges(unit, bad), InputError);
  EXPECT_EQ(parse_enum(kInputDistributionNames, "triangular"), D::triangular);
}

}  // namespace
}  // namespace linchpin::analysis
