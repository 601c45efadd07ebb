#pragma once
// Who plays which part in the alliance mechanisms, read off the scenario once:
// - a *patron–host alliance* is a defence pact of two members, both with an executive office,
//   with a forward_forces instrument; its first member is the patron (whose forces are
//   deployed), the second the host;
// - a *partnership* is an alliance of kind partnership with three or more members, all with an
//   executive office (US–ROK–Japan).
// See docs/models/README.md for the conventions.
#include <optional>
#include <vector>

#include "linchpin/scenario/scenario.hpp"
#include "linchpin/world/world.hpp"

namespace linchpin {

struct PatronHostAlliance {
  int alliance = 0;  // scenario alliance index
  int patron = 0;    // actor indices
  int host = 0;
  int patron_executive = 0;  // indices into World::offices
  int host_executive = 0;
  double troops_start = 0.0;  // the forward_forces instrument's `troops`
};

struct Partnership {
  int alliance = 0;
  std::vector<int> executives;  // indices into World::offices, in member order
};

// The executive office of each actor (index into World::offices), -1 where none.
std::vector<int> executive_offices(const Scenario& scenario);

std::vector<PatronHostAlliance> patron_host_alliances(const Scenario& scenario);
std::vector<Partnership> partnerships(const Scenario& scenario);

// Index of a stance dimension, or nullopt when the scenario does not define it.
std::optional<int> stance_dimension(const Scenario& scenario, std::string_view id);

// An office holder's stance on a dimension rescaled to [0, 1]; `fallback` when the dimension
// is not defined.
double unit_stance(const Scenario& scenario, const OfficeState& office,
                   std::optional<int> dimension, double fallback);

// The host's challenger: the other party of the first `enduring` rivalry involving the host, or -1.
int challenger_of(const Scenario& scenario, int host);

// True when both actors are members of the alliance.
bool has_members(const Alliance& alliance, int first, int second);

// The first instrument of a kind in an alliance, or nullptr.
const Instrument* find_instrument(const Alliance& alliance, InstrumentKind kind);

}  // namespace linchpin
