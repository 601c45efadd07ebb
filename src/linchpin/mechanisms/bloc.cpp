#include "linchpin/mechanisms/bloc.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "linchpin/core/random_stream.hpp"
#include "linchpin/mechanisms/alliance_roles.hpp"
#include "linchpin/mechanisms/mechanism_parameters.hpp"

namespace linchpin {

double structural_bloc_cohesion(const std::vector<std::vector<double>>& weights) {
  const std::size_t n = weights.size();
  if (n < 2) return 0.0;
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) total += weights[i][j];
  return total / (double(n) * double(n - 1) / 2.0);
}

std::vector<ParameterSchema> BlocMechanism::parameter_schema() {
  return {
      {"defense_pact_weight", "Tie weight of a defence treaty", "weight", 1.0,
       "Definition: the strongest tie", 0, 1, false},
      {"partnership_weight", "Tie weight of a partnership without a defence clause", "weight", 0.6,
       "Assumption: the China-Russia 'no limits' partnership (2022) stops short of an alliance", 0,
       1, false},
      {"other_tie_weight", "Tie weight of other agreements", "weight", 0.4, "Assumption", 0, 1,
       false},
      {"balancing_weight",
       "Target cohesion added per unit of the patron-host alliance's cohesion above 0.5", "weight",
       0.2, "Assumption (Walt 1987: states balance against threatening coalitions)", 0, 1, false},
      {"partnership_balancing",
       "Target cohesion added while the patron's partnership with the host is in "
       "force",
       "weight", 0.05,
       "Assumption: Beijing and Moscow condemned Camp David as an 'Asian NATO' (2023)", 0, 1,
       false},
      {"adjustment_rate", "Monthly share of the gap to the target closed", "share/month", 0.05,
       "Assumption: alignments shift over years", 0, 1, false},
      {"transfer_rate", "Monthly rate of transfer episodes along a recent defence tie", "1/month",
       0.1,
       "Assumption from 2023-09 (Vostochny summit) to 2025: artillery and missile deliveries, "
       "troops to "
       "Kursk (Oct 2024), reported technology help - a handful of documented episodes in ~30 "
       "months",
       0, 5, false},
      {"capability_gain", "Share added to the challenger's capability per transfer episode",
       "share", 0.01,
       "Assumption: combat experience and technology raise effective capability a little each time",
       0, 1, false},
      {"capability_gain_cap", "Largest total capability boost", "share", 0.3, "Assumption", 0, 5,
       false},
      {"recent_tie_years",
       "A defence tie signed within this many years before the start is an active "
       "transfer channel",
       "years", 10,
       "Assumption: the 1961 PRC-DPRK treaty has not been an arms channel since UN sanctions "
       "(2006-); the 2024 "
       "Russia-DPRK treaty is",
       0, 100, false},
  };
}

BlocMechanism::BlocMechanism(const Scenario& scenario) : scenario_(scenario) {
  const auto& definition = scenario.definition();
  const auto pairs = patron_host_alliances(scenario);
  if (pairs.empty()) return;
  const auto& roles = pairs.front();
  const int challenger = challenger_of(scenario, roles.host);
  std::vector<int> rivals_of_patron;
  for (const auto& rivalry : definition.rivalries) {
    if (rivalry.kind == RivalryKind::strategic) {
      if (rivalry.first == roles.patron) rivals_of_patron.push_back(rivalry.second);
      if (rivalry.second == roles.patron) rivals_of_patron.push_back(rivalry.first);
    }
  }
  if (challenger < 0) return;
  members_.push_back(challenger);
  for (int rival : rivals_of_patron)
    if (std::find(members_.begin(), members_.end(), rival) == members_.end())
      members_.push_back(rival);
  if (members_.size() < 2) {
    members_.clear();
    return;
  }
  auto member_index = [&](int actor) {
    const auto it = std::find(members_.begin(), members_.end(), actor);
    return it == members_.end() ? -1 : int(it - members_.begin());
  };
  for (const auto& alliance : definition.alliances) {
    if (alliance.members.size() != 2) continue;
    const int a = member_index(alliance.members[0]);
    const int b = member_index(alliance.members[1]);
    if (a < 0 || b < 0) continue;
    Tie tie{a, b, alliance.kind, false, alliance.signed_on.year, ""};
    tie.defence_tie_with_challenger =
        alliance.kind == AllianceKind::defense_pact && (a == 0 || b == 0);
    tie.partner_id = definition.actors[members_[a == 0 ? b : a]].id;
    ties_.push_back(tie);
  }
  for (std::size_t a = 0; a < definition.alliances.size(); ++a)
    if (has_members(definition.alliances[a], roles.patron, roles.host))
      patron_alliances_.push_back(int(a));
}

