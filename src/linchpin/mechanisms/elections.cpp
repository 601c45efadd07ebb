#include "linchpin/mechanisms/elections.hpp"

#include <fmt/format.h>

#include <utility>

namespace linchpin {

std::vector<int> election_months(const Office& office, Month start, int horizon_months,
                                 RandomStream& stream) {
  std::vector<int> months;
  Month last_listed = start;
  bool any = false;
  for (const auto& election : office.elections) {
    const Month first = election.first.to_month();
    const Month last = election.last.to_month();
    const int span = last.months_since(first) + 1;
    // Every window draws, even past the horizon, so later draws do not depend on the horizon.
    const Month month = span > 1 ? first.plus(int(stream.index(std::uint32_t(span)))) : first;
    last_listed = month;
    any = true;
    const int index = month.months_since(start);
    if (index >= 1 && index <= horizon_months) months.push_back(index);
  }
  if (any && office.recurrence_months > 0) {
    for (Month next = last_listed.plus(office.recurrence_months);
         next.months_since(start) <= horizon_months; next = next.plus(office.recurrence_months)) {
      months.push_back(next.months_since(start));
    }
  }
  return months;
}

ElectionResult decide_election(const Office& office, const OfficeState& state, int party_count,
                               double win_probability, double runs_again_probability,
                               RandomStream& stream) {
  ElectionResult result;
  result.party = state.party;
  result.party_retained = party_count <= 1 || stream.bernoulli(win_probability);
  if (!result.party_retained) {
    // One of the other parties, uniformly: the record used here does not rank challengers.
    const int pick = int(stream.index(std::uint32_t(party_count - 1)));
    result.party = pick >= state.party ? pick + 1 : pick;
    return result;
  }
  if (office.kind == OfficeKind::executive) {
    const bool eligible = office.term_limit == 0 || state.terms_served < office.term_limit;
    result.leader_continues = eligible && stream.bernoulli(runs_again_probability);
  }
  return result;
}

namespace {
std::string office_prefix(const Scenario& scenario, const Office& office) {
  return fmt::format("elections.{}.{}", scenario.actors()[office.actor].id, office.id);
}
}  // namespace

ElectionsMechanism::ElectionsMechanism(const Scenario& scenario)
    : scenario_(scenario), offices_(office_refs(scenario)) {
  const auto& politics = scenario.politics();
  for (const auto& ref : offices_) {
    const auto& system = politics.systems[ref.system];
    const auto& office = system.offices[ref.office];
    const std::string prefix = office_prefix(scenario, office);
    const std::string& actor = scenario.actors()[office.actor].id;
    stream_purpose_.push_back(purpose_id("elections:" + office.key_path));
    party_metric_.push_back(int(metrics_.size()));
    for (const auto& party : system.parties) {
      metrics_.push_back(
          MetricSpec{fmt::format("{}.held_by.{}", prefix, party.id), "indicator",
                     fmt::format("1 when {} holds the {} office '{}' (the mean is the probability)",
                                 party.name, actor, office.id),
                     0.0, 1.0, MetricKind::discrete});
    }
    if (office.kind == OfficeKind::executive) {
      stance_metric_.push_back(int(metrics_.size()));
      for (const auto& dimension : politics.stance_dimensions) {
        metrics_.push_back(MetricSpec{
            fmt::format("{}.stance.{}", prefix, dimension.id), "stance",
            fmt::format("Stance of {}'s {} on {}", actor, office.id, dimension.description),
            dimension.low, dimension.high, MetricKind::continuous});
      }
    } else {
      stance_metric_.push_back(-1);
    }
    outcomes_.push_back(OutcomeSpec{
        prefix + ".turnover",
        fmt::format("The party holding {}'s {} office changes at least once", actor, office.id)});
  }
}

class ElectionsTrial final : public MechanismTrial {
 public:
  ElectionsTrial(const ElectionsMechanism& mechanism, World& world, const TrialContext& context,
                 TrialSink& sink)
      : mechanism_(mechanism) {
    const auto& scenario = mechanism.scenario_;
    const auto& systems = scenario.politics().systems;
    for (std::size_t i = 0; i < mechanism.offices_.size(); ++i) {
      const auto& ref = mechanism.offices_[i];
      const auto& office = systems[ref.system].offices[ref.office];
      OfficeRun run;
      run.stream =
          std::make_unique<RandomStream>(context.seed, context.trial, mechanism.stream_purpose_[i]);
      run.win_probability =
          office.incumbent_party_win_probability.sample_for_trial(context.seed, context.trial);
      run.runs_again_probability =
          office.leader_runs_again_probability.sample_for_trial(context.seed, context.trial);
      run.months = election_months(office, context.start, context.horizon_months, *run.stream);
      auto& state = world.offices[i];
      draw_stance(systems[ref.system].parties[state.party], state, *run.stream);
      // The sitting leader's own coded stance, where given, replaces the party draw.
      for (std::size_t d = 0; d < office.incumbent_stances.size(); ++d)
        if (office.incumbent_stances[d])
          state.stance[d] =
              office.incumbent_stances[d]->sample_for_trial(context.seed, context.trial);
      // Hindcast: the real administrations replace the election draws (the draws above still
      // happen, so the starting stance is the one a normal run draws).
      if (!office.replay.empty()) {
        run.months.clear();
        for (std::size_t t = 0; t < office.replay.size(); ++t) {
          const int index = office.replay[t].start.to_month().months_since(context.start);
          if (index <= 0)
            apply_term(office.replay[t], systems[ref.system], state, *run.stream);
          else if (index <= context.horizon_months)
            run.replay.push_back({index, t});
        }
      }
      runs_.push_back(std::move(run));
      publish(i, state, sink);
    }
  }

