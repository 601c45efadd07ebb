#include "linchpin/mechanisms/force_posture.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "linchpin/core/random_stream.hpp"
#include "linchpin/mechanisms/mechanism_parameters.hpp"

namespace linchpin {

double posture_hazard(double intercept, double slope, double x, double friction,
                      double friction_weight, double distraction, double distraction_weight) {
  const double rate = std::exp(intercept + slope * x) * (1.0 + friction_weight * friction) *
                      (1.0 + distraction_weight * distraction);
  return std::min(rate, 1.0);
}

std::vector<ParameterSchema> ForcePostureMechanism::parameter_schema() {
  return {
      {"announcement_intercept", "Log monthly rate of withdrawal decisions at the record's mean covariate",
       "log(1/month)", -5.3111,
       "Penalised Poisson fit on data/episodes: 5 troop_withdrawal_announced 1953-01..2026-11 "
       "(887 president-months), covariate 1 - alliance_commitment centred at 0.363; se 0.484 "
       "(docs/models/calibration.md)",
       -20, 0, false},
      {"announcement_slope", "Slope on 1 - the patron executive's alliance commitment", "log-rate",
       2.1412, "Same fit; se 1.441", -10, 10, false},
      {"threat_intercept", "Log monthly rate of withdrawal threats at the record's mean discordance",
       "log(1/month)", -4.7797,
       "Penalised Poisson fit on data/episodes: 4 withdrawal_threat 1988-02..2026-11 (466 months), "
       "covariate US-ROK discordance on the coded stances, centred at 0.200; se 0.502",
       -20, 0, false},
      {"threat_slope", "Slope on the executives' discordance", "log-rate", 2.2389,
       "Same fit; se 2.219", -10, 10, false},
      {"announcement_centre", "Centre of the announcement covariate (1 - commitment)", "stance",
       0.3630, "Exposure-weighted mean of the covariate over the fit window: the covariate is centred so the intercept is the log rate at the record's average (linchpin calibrate; docs/models/calibration.md)", 0, 1, false},
      {"threat_centre", "Centre of the threat covariate (discordance)", "stance", 0.1999, "Exposure-weighted mean of the covariate over the fit window: the covariate is centred so the intercept is the log rate at the record's average (linchpin calibrate; docs/models/calibration.md)",
       0, 1, false},
      {"friction_weight", "Hazard multiplier per unit of alliance friction: (1 + w * friction)",
       "1/friction", 0.0,
       "Not in the fit, so off by default: the fitted hazards already average over the record's "
       "friction; a lever for sensitivity analysis (1 would double the hazards at full friction)",
       0, 20, false},
      {"distraction_weight", "Hazard multiplier per unit of patron distraction", "1/share", 0.0,
       "Not in the fit, so off by default (the 1970-71 and 2004 reductions drew forces for Vietnam "
       "and Iraq, but the record has no distraction series to estimate it on); a lever for "
       "sensitivity analysis",
       0, 20, false},
      {"statutory_floor", "Troop level a statute bars cuts below (0: none)", "personnel", 0,
       "Definition: no floor unless the scenario cites one", 0, 1e6, false},
      {"floor_multiplier", "Withdrawal-decision hazard multiplier while a statutory floor binds",
       "factor", 0.5,
       "Assumption: Congress can be overridden (certification waivers), so a floor halves rather "
       "than removes the hazard",
       0, 1, false},
      {"cut_fraction_min", "Smallest share of troops a decision withdraws", "share", 0.15,
       "data/episodes: 1990 phase I 7,000 of ~44,000 (16%)", 0, 1, false},
      {"cut_fraction_max", "Largest share of troops a decision withdraws", "share", 0.35,
       "data/episodes: 1970 20,000 of ~63,000 (32%); 2004 12,500 of 37,500 (33%)", 0, 1, false},
      {"execution_months", "Months over which a decision is carried out", "months", 24,
       "data/episodes: executed over 5 (1971), 9 (1978), 32 (1990-92) and 44 (2004-08) months; "
       "median about 20, rounded to two years",
       1, 120, true},
      {"halt_rate", "Monthly probability that withdrawals under way are halted", "1/month", 0.02,
       "data/episodes: 2 of 5 decisions halted early (Carter 1979 after 29 months, 2008 freeze "
       "at 28,500 after 46): about 2 halts in 100 plan-months",
       0, 1, false},
      {"threat_friction", "Friction a withdrawal threat adds", "friction", 0.15,
       "Assumption: three threats in 2018-20 (data/episodes) take friction most of the way to the "
       "severe-stress threshold 0.5",
       0, 1, false},
      {"decision_friction", "Friction a withdrawal decision adds", "friction", 0.25,
       "Assumption: a decision is a larger shock than a threat (Carter 1977 plan)", 0, 1, false},
  };
}

ForcePostureMechanism::ForcePostureMechanism(const Scenario& scenario)
    : scenario_(scenario),
      commitment_dimension_(stance_dimension(scenario, "alliance_commitment")) {
  for (const auto& roles : patron_host_alliances(scenario)) {
    if (roles.troops_start <= 0.0) continue;
    const auto& id = scenario.definition().alliances[roles.alliance].id;
    alliances_.push_back(roles);
    ids_.push_back(id);
    metrics_.push_back({fmt::format("force_posture.{}.troops", id), "personnel",
                        "Forward-deployed troops", 0.0, roles.troops_start * 1.2,
                        MetricKind::continuous});
    outcomes_.push_back({fmt::format("force_posture.{}.withdrawal_threat", id),
                         "The patron's executive threatens to withdraw troops"});
    outcomes_.push_back({fmt::format("force_posture.{}.withdrawal_decision", id),
                         "The patron decides and announces a troop reduction"});
    outcomes_.push_back({fmt::format("force_posture.{}.drawdown_25", id),
                         "Troops fall to 75% of the starting level or below"});
  }
}

class ForcePostureTrial final : public MechanismTrial {
 public:
  ForcePostureTrial(const ForcePostureMechanism& mechanism, World& world,
                    const TrialContext& context, TrialSink& sink)
      : mechanism_(mechanism),
        parameters_(mechanism.scenario_, "force_posture", ForcePostureMechanism::parameter_schema(),
                    context),
        stream_(context.seed, context.trial, purpose_id("force_posture:decisions")) {
    plans_.resize(mechanism.alliances_.size());
    leader_serial_.resize(mechanism.alliances_.size());
    for (std::size_t i = 0; i < mechanism.alliances_.size(); ++i) {
      const auto& roles = mechanism.alliances_[i];
      auto& state = world.alliances[roles.alliance];
      state.troops = state.troops_start = roles.troops_start;
      leader_serial_[i] = world.offices[roles.patron_executive].leader_serial;
    }
    publish(world, sink);
  }