std::vector<MetricSpec> BlocMechanism::metrics() const {
  if (members_.empty()) return {};
  return {
      {"bloc.cohesion", "index", "Cohesion of the adversary bloc (0 none, 1 full)", 0, 1,
       MetricKind::continuous},
      {"bloc.capability_boost", "share", "Share added to the challenger's capability by transfers",
       0, 1, MetricKind::continuous}};
}

std::vector<OutcomeSpec> BlocMechanism::outcomes() const {
  if (members_.empty()) return {};
  return {{"bloc.transfer", "A transfer episode along a defence tie with the challenger"}};
}

class BlocTrial final : public MechanismTrial {
 public:
  BlocTrial(const BlocMechanism& mechanism, World& world, const TrialContext& context,
            TrialSink& sink)
      : mechanism_(mechanism),
        p_(mechanism.scenario_, "bloc", BlocMechanism::parameter_schema(), context),
        stream_(context.seed, context.trial, purpose_id("bloc:transfers")) {
    if (mechanism.members_.empty()) return;
    // The ties are fixed within a trial, so their structural cohesion is computed once.
    const std::size_t n = mechanism.members_.size();
    std::vector<std::vector<double>> weights(n, std::vector<double>(n, 0.0));
    for (const auto& tie : mechanism.ties_) {
      const double w = tie.kind == AllianceKind::defense_pact  ? p_["defense_pact_weight"]
                       : tie.kind == AllianceKind::partnership ? p_["partnership_weight"]
                                                               : p_["other_tie_weight"];
      weights[tie.first][tie.second] = weights[tie.second][tie.first] =
          std::max(weights[tie.first][tie.second], w);
    }
    structural_ = structural_bloc_cohesion(weights);
    world.bloc_cohesion = target(world);
    publish(world, sink);
  }

  void step(World& world, TrialSink& sink) override {
    if (mechanism_.members_.empty()) return;
    const int start_year = mechanism_.scenario_.info().start.year;
    for (const auto& tie : mechanism_.ties_) {
      // A recent defence tie with the challenger is an arms and technology channel.
      if (!tie.defence_tie_with_challenger || start_year - tie.signed_year > p_["recent_tie_years"])
        continue;
      const std::uint32_t episodes = stream_.poisson(p_["transfer_rate"]);
      if (episodes == 0) continue;
      world.challenger_capability_boost =
          std::min(p_["capability_gain_cap"],
                   world.challenger_capability_boost + episodes * p_["capability_gain"]);
      sink.occur(0);
      emit_event(sink, "bloc.transfer", episodes, [&] {
        return fmt::format("transfers between {} and the challenger (boost now {:.2f})",
                           tie.partner_id, world.challenger_capability_boost);
      });
    }
    world.bloc_cohesion += p_["adjustment_rate"] * (target(world) - world.bloc_cohesion);
    publish(world, sink);
  }

 private:
  double target(const World& world) const {
    double value = structural_;
    for (int a : mechanism_.patron_alliances_) {
      const auto& state = world.alliances[a];
      const auto kind = mechanism_.scenario_.definition().alliances[a].kind;
      if (kind == AllianceKind::partnership && state.in_force) value += p_["partnership_balancing"];
      if (kind == AllianceKind::defense_pact)
        value += p_["balancing_weight"] * (state.cohesion - 0.5);
    }
    return std::clamp(value, 0.0, 1.0);
  }

  void publish(const World& world, TrialSink& sink) {
    sink.set_metric(0, world.bloc_cohesion);
    sink.set_metric(1, world.challenger_capability_boost);
  }

  const BlocMechanism& mechanism_;
  MechanismParameters p_;
  RandomStream stream_;
  double structural_ = 0.0;
};

std::unique_ptr<MechanismTrial> BlocMechanism::start_trial(World& world,
                                                           const TrialContext& context,
                                                           TrialSink& sink) const {
  return std::make_unique<BlocTrial>(*this, world, context, sink);
}

}  // namespace linchpin
