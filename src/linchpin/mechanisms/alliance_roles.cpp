#include "linchpin/mechanisms/alliance_roles.hpp"

#include <algorithm>

namespace linchpin {

std::vector<int> executive_offices(const Scenario& scenario) {
  std::vector<int> executive_of(scenario.actors().size(), -1);
  const auto refs = office_refs(scenario);
  const auto& systems = scenario.politics().systems;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const auto& office = systems[refs[i].system].offices[refs[i].office];
    if (office.kind == OfficeKind::executive && executive_of[office.actor] < 0)
      executive_of[office.actor] = int(i);
  }
  return executive_of;
}

int challenger_of(const Scenario& scenario, int host) {
  for (const auto& rivalry : scenario.definition().rivalries) {
    if (rivalry.kind != RivalryKind::enduring) continue;
    if (rivalry.first == host) return rivalry.second;
    if (rivalry.second == host) return rivalry.first;
  }
  return -1;
}

bool has_members(const Alliance& alliance, int first, int second) {
  const auto& members = alliance.members;
  return std::find(members.begin(), members.end(), first) != members.end() &&
         std::find(members.begin(), members.end(), second) != members.end();
}

const Instrument* find_instrument(const Alliance& alliance, InstrumentKind kind) {
  for (const auto& instrument : alliance.instruments)
    if (instrument.kind == kind) return &instrument;
  return nullptr;
}

std::vector<PatronHostAlliance> patron_host_alliances(const Scenario& scenario) {
  const auto executive_of = executive_offices(scenario);
  std::vector<PatronHostAlliance> result;
  const auto& alliances = scenario.definition().alliances;
  for (std::size_t a = 0; a < alliances.size(); ++a) {
    const auto& alliance = alliances[a];
    if (alliance.kind != AllianceKind::defense_pact || alliance.members.size() != 2) continue;
    const auto* forces = find_instrument(alliance, InstrumentKind::forward_forces);
    if (forces == nullptr) continue;
    const int patron = alliance.members[0];
    const int host = alliance.members[1];
    if (executive_of[patron] < 0 || executive_of[host] < 0) continue;
    PatronHostAlliance roles;
    roles.alliance = int(a);
    roles.patron = patron;
    roles.host = host;
    roles.patron_executive = executive_of[patron];
    roles.host_executive = executive_of[host];
    const auto troops = forces->parameters.find("troops");
    roles.troops_start = troops != forces->parameters.end() ? troops->second.nominal() : 0.0;
    result.push_back(roles);
  }
  return result;
}

std::vector<Partnership> partnerships(const Scenario& scenario) {
  const auto executive_of = executive_offices(scenario);
  std::vector<Partnership> result;
  const auto& alliances = scenario.definition().alliances;
  for (std::size_t a = 0; a < alliances.size(); ++a) {
    const auto& alliance = alliances[a];
    if (alliance.kind != AllianceKind::partnership || alliance.members.size() < 3) continue;
    Partnership partnership;
    partnership.alliance = int(a);
    bool governed = true;
    for (int member : alliance.members) {
      governed = governed && executive_of[member] >= 0;
      partnership.executives.push_back(executive_of[member]);
    }
    if (governed) result.push_back(std::move(partnership));
  }
  return result;
}

std::optional<int> stance_dimension(const Scenario& scenario, std::string_view id) {
  const auto& dimensions = scenario.politics().stance_dimensions;
  for (std::size_t d = 0; d < dimensions.size(); ++d)
    if (dimensions[d].id == id) return int(d);
  return std::nullopt;
}

double unit_stance(const Scenario& scenario, const OfficeState& office,
                   std::optional<int> dimension, double fallback) {
  if (!dimension) return fallback;
  const auto& d = scenario.politics().stance_dimensions[*dimension];
  return (office.stance[*dimension] - d.low) / (d.high - d.low);
}

}  // namespace linchpin
