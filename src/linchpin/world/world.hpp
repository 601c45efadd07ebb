#pragma once
// The simulated state of one trial. Mechanisms read it and change their own part of it;
// they share information only through this state and through events.
#include <cstdint>
#include <vector>

#include "linchpin/core/calendar.hpp"
#include "linchpin/scenario/scenario.hpp"

namespace linchpin {

// Who holds an office now.
struct OfficeState {
  int party = 0;               // index into the political system's parties
  std::vector<double> stance;  // the holder's stance, one value per stance dimension
  int terms_served = 1;
  int leader_serial = 0;  // increases with every new leader, so changes are detectable
  Month since;
};

struct TheatreState {
  TheatreCondition condition = TheatreCondition::calm;
  int months_in_condition = 0;
};

// Points from the flat office list back into the scenario.
struct OfficeRef {
  int system = 0;
  int office = 0;
};

struct World {
  Month month;          // the month being simulated
  int month_index = 0;  // 0 for the start month
  std::vector<OfficeState> offices;
  std::vector<TheatreState> theatres;
  std::vector<std::uint64_t> event_totals;  // one per event process
};

// Offices of every political system, in scenario order: the index used by World::offices.
std::vector<OfficeRef> office_refs(const Scenario& scenario);

// The state at the start month, before any mechanism has prepared its part.
World make_initial_world(const Scenario& scenario);

}  // namespace linchpin
