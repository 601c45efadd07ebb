#include "linchpin/mechanisms/cohesion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "linchpin/core/random_stream.hpp"
#include "linchpin/mechanisms/mechanism_parameters.hpp"

namespace linchpin {

double next_friction(double friction, double shock, double discordance, double half_life_months,
                     double discordance_threshold, double discordance_rate) {
  const double retained = half_life_months > 0.0 ? std::pow(2.0, -1.0 / half_life_months) : 0.0;
  return std::clamp(friction * retained + shock +
                        discordance_rate * std::max(0.0, discordance - discordance_threshold),
                    0.0, 1.0);
}

double cohesion_index(const CohesionInputs& in, const CohesionWeights& w) {
  return std::clamp(w.threat * in.shared_threat + w.alignment * (1.0 - in.discordance) +
                        w.friction * (1.0 - in.friction) + w.institutions * in.institutional_depth -
                        w.hedging_penalty * in.hedging,
                    0.0, 1.0);
}

double abandonment_fear(const AbandonmentInputs& in, const AbandonmentWeights& w) {
  return std::clamp(w.base + w.distraction * in.distraction +
                        w.commitment * (1.0 - in.patron_commitment) + w.threat * in.threat_recency +
                        w.troops * in.troop_shortfall +
                        w.decline * std::min(1.0, 10.0 * std::max(0.0, in.relative_decline)) +
                        w.credibility * (1.0 - std::clamp(in.credibility, 0.0, 1.0)) -
                        (in.partnership_in_force ? w.partnership_relief : 0.0),
                    0.0, 1.0);
}

double entrapment_fear(double theatre_level, double patron_accommodation, double presence,
                       double weight_theatre, double weight_hawkishness, double weight_presence) {
  return std::clamp(weight_theatre * theatre_level +
                        weight_hawkishness * (1.0 - patron_accommodation) +
                        weight_presence * presence,
                    0.0, 1.0);
}

std::vector<ParameterSchema> CohesionMechanism::parameter_schema() {
  const char* snyder =
      "Assumption: equal-order weights for the components Snyder (1984, 1997) names; no "
      "published estimate exists";
  return {
      {"initial_friction", "Friction at the start", "friction", 0.0,
       "Definition: none unless the scenario cites a reason", 0, 1, false},
      {"friction_half_life_months", "Months for accumulated friction to halve", "months", 12,
       "Assumption: the 2019-20 stress had eased within about a year of the 11th SMA (Mar 2021)", 0,
       240, false},
      {"discordance_threshold", "Discordance above which the leaders' gap adds friction",
       "discordance", 0.30, "The essay's Moon-Trump pair (docs/models/pendulum.md)", 0, 1, false},
      {"discordance_friction", "Friction per month per unit of discordance above the threshold",
       "friction/month", 0.1,
       "Assumption: a pair 0.1 more discordant than Moon-Trump adds 0.01 a month, 0.12 a year", 0,
       1, false},
      {"stress_threshold", "Friction at which a severe-stress episode begins", "friction", 0.5,
       "Assumption checked against the record: with the default shocks, 2019-20 (three threats, "
       "talks at gap 0.3, a 14-month lapse) crosses it and no other period since 1988 does",
       0, 1, false},
      {"weight_threat", "Cohesion weight of shared threat perception", "weight", 0.2, snyder, 0, 1,
       false},
      {"weight_alignment", "Cohesion weight of leader alignment (1 - discordance)", "weight", 0.2,
       snyder, 0, 1, false},
      {"weight_friction", "Cohesion weight of 1 - friction", "weight", 0.3, snyder, 0, 1, false},
      {"weight_institutions", "Cohesion weight of institutional depth", "weight", 0.3, snyder, 0, 1,
       false},
      {"hedging_penalty", "Cohesion lost per unit of the host's hedging", "weight", 0.2,
       "Assumption: hedging toward the rival is the opposite of alignment (Snyder 1997)", 0, 1,
       false},
      {"provocation_reference", "Adversary events in 12 months that count as a full threat",
       "events", 24,
       "Assumption: the 2022 level (31 launch events, data/history) saturates; 2024 (13) is half",
       1, 1000, false},
      {"abandonment_base", "Abandonment fear with a committed, undistracted patron", "fear", 0.1,
       "Assumption: an asymmetric alliance's junior partner always fears abandonment a little "
       "(Snyder 1984)",
       0, 1, false},
      {"abandonment_distraction", "Weight of the patron's distraction", "weight", 0.25, snyder, 0,
       1, false},
      {"abandonment_commitment", "Weight of 1 - the patron executive's commitment", "weight", 0.25,
       snyder, 0, 1, false},
      {"abandonment_threat", "Weight of a recent withdrawal threat", "weight", 0.2, snyder, 0, 1,
       false},
      {"abandonment_troops", "Weight of the troop shortfall", "weight", 0.2, snyder, 0, 1, false},
      {"abandonment_decline", "Weight of the patron's relative capability decline", "weight", 0.1,
       "Assumption: hegemonic decline feeds abandonment fear; saturates at a 10% fall in share", 0,
       1, false},
      {"abandonment_credibility", "Weight of 1 - the credibility of the patron's commitment",
       "weight", 0.15,
       "Assumption: the pillars that make the commitment credible (treaty, forces, command, "
       "extended "
       "deterrence) are what the host's abandonment fear is about (Snyder 1984)",
       0, 1, false},
      {"abandonment_partnership_relief",
       "Abandonment fear removed while a partnership with the "
       "patron is in force",
       "weight", 0.1,
       "Assumption: Camp David's Commitment to Consult was sold in Seoul as insurance "
       "(camp-david-2023)",
       0, 1, false},
      {"entrapment_theatre", "Weight of the entrapment-weighted theatres' level", "weight", 0.5,
       "Assumption: a Taiwan Strait war is the main entrapment risk the essay names", 0, 1, false},
      {"entrapment_hawkishness", "Weight of the patron executive's hostility to the rival",
       "weight", 0.3, snyder, 0, 1, false},
      {"entrapment_presence", "Weight of the patron's troop presence (strategic flexibility)",
       "weight", 0.2, snyder, 0, 1, false},
      {"rupture_cohesion", "Cohesion below which rupture is possible", "cohesion", 0.3,
       "Assumption: well below any modelled historical month", 0, 1, false},
      {"rupture_commitment", "Executive commitment below which a formal notice is possible",
       "stance", 0.3,
       "Assumption: below every US and ROK president coded since 1988 except Trump (0.3)", 0, 1,
       false},
      {"formal_rupture_rate",
       "Monthly probability of a termination notice when both conditions hold", "1/month", 0.01,
       "Assumption: no US defence treaty in Asia has been terminated by notice except with the ROC "
       "(1978 notice, 1980 end); one in eight years under those conditions",
       0, 1, false},
      {"notice_months", "Months from notice to termination", "months", 12,
       "Mutual Defense Treaty 1953, Article VI: terminable one year after notice (mdt-1953)", 0,
       120, true},
      {"de_facto_troop_fraction",
       "Troop share of the start below which (with low cohesion) the "
       "alliance has ruptured de facto",
       "share", 0.35,
       "Assumption: about 10,000 of 28,500, below a single brigade combat team plus air wing", 0, 1,
       false},
  };
}

CohesionMechanism::CohesionMechanism(const Scenario& scenario)
    : scenario_(scenario),
      commitment_dimension_(stance_dimension(scenario, "alliance_commitment")),
      engagement_dimension_(stance_dimension(scenario, "engagement_with_dprk")),
      accommodation_dimension_(stance_dimension(scenario, "accommodation_of_china")) {
  const auto* deterrence = scenario.mechanism_section("deterrence");
  has_deterrence_ = deterrence == nullptr || deterrence->enabled;
  const auto& definition = scenario.definition();
  const auto all_partnerships = partnerships(scenario);
  for (const auto& roles : patron_host_alliances(scenario)) {
    Tracked tracked;
    tracked.roles = roles;
    tracked.id = definition.alliances[roles.alliance].id;
    for (std::size_t p = 0; p < definition.event_processes.size(); ++p) {
      const int actor = definition.event_processes[p].actor;
      for (const auto& rivalry : definition.rivalries)
        if ((rivalry.first == actor && rivalry.second == roles.host) ||
            (rivalry.second == actor && rivalry.first == roles.host)) {
          tracked.provocation_processes.push_back(int(p));
          break;
        }
    }
    for (const auto& partnership : all_partnerships)
      if (has_members(definition.alliances[partnership.alliance], roles.patron, roles.host))
        tracked.partnerships.push_back(partnership.alliance);
    for (const auto& instrument : definition.alliances[roles.alliance].instruments)
      tracked.pillars.push_back(instrument.kind);
    // The deterrence mechanism writes credibility for alliances whose host has an enduring rival.
    tracked.credibility_tracked = challenger_of(scenario, roles.host) >= 0;
    const auto& id = tracked.id;
    metrics_.push_back({fmt::format("cohesion.{}.cohesion", id), "index",
                        "Alliance cohesion (0 none, 1 full)", 0.0, 1.0, MetricKind::continuous});
    metrics_.push_back({fmt::format("cohesion.{}.friction", id), "index",
                        "Accumulated alliance friction", 0.0, 1.0, MetricKind::continuous});
    metrics_.push_back({fmt::format("cohesion.{}.abandonment_fear", id), "index",
                        "The host's fear of abandonment", 0.0, 1.0, MetricKind::continuous});
    metrics_.push_back({fmt::format("cohesion.{}.entrapment_fear", id), "index",
                        "The host's fear of entrapment", 0.0, 1.0, MetricKind::continuous});
    metrics_.push_back({fmt::format("cohesion.{}.shared_threat", id), "index",
                        "Shared threat perception", 0.0, 1.0, MetricKind::continuous});
    metrics_.push_back({fmt::format("cohesion.{}.institutional_depth", id), "index",
                        "Mean strength of the alliance's instruments", 0.0, 1.0,
                        MetricKind::continuous});
    metrics_.push_back({fmt::format("cohesion.{}.stress_episodes", id), "episodes",
                        "Severe-stress episodes so far", 0.0, 20.0, MetricKind::discrete});
    outcomes_.push_back(
        {fmt::format("cohesion.{}.severe_stress", id),
         "A severe alliance-stress episode (friction reaches the stress threshold)"});
    outcomes_.push_back({fmt::format("cohesion.{}.termination_notice", id),
                         "A member gives notice to terminate the treaty"});
    outcomes_.push_back({fmt::format("cohesion.{}.rupture", id),
                         "Alliance rupture: the treaty terminated, or forces withdrawn below the "
                         "threshold while cohesion is below its threshold"});
    tracked_.push_back(std::move(tracked));
  }
}

class CohesionTrial final : public MechanismTrial {
 public:
  CohesionTrial(const CohesionMechanism& mechanism, World& world, const TrialContext& context,
                TrialSink& sink)
      : mechanism_(mechanism),
        p_(mechanism.scenario_, "cohesion", CohesionMechanism::parameter_schema(), context),
        stream_(context.seed, context.trial, purpose_id("cohesion:rupture")) {
    State fresh;
    fresh.history.assign(12, 0);
    states_.assign(mechanism.tracked_.size(), fresh);
    for (std::size_t i = 0; i < states_.size(); ++i) update(world, sink, i, /*at_start=*/true);
  }