  void step(World& world, TrialSink& sink) override {
    const auto& scenario = mechanism_.scenario_;
    const auto& systems = scenario.politics().systems;
    for (std::size_t i = 0; i < runs_.size(); ++i) {
      auto& run = runs_[i];
      if (run.next_replay < run.replay.size() &&
          run.replay[run.next_replay].first == world.month_index)
        replay_term(world, sink, i);
      if (run.next >= run.months.size() || run.months[run.next] != world.month_index) continue;
      ++run.next;
      const auto& ref = mechanism_.offices_[i];
      const auto& system = systems[ref.system];
      const auto& office = system.offices[ref.office];
      auto& state = world.offices[i];
      const int before = state.party;
      const auto result =
          decide_election(office, state, int(system.parties.size()), run.win_probability,
                          run.runs_again_probability, *run.stream);
      state.party = result.party;
      if (result.leader_continues) {
        ++state.terms_served;
      } else {
        state.terms_served = 1;
        ++state.leader_serial;
        state.since = world.month;
        draw_stance(system.parties[state.party], state, *run.stream);
      }
      if (!result.party_retained) sink.occur(i);
      Event event;
      event.kind = result.party_retained ? "election.retained" : "election.turnover";
      event.magnitude = result.party_retained ? 0.0 : 1.0;
      if (sink.tracing()) {
        event.actors = {scenario.actors()[office.actor].id};
        event.detail = fmt::format(
            "{} {}: {} {}{}", scenario.actors()[office.actor].id, office.id,
            system.parties[state.party].id,
            result.party_retained ? "keeps the office" : "takes the office from ",
            result.party_retained
                ? (office.kind == OfficeKind::executive
                       ? (result.leader_continues ? " (leader re-elected)" : " (new leader)")
                       : "")
                : system.parties[before].id);
      }
      sink.emit(std::move(event));
      publish(i, state, sink);
    }
  }

 private:
  struct OfficeRun {
    std::unique_ptr<RandomStream> stream;
    double win_probability = 0.5;
    double runs_again_probability = 0.0;
    std::vector<int> months;
    std::size_t next = 0;
    std::vector<std::pair<int, std::size_t>> replay;  // (month index, term) in hindcast mode
    std::size_t next_replay = 0;
  };

  void apply_term(const ReplayedTerm& term, const PoliticalSystem& system, OfficeState& state,
                  RandomStream& stream) {
    state.party = term.party;
    draw_stance(system.parties[state.party], state, stream);
    for (std::size_t d = 0; d < term.stances.size() && d < state.stance.size(); ++d)
      if (term.stances[d]) state.stance[d] = *term.stances[d];
  }

  void replay_term(World& world, TrialSink& sink, std::size_t i) {
    auto& run = runs_[i];
    const auto& scenario = mechanism_.scenario_;
    const auto& ref = mechanism_.offices_[i];
    const auto& system = scenario.politics().systems[ref.system];
    const auto& office = system.offices[ref.office];
    const auto& term = office.replay[run.replay[run.next_replay].second];
    ++run.next_replay;
    auto& state = world.offices[i];
    const int before = state.party;
    apply_term(term, system, state, *run.stream);
    state.terms_served = 1;
    ++state.leader_serial;
    state.since = world.month;
    if (state.party != before) sink.occur(i);
    Event event;
    event.kind = state.party == before ? "election.retained" : "election.turnover";
    event.magnitude = state.party == before ? 0.0 : 1.0;
    if (sink.tracing()) {
      event.actors = {scenario.actors()[office.actor].id};
      event.detail = fmt::format("{} {}: {} ({}) takes office (hindcast replay)",
                                 scenario.actors()[office.actor].id, office.id, term.leader,
                                 system.parties[state.party].id);
    }
    sink.emit(std::move(event));
    publish(i, state, sink);
  }

  void draw_stance(const Party& party, OfficeState& state, RandomStream& stream) {
    for (std::size_t d = 0; d < party.stances.size(); ++d)
      state.stance[d] = party.stances[d].sample(stream);
  }

  void publish(std::size_t office_index, const OfficeState& state, TrialSink& sink) {
    const auto& ref = mechanism_.offices_[office_index];
    const auto& system = mechanism_.scenario_.politics().systems[ref.system];
    const int first_party = mechanism_.party_metric_[office_index];
    for (std::size_t p = 0; p < system.parties.size(); ++p)
      sink.set_metric(first_party + p, int(p) == state.party ? 1.0 : 0.0);
    const int first_stance = mechanism_.stance_metric_[office_index];
    if (first_stance >= 0)
      for (std::size_t d = 0; d < state.stance.size(); ++d)
        sink.set_metric(first_stance + d, state.stance[d]);
  }

  const ElectionsMechanism& mechanism_;
  std::vector<OfficeRun> runs_;
};

std::unique_ptr<MechanismTrial> ElectionsMechanism::start_trial(World& world,
                                                                const TrialContext& context,
                                                                TrialSink& sink) const {
  return std::make_unique<ElectionsTrial>(*this, world, context, sink);
}

}  // namespace linchpin
