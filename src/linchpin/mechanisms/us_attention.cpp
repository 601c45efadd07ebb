#include "linchpin/mechanisms/us_attention.hpp"

#include <algorithm>
#include <cmath>

#include "linchpin/analytics/system_structure.hpp"
#include "linchpin/mechanisms/alliance_roles.hpp"
#include "linchpin/mechanisms/mechanism_parameters.hpp"

namespace linchpin {

double patron_distraction(std::span<const double> weights, std::span<const double> loads,
                          double scale) {
  double total = 0.0;
  for (std::size_t i = 0; i < loads.size(); ++i) total += weights[i] * loads[i];
  return 1.0 - std::exp(-scale * total);
}

double projected_cinc(double cinc, double trend_per_year, double years) {
  return std::max(0.0, cinc + trend_per_year * years);
}

std::vector<ParameterSchema> UsAttentionMechanism::parameter_schema() {
  return {
      {"crisis_load", "Attention a theatre in crisis draws, relative to one at war", "load", 0.5,
       "Assumption: a crisis takes half the attention of a war (the scale's midpoint; no "
       "published measure); scenarios give a range",
       0.0, 1.0, false},
      {"war_load", "Attention a theatre at war draws", "load", 1.0,
       "Definition: a war is the unit of load", 0.0, 1.0, false},
      {"attention_scale", "Scale of distraction = 1 - exp(-scale * total load)", "1/load",
       0.6931471805599453,
       "Assumption: one theatre at war draws half of the patron's attention (scale = ln 2)", 0.0,
       10.0, false},
  };
}

UsAttentionMechanism::UsAttentionMechanism(const Scenario& scenario) : scenario_(scenario) {
  const auto& actors = scenario.actors();
  const auto roles = patron_host_alliances(scenario);
  const int patron_actor = roles.empty() ? -1 : roles.front().patron;
  for (std::size_t a = 0; a < actors.size(); ++a) {
    const auto cinc = actors[a].attributes.find("cinc");
    if (cinc == actors[a].attributes.end()) continue;
    RatedActor rated;
    rated.actor = int(a);
    rated.cinc = cinc->second;
    const auto trend = actors[a].attributes.find("cinc_trend_per_year");
    if (trend != actors[a].attributes.end()) rated.trend = trend->second;
    rated.base_year =
        actors[a].capabilities ? actors[a].capabilities->year : scenario.info().start.year;
    if (int(a) == patron_actor) patron_ = int(rated_.size());
    rated_.push_back(std::move(rated));
  }
}

std::vector<MetricSpec> UsAttentionMechanism::metrics() const {
  std::vector<MetricSpec> metrics = {
      {"us_attention.distraction", "share",
       "Share of the patron's attention drawn away by other theatres (0 none, 1 all)", 0.0, 1.0,
       MetricKind::continuous}};
  if (rated_.size() >= 2) {
    metrics.push_back({"us_attention.effective_powers", "powers",
                       "Effective number of powers among the rated actors (1 / sum of squared "
                       "CINC shares): the polarity of the system the scenario describes",
                       1.0, double(rated_.size()), MetricKind::continuous});
    metrics.push_back({"us_attention.concentration", "CON",
                       "Ray-Singer concentration of the rated actors' CINC", 0.0, 1.0,
                       MetricKind::continuous});
  }
  if (patron_ >= 0)
    metrics.push_back({"us_attention.patron_share", "share",
                       "The patron's share of the rated actors' CINC", 0.0, 1.0,
                       MetricKind::continuous});
  return metrics;
}

class UsAttentionTrial final : public MechanismTrial {
 public:
  UsAttentionTrial(const UsAttentionMechanism& mechanism, World& world, const TrialContext& context,
                   TrialSink& sink)
      : mechanism_(mechanism),
        parameters_(mechanism.scenario_, "us_attention", UsAttentionMechanism::parameter_schema(),
                    context) {
    for (const auto& theatre : mechanism.scenario_.theatres())
      weights_.push_back(theatre.attention_weight);
    for (const auto& rated : mechanism.rated_) {
      cinc_.push_back(rated.cinc.sample_for_trial(context.seed, context.trial));
      trend_.push_back(rated.trend ? rated.trend->sample_for_trial(context.seed, context.trial)
                                   : 0.0);
    }
    publish(world, sink);
    world.patron_capability_share_start = world.patron_capability_share;
  }

  void step(World& world, TrialSink& sink) override { publish(world, sink); }

 private:
  void publish(World& world, TrialSink& sink) {
    // Member buffers: this runs every month of every trial.
    auto& loads = loads_;
    loads.clear();
    for (const auto& theatre : world.theatres) {
      switch (theatre.condition) {
        case TheatreCondition::calm:
          loads.push_back(0.0);
          break;
        case TheatreCondition::crisis:
          loads.push_back(parameters_["crisis_load"]);
          break;
        case TheatreCondition::war:
          loads.push_back(parameters_["war_load"]);
          break;
      }
    }
    world.patron_distraction = patron_distraction(weights_, loads, parameters_["attention_scale"]);
    std::size_t metric = 0;
    sink.set_metric(metric++, world.patron_distraction);
    const auto& rated = mechanism_.rated_;
    if (rated.empty()) return;
    auto& cinc = cinc_now_;
    cinc.clear();
    for (std::size_t i = 0; i < rated.size(); ++i) {
      // Months since January of the data year, in years.
      const double years =
          world.month.months_since(Month::from_year_month(rated[i].base_year, 1)) / 12.0;
      cinc.push_back(projected_cinc(cinc_[i], trend_[i], years));
    }
    if (rated.size() >= 2) {
      sink.set_metric(metric++, analytics::effective_number(cinc).value_or(1.0));
      sink.set_metric(metric++, analytics::ray_singer_concentration(cinc).value_or(0.0));
    }
    if (mechanism_.patron_ >= 0) {
      double total = 0.0;
      for (double c : cinc) total += c;
      world.patron_capability_share = total > 0.0 ? cinc[mechanism_.patron_] / total : 0.0;
      sink.set_metric(metric++, world.patron_capability_share);
    }
  }

  const UsAttentionMechanism& mechanism_;
  MechanismParameters parameters_;
  std::vector<double> weights_;
  std::vector<double> loads_;
  std::vector<double> cinc_now_;
  std::vector<double> cinc_;
  std::vector<double> trend_;
};

std::unique_ptr<MechanismTrial> UsAttentionMechanism::start_trial(World& world,
                                                                  const TrialContext& context,
                                                                  TrialSink& sink) const {
  return std::make_unique<UsAttentionTrial>(*this, world, context, sink);
}

}  // namespace linchpin