  void step(World& world, TrialSink& sink) override {
    for (std::size_t i = 0; i < states_.size(); ++i) update(world, sink, i, false);
  }

 private:
  struct State {
    std::vector<std::uint64_t> history;  // adversary events per month, ring of 12
    int slot = 0;
    bool stressed = false;
    int episodes = 0;
    int notice_month = -1;
  };

  static std::uint64_t provocations_this_month(const World& world,
                                               const CohesionMechanism::Tracked& tracked) {
    std::uint64_t total = 0;
    for (int p : tracked.provocation_processes) total += world.event_counts[p];
    return total;
  }

  void update(World& world, TrialSink& sink, std::size_t i, bool at_start) {
    const auto& scenario = mechanism_.scenario_;
    const auto& tracked = mechanism_.tracked_[i];
    auto& st = states_[i];
    auto& alliance = world.alliances[tracked.roles.alliance];
    const double u_notice = at_start ? 1.0 : stream_.uniform();
    const auto& patron = world.offices[tracked.roles.patron_executive];
    const auto& host = world.offices[tracked.roles.host_executive];

    if (!at_start) {
      st.history[st.slot] = provocations_this_month(world, tracked);
      st.slot = (st.slot + 1) % 12;
    }
    std::uint64_t recent = 0;
    for (auto count : st.history) recent += count;

    alliance.friction = next_friction(at_start ? p_["initial_friction"] : alliance.friction,
                                      alliance.friction_shock, alliance.discordance,
                                      p_["friction_half_life_months"], p_["discordance_threshold"],
                                      p_["discordance_friction"]);
    alliance.friction_shock = 0.0;

    const double engagement =
        0.5 * (unit_stance(scenario, patron, mechanism_.engagement_dimension_, 0.5) +
               unit_stance(scenario, host, mechanism_.engagement_dimension_, 0.5));
    const double threat =
        std::clamp(0.5 * (1.0 - engagement) +
                       0.5 * std::min(1.0, double(recent) / p_["provocation_reference"]),
                   0.0, 1.0);
    const double presence =
        alliance.troops_start > 0.0 ? alliance.troops / alliance.troops_start : 0.0;
    double depth = 0.0;
    for (auto kind : tracked.pillars) {
      switch (kind) {
        case InstrumentKind::treaty_commitment:
          depth += alliance.in_force ? 1.0 : 0.0;
          break;
        case InstrumentKind::combined_command:
          depth += alliance.readiness;
          break;
        case InstrumentKind::forward_forces:
          depth += std::min(1.0, presence);
          break;
        case InstrumentKind::exercise_program:
          depth += alliance.exercises_suspended ? 0.0 : 1.0;
          break;
        case InstrumentKind::cost_sharing:
          depth += alliance.cost_sharing_lapsed ? 0.0 : 1.0;
          break;
        default:
          depth += 1.0;
          break;
      }
    }
    // Over the fixed set of instrument kinds, not over those present: an alliance without a pillar
    // is shallower, and removing a pillar can never deepen it.
    depth = std::min(1.0, depth / double(kInstrumentKindNames.size()));

    const CohesionWeights weights{p_["weight_threat"], p_["weight_alignment"],
                                  p_["weight_friction"], p_["weight_institutions"],
                                  p_["hedging_penalty"]};
    alliance.cohesion = cohesion_index(
        {threat, alliance.discordance, alliance.friction, depth, alliance.hedging}, weights);

    bool partnership = false;
    for (int a : tracked.partnerships) partnership = partnership || world.alliances[a].in_force;
    AbandonmentInputs fear;
    fear.distraction = world.patron_distraction;
    fear.patron_commitment = unit_stance(scenario, patron, mechanism_.commitment_dimension_, 0.5);
    fear.threat_recency = std::exp(-double(alliance.months_since_threat) / 12.0);
    fear.troop_shortfall = std::clamp(1.0 - presence, 0.0, 1.0);
    fear.relative_decline =
        world.patron_capability_share_start > 0.0
            ? (world.patron_capability_share_start - world.patron_capability_share) /
                  world.patron_capability_share_start
            : 0.0;
    fear.partnership_in_force = partnership;
    // With no deterrence mechanism there is no credibility term (credibility counts as full).
    fear.credibility =
        mechanism_.has_deterrence_ && tracked.credibility_tracked ? alliance.credibility : 1.0;
    const AbandonmentWeights abandonment_weights{p_["abandonment_base"],
                                                 p_["abandonment_distraction"],
                                                 p_["abandonment_commitment"],
                                                 p_["abandonment_threat"],
                                                 p_["abandonment_troops"],
                                                 p_["abandonment_decline"],
                                                 p_["abandonment_partnership_relief"],
                                                 p_["abandonment_credibility"]};
    alliance.abandonment_fear = abandonment_fear(fear, abandonment_weights);

    double theatre_level = 0.0;
    const auto& theatres = scenario.theatres();
    for (std::size_t t = 0; t < theatres.size(); ++t)
      theatre_level = std::max(theatre_level, theatres[t].entrapment_weight *
                                                  double(int(world.theatres[t].condition)) / 2.0);
    alliance.entrapment_fear = entrapment_fear(
        theatre_level, unit_stance(scenario, patron, mechanism_.accommodation_dimension_, 0.5),
        std::min(1.0, presence), p_["entrapment_theatre"], p_["entrapment_hawkishness"],
        p_["entrapment_presence"]);

    // Stress episodes and rupture are peacetime alliance politics: a war ends them (the states
    // above still track, so the series stay defined).
    if (!at_start && !world.at_war()) {
      const bool stressed = alliance.friction >= p_["stress_threshold"];
      if (stressed && !st.stressed) {
        ++st.episodes;
        sink.occur(3 * i);
        emit(sink, "cohesion.severe_stress", i,
             fmt::format("severe alliance stress (friction {:.2f})", alliance.friction));
      }
      st.stressed = stressed;

      const double host_commitment =
          unit_stance(scenario, host, mechanism_.commitment_dimension_, 0.5);
      const bool low = alliance.cohesion < p_["rupture_cohesion"];
      if (alliance.in_force && st.notice_month < 0 && low &&
          std::min(fear.patron_commitment, host_commitment) < p_["rupture_commitment"] &&
          u_notice < p_["formal_rupture_rate"]) {
        st.notice_month = world.month_index;
        sink.occur(3 * i + 1);
        emit(sink, "cohesion.termination_notice", i, "notice of treaty termination given");
      }
      if (alliance.in_force && st.notice_month >= 0 &&
          world.month_index - st.notice_month >= int(p_["notice_months"])) {
        alliance.in_force = false;
        emit(sink, "cohesion.treaty_terminated", i, "the treaty is terminated");
      }
      const bool de_facto = presence < p_["de_facto_troop_fraction"] && low;
      if (!alliance.in_force || de_facto) sink.occur(3 * i + 2);
    }

    const std::size_t m = 7 * i;
    sink.set_metric(m, alliance.cohesion);
    sink.set_metric(m + 1, alliance.friction);
    sink.set_metric(m + 2, alliance.abandonment_fear);
    sink.set_metric(m + 3, alliance.entrapment_fear);
    sink.set_metric(m + 4, threat);
    sink.set_metric(m + 5, depth);
    sink.set_metric(m + 6, std::min(20, st.episodes));
  }

  void emit(TrialSink& sink, const char* kind, std::size_t i, const std::string& detail) {
    emit_event(sink, kind,
               [&] { return fmt::format("{}: {}", mechanism_.tracked_[i].id, detail); });
  }

  const CohesionMechanism& mechanism_;
  MechanismParameters p_;
  RandomStream stream_;
  std::vector<State> states_;
};

std::unique_ptr<MechanismTrial> CohesionMechanism::start_trial(World& world,
                                                               const TrialContext& context,
                                                               TrialSink& sink) const {
  return std::make_unique<CohesionTrial>(*this, world, context, sink);
}

}  // namespace linchpin