  void step(World& world, TrialSink& sink) override {
    const auto& scenario = mechanism_.scenario_;
    for (std::size_t i = 0; i < mechanism_.alliances_.size(); ++i) {
      const double u_threat = stream_.uniform();
      const double u_decision = stream_.uniform();
      const double u_size = stream_.uniform();
      const double u_halt = stream_.uniform();
      const auto& roles = mechanism_.alliances_[i];
      auto& state = world.alliances[roles.alliance];
      // Peacetime posture politics only: no withdrawal threats or decisions in wartime or after
      // the treaty has ended.
      if (world.at_war() || !state.in_force) continue;
      const auto& patron = world.offices[roles.patron_executive];
      const double commitment =
          unit_stance(scenario, patron, mechanism_.commitment_dimension_, 0.5);
      const double friction = state.friction;
      ++state.months_since_threat;

      const double threat =
          posture_hazard(parameters_["threat_intercept"], parameters_["threat_slope"],
                         state.discordance - parameters_["threat_centre"], friction,
                         parameters_["friction_weight"],
                         world.patron_distraction, parameters_["distraction_weight"]);
      if (u_threat < threat) {
        state.months_since_threat = 0;
        state.friction_shock += parameters_["threat_friction"];
        sink.occur(3 * i);
        emit_event(sink, "force_posture.withdrawal_threat", [&] {
          return fmt::format("{}: the patron threatens to withdraw troops (hazard {:.3f})",
                             mechanism_.ids_[i], threat);
        });
      }

      double decision =
          posture_hazard(parameters_["announcement_intercept"], parameters_["announcement_slope"],
                         1.0 - commitment - parameters_["announcement_centre"], friction,
                         parameters_["friction_weight"],
                         world.patron_distraction, parameters_["distraction_weight"]);
      if (parameters_["statutory_floor"] > 0.0 &&
          state.troops <= parameters_["statutory_floor"] + 0.5)
        decision *= parameters_["floor_multiplier"];
      if (u_decision < decision) {
        const double low = parameters_["cut_fraction_min"];
        const double high = std::max(low, parameters_["cut_fraction_max"]);
        const double cut = (low + (high - low) * u_size) * state.troops;
        const int months = std::max(1, int(parameters_["execution_months"]));
        plans_[i].push_back(Plan{cut / months, months});
        state.friction_shock += parameters_["decision_friction"];
        sink.occur(3 * i + 1);
        emit_event(sink, "force_posture.withdrawal_decision", cut, [&] {
          return fmt::format("{}: the patron decides to withdraw {:.0f} troops over {} months",
                             mechanism_.ids_[i], cut, months);
        });
      }

      // A new patron executive committed to the alliance stops withdrawals under way, as
      // Carter's successor-era review and the 2008 freeze did.
      const bool committed_successor =
          patron.leader_serial != leader_serial_[i] && commitment >= 0.7;
      leader_serial_[i] = patron.leader_serial;
      if (!plans_[i].empty() && (u_halt < parameters_["halt_rate"] || committed_successor)) {
        plans_[i].clear();
        emit_event(sink, "force_posture.withdrawal_halted", [&] {
          return fmt::format("{}: withdrawals under way are halted", mechanism_.ids_[i]);
        });
      }
      for (auto& plan : plans_[i]) {
        state.troops = std::max(0.0, state.troops - plan.per_month);
        --plan.months_left;
      }
      std::erase_if(plans_[i], [](const Plan& plan) { return plan.months_left <= 0; });
      if (state.troops <= 0.75 * state.troops_start + 1e-9) sink.occur(3 * i + 2);
    }
    publish(world, sink);
  }

 private:
  struct Plan {
    double per_month = 0.0;
    int months_left = 0;
  };

  void publish(const World& world, TrialSink& sink) {
    for (std::size_t i = 0; i < mechanism_.alliances_.size(); ++i)
      sink.set_metric(i, world.alliances[mechanism_.alliances_[i].alliance].troops);
  }

  const ForcePostureMechanism& mechanism_;
  MechanismParameters parameters_;
  RandomStream stream_;
  std::vector<std::vector<Plan>> plans_;
  std::vector<int> leader_serial_;
};

std::unique_ptr<MechanismTrial> ForcePostureMechanism::start_trial(World& world,
                                                                   const TrialContext& context,
                                                                   TrialSink& sink) const {
  return std::make_unique<ForcePostureTrial>(*this, world, context, sink);
}

}  // namespace linchpin
