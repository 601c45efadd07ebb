#include "linchpin/mechanisms/event_processes.hpp"

#include <gtest/gtest.h>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/engine/simulation.hpp"
#include "test_support.hpp"

namespace linchpin {
namespace {

// Records the metric series of one trial.
class Recorder final : public MonthObserver {
 public:
  void observe(int, const std::vector<double>& values) override { rows.push_back(values); }
  std::vector<std::vector<double>> rows;
};

TEST(EventProcesses, RollingTwelveMonthCountIsConsistentWithEvents) {
  const Scenario scenario =
      load_scenario((test::source_dir() / "tests/scenarios/minimal.yaml").string());
  const Simulation simulation(scenario);
  std::size_t metric = 0;
  for (; metric < simulation.metrics().size(); ++metric)
    if (simulation.metrics()[metric].spec.name == "events.launches.rolling_count") break;
  ASSERT_LT(metric, simulation.metrics().size());
  Recorder recorder;
  const auto outcome = simulation.run_trial(42, 3, true, recorder);
  std::vector<double> monthly(scenario.horizon_months() + 1, 0.0);
  for (const auto& traced : outcome.events)
    if (traced.event.kind == "event.launches")
      monthly[traced.event.month_index] += traced.event.magnitude;
  for (int month = 1; month <= scenario.horizon_months(); ++month) {
    double expected = 0.0;
    for (int k = std::max(1, month - 11); k <= month; ++k) expected += monthly[k];
    EXPECT_EQ(recorder.rows[month][metric], expected) << "month " << month;
  }
}

}  // namespace
}  // namespace linchpin
