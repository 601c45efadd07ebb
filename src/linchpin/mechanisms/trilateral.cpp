#include "linchpin/mechanisms/trilateral.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "linchpin/core/random_stream.hpp"
#include "linchpin/mechanisms/mechanism_parameters.hpp"

namespace linchpin {

double trilateral_lapse_hazard(double intercept, double slope, double centre,
                               double weakest_support) {
  return std::min(1.0, std::exp(intercept + slope * (1.0 - weakest_support - centre)));
}

std::vector<ParameterSchema> TrilateralMechanism::parameter_schema() {
  return {
      {"lapse_intercept", "Log monthly lapse rate at the record's mean covariate",
       "log(1/month)", -5.0307,
       "Penalised Poisson fit on data/episodes: 3 ruptures (2012-06, 2019-07, 2019-08) 1993-02.."
       "2026-11 (406 months), covariate 1 - ROK trilateral_support centred at 0.477; se 0.612",
       -20, 0, false},
      {"lapse_slope", "Slope on 1 - the weakest member executive's support", "log-rate", 2.1354,
       "Same fit; se 1.871", -10, 10, false},
      {"lapse_centre", "Centre of the lapse covariate (1 - weakest support)", "stance", 0.4773,
       "Exposure-weighted mean of the covariate over the fit window: the covariate is centred so the intercept is the log rate at the record's average (linchpin calibrate; docs/models/calibration.md)", 0, 1, false},
      {"restoration_threshold", "Support every executive needs before cooperation can be restored",
       "stance", 0.6,
       "Assumption: restoration came under Yoon (1.0) with Biden (1.0) and Kishida; the lowest "
       "coded support under which cooperation was built (Park 0.6, GSOMIA 2016)",
       0, 1, false},
      {"restoration_rate", "Monthly probability of restoration once the threshold is met",
       "1/month", 1.0 / 12.0,
       "data/episodes: Yoon took office 2022-05 and the export-control row closed 2023-03 "
       "(10 months), Camp David 2023-08 (15): about a year",
       0, 1, false},
  };
}

TrilateralMechanism::TrilateralMechanism(const Scenario& scenario)
    : scenario_(scenario), support_dimension_(stance_dimension(scenario, "trilateral_support")) {
  const auto& alliances = scenario.definition().alliances;
  const auto pairs = patron_host_alliances(scenario);
  for (const auto& partnership : partnerships(scenario)) {
    const auto& alliance = alliances[partnership.alliance];
    partnerships_.push_back(partnership);
    ids_.push_back(alliance.id);
    std::vector<int> inside;
    for (const auto& pair : pairs)
      if (has_members(alliance, pair.patron, pair.host)) inside.push_back(pair.alliance);
    member_alliances_.push_back(inside);
    metrics_.push_back({fmt::format("trilateral.{}.in_force", alliance.id), "flag",
                        fmt::format("1 while {} is in force", alliance.name), 0.0, 1.0,
                        MetricKind::discrete});
    outcomes_.push_back(
        {fmt::format("trilateral.{}.lapse", alliance.id), fmt::format("{} lapses", alliance.name)});
  }
}

class TrilateralTrial final : public MechanismTrial {
 public:
  TrilateralTrial(const TrilateralMechanism& mechanism, World& world, const TrialContext& context,
                  TrialSink& sink)
      : mechanism_(mechanism),
        parameters_(mechanism.scenario_, "trilateral", TrilateralMechanism::parameter_schema(),
                    context),
        stream_(context.seed, context.trial, purpose_id("trilateral:status")) {
    publish(world, sink);
  }

  void step(World& world, TrialSink& sink) override {
    const auto& scenario = mechanism_.scenario_;
    for (std::size_t i = 0; i < mechanism_.partnerships_.size(); ++i) {
      const double u_lapse = stream_.uniform();
      const double u_restore = stream_.uniform();
      const auto& partnership = mechanism_.partnerships_[i];
      auto& state = world.alliances[partnership.alliance];
      if (world.at_war()) continue;  // peacetime lapses and restorations only
      double weakest = 1.0;
      for (int office : partnership.executives)
        weakest = std::min(weakest, unit_stance(scenario, world.offices[office],
                                                mechanism_.support_dimension_, 1.0));
      if (state.in_force) {
        const double hazard =
            trilateral_lapse_hazard(parameters_["lapse_intercept"], parameters_["lapse_slope"],
                                    parameters_["lapse_centre"], weakest);
        if (u_lapse < hazard) {
          state.in_force = false;
          sink.occur(i);
          emit(sink, "trilateral.lapse", i,
               fmt::format("cooperation lapses (weakest support {:.2f})", weakest));
        }
      } else if (weakest >= parameters_["restoration_threshold"] &&
                 u_restore < parameters_["restoration_rate"]) {
        state.in_force = true;
        // Restoring security cooperation is an alignment move the rival may answer.
        for (int alliance : mechanism_.member_alliances_[i])
          world.alliances[alliance].months_since_alignment_move = 0;
        emit(sink, "trilateral.restored", i, "cooperation restored");
      }
    }
    publish(world, sink);
  }

 private:
  void emit(TrialSink& sink, const char* kind, std::size_t i, const std::string& detail) {
    emit_event(sink, kind, [&] { return fmt::format("{}: {}", mechanism_.ids_[i], detail); });
  }

  void publish(const World& world, TrialSink& sink) {
    for (std::size_t i = 0; i < mechanism_.partnerships_.size(); ++i)
      sink.set_metric(i,
                      world.alliances[mechanism_.partnerships_[i].alliance].in_force ? 1.0 : 0.0);
  }

  const TrilateralMechanism& mechanism_;
  MechanismParameters parameters_;
  RandomStream stream_;
};

std::unique_ptr<MechanismTrial> TrilateralMechanism::start_trial(World& world,
                                                                 const TrialContext& context,
                                                                 TrialSink& sink) const {
  return std::make_unique<TrilateralTrial>(*this, world, context, sink);
}

}  // namespace linchpin
