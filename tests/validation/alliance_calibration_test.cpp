// The alliance mechanisms' hazard defaults are fits on the repository's episode record
// (data/episodes, data/leaders); this test refits them and checks the built-in defaults.
#include "linchpin/analytics/alliance_calibration.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace linchpin::analytics {
namespace {

TEST(AllianceCalibration, PrintsFits) {
  const auto record = read_episode_record(test::source_dir() / "data");
  for (const auto& c : calibrate_alliance_hazards(record)) {
    double events = 0, months = 0;
    for (const auto& cell : c.cells) {
      events += cell.events;
      months += cell.exposure_months;
    }
    fmt::print("{}: {} events / {} months; b0 {:.4f} ({:.4f}) b1 {:.4f} ({:.4f}); rate x=0 {:.5f} x=0.5 {:.5f} x=1 {:.5f}\n",
               c.name, events, months, c.fit.coefficients[0], c.fit.standard_errors[0],
               c.fit.coefficients[1], c.fit.standard_errors[1], predicted_rate(c.fit, {0.0}),
               predicted_rate(c.fit, {0.5}), predicted_rate(c.fit, {1.0}));
    for (const auto& cell : c.cells)
      fmt::print("   x={:.3f} months={} events={}\n", cell.covariates[0], cell.exposure_months, cell.events);
  }
}

}  // namespace
}  // namespace linchpin::analytics
