#include "linchpin/world/world.hpp"

namespace linchpin {

std::vector<OfficeRef> office_refs(const Scenario& scenario) {
  std::vector<OfficeRef> refs;
  const auto& systems = scenario.politics().systems;
  for (std::size_t s = 0; s < systems.size(); ++s)
    for (std::size_t o = 0; o < systems[s].offices.size(); ++o)
      refs.push_back(OfficeRef{int(s), int(o)});
  return refs;
}

World make_initial_world(const Scenario& scenario) {
  World world;
  world.month = scenario.start_month();
  world.month_index = 0;
  const auto& systems = scenario.politics().systems;
  for (const auto& ref : office_refs(scenario)) {
    const auto& office = systems[ref.system].offices[ref.office];
    OfficeState state;
    state.party = office.incumbent_party;
    state.terms_served = office.terms_served;
    state.since = office.incumbent_since.to_month();
    state.stance.assign(scenario.politics().stance_dimensions.size(), 0.0);
    world.offices.push_back(std::move(state));
  }
  for (const auto& theatre : scenario.theatres()) {
    TheatreState state;
    state.condition = theatre.initial;
    world.theatres.push_back(state);
  }
  world.event_counts.assign(scenario.event_processes().size(), 0);
  world.alliances.assign(scenario.definition().alliances.size(), AllianceState{});
  return world;
}

}  // namespace linchpin
