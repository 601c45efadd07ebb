#include "linchpin/engine/ensemble_aggregate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace linchpin {
namespace {

TEST(MetricBinning, DiscreteGetsOneBinPerValue) {
  MetricSpec spec{"m", "", "", 0.0, 2.0, MetricKind::discrete};
  const auto binning = MetricBinning::for_metric(spec);
  EXPECT_EQ(binning.bins, 3);
  EXPECT_EQ(binning.bin_of(0.0), 0);
  EXPECT_EQ(binning.bin_of(2.0), 2);
  EXPECT_EQ(binning.bin_of(3.0), 3);    // above range
  EXPECT_EQ(binning.bin_of(-1.0), -1);  // below range
}

TEST(MetricBinning, ContinuousEdgesIncluded) {
  MetricSpec spec{"m", "", "", 0.0, 1.0, MetricKind::continuous};
  const auto binning = MetricBinning::for_metric(spec);
  EXPECT_EQ(binning.bin_of(0.0), 0);
  EXPECT_EQ(binning.bin_of(1.0), binning.bins - 1);
  EXPECT_EQ(binning.bin_of(0.5), binning.bins / 2);
}

TEST(HistogramQuantile, DiscreteInverseCdf) {
  MetricBinning binning{0.0, 1.0, 3, true};
  const std::uint32_t counts[] = {6, 3, 1};  // values 0 (60%), 1 (30%), 2 (10%)
  EXPECT_EQ(histogram_quantile(binning, counts, 0, 0, 0.05), 0.0);
  EXPECT_EQ(histogram_quantile(binning, counts, 0, 0, 0.60), 0.0);
  EXPECT_EQ(histogram_quantile(binning, counts, 0, 0, 0.61), 1.0);
  EXPECT_EQ(histogram_quantile(binning, counts, 0, 0, 0.95), 2.0);
}

TEST(HistogramQuantile, ContinuousInterpolatesInsideBin) {
  MetricBinning binning{0.0, 0.25, 4, false};
  const std::uint32_t counts[] = {0, 4, 4, 0};  // uniform on [0.25, 0.75]
  EXPECT_NEAR(histogram_quantile(binning, counts, 0, 0, 0.5), 0.5, 1e-12);
  EXPECT_NEAR(histogram_quantile(binning, counts, 0, 0, 0.25), 0.375, 1e-12);
  EXPECT_NEAR(histogram_quantile(binning, counts, 0, 0, 0.75), 0.625, 1e-12);
}

TEST(HistogramQuantile, OutOfRangeMassSitsAtTheBounds) {
  MetricBinning binning{0.0, 1.0, 2, true};
  const std::uint32_t counts[] = {1, 1};
  EXPECT_EQ(histogram_quantile(binning, counts, 8, 0, 0.5), 0.0);
  EXPECT_EQ(histogram_quantile(binning, counts, 0, 8, 0.5), 2.0);
  const std::uint32_t empty[] = {0, 0};
  EXPECT_TRUE(std::isnan(histogram_quantile(binning, empty, 0, 0, 0.5)));
}

}  // namespace
}  // namespace linchpin
