#include "linchpin/mechanisms/pendulum.hpp"

#include "linchpin/mechanisms/alliance_roles.hpp"

#include <fmt/format.h>

#include <cmath>

namespace linchpin {

double stance_discordance(std::span<const double> a, std::span<const double> b,
                          const std::vector<StanceDimension>& dimensions) {
  if (dimensions.empty()) return 0.0;
  double total = 0.0;
  for (std::size_t d = 0; d < dimensions.size(); ++d)
    total += std::fabs(a[d] - b[d]) / (dimensions[d].high - dimensions[d].low);
  return total / double(dimensions.size());
}

std::vector<ParameterSchema> PendulumMechanism::parameter_schema() {
  return {ParameterSchema{
      "discordant_threshold",
      "Discordance at or above which a pair of executives counts as discordant", "discordance",
      0.30,
      "The essay's example of a discordant pair, Moon Jae-in (2017-22) and Donald J. Trump "
      "(2017-21), measured on the coded stances in data/leaders: mean(|0.5-0.3|, |0.6-0.9|, "
      "|0.9-0.6|, |0.7-0.2|, |0.2-0.4|) = 0.30",
      0.0, 1.0, false}};
}

PendulumMechanism::PendulumMechanism(const Scenario& scenario) : scenario_(scenario) {
  if (const auto* section = scenario.mechanism_section("pendulum")) {
    const auto it = section->parameters.find("discordant_threshold");
    if (it != section->parameters.end()) threshold_ = it->second.nominal();
  }
  const std::vector<int> executive_of = executive_offices(scenario);
  const auto& alliances = scenario.definition().alliances;
  for (std::size_t index = 0; index < alliances.size(); ++index) {
    const auto& alliance = alliances[index];
    TrackedAlliance tracked;
    tracked.alliance = int(index);
    bool all_governed = true;
    for (int member : alliance.members) {
      all_governed = all_governed && executive_of[member] >= 0;
      tracked.executive_offices.push_back(executive_of[member]);
    }
    if (!all_governed || scenario.politics().stance_dimensions.empty()) continue;
    tracked_.push_back(std::move(tracked));
    metrics_.push_back(
        MetricSpec{fmt::format("pendulum.{}.discordance", alliance.id), "discordance",
                   fmt::format("Mean stance gap between the executives of {} (0 same, 1 opposite)",
                               alliance.name),
                   0.0, 1.0, MetricKind::continuous});
    outcomes_.push_back(OutcomeSpec{
        fmt::format("pendulum.{}.discordant_pair", alliance.id),
        fmt::format("The executives of {} are at least as discordant as Moon-Trump in some month",
                    alliance.name)});
  }
}

class PendulumTrial final : public MechanismTrial {
 public:
  PendulumTrial(const PendulumMechanism& mechanism, World& world, TrialSink& sink)
      : mechanism_(mechanism) {
    publish(world, sink);
  }

  void step(World& world, TrialSink& sink) override { publish(world, sink); }

 private:
  void publish(World& world, TrialSink& sink) {
    const auto& dimensions = mechanism_.scenario_.politics().stance_dimensions;
    for (std::size_t a = 0; a < mechanism_.tracked_.size(); ++a) {
      const auto& offices = mechanism_.tracked_[a].executive_offices;
      // Mean over member pairs, so a trilateral partnership is comparable with a pair.
      double total = 0.0;
      int pairs = 0;
      for (std::size_t i = 0; i < offices.size(); ++i) {
        for (std::size_t j = i + 1; j < offices.size(); ++j) {
          total += stance_discordance(world.offices[offices[i]].stance,
                                      world.offices[offices[j]].stance, dimensions);
          ++pairs;
        }
      }
      const double discordance = pairs > 0 ? total / pairs : 0.0;
      sink.set_metric(a, discordance);
      world.alliances[mechanism_.tracked_[a].alliance].discordance = discordance;
      if (discordance >= mechanism_.threshold_) sink.occur(a);
    }
  }

  const PendulumMechanism& mechanism_;
};

std::unique_ptr<MechanismTrial> PendulumMechanism::start_trial(World& world,
                                                               const TrialContext& /*context*/,
                                                               TrialSink& sink) const {
  return std::make_unique<PendulumTrial>(*this, world, sink);
}

}  // namespace linchpin
