#pragma once
// Dispute history of undirected dyads over a window of years, from MID dyad-year data: how
// many years the two states were in a dispute, how many distinct disputes and onsets, and the
// highest hostility and fatality levels reached.
#include <optional>
#include <span>
#include <vector>

#include "linchpin/analytics/data/mid_reader.hpp"

namespace linchpin::analytics {

struct DyadDisputeHistory {
  int ccode1 = 0;  // ccode1 < ccode2
  int ccode2 = 0;
  int first_year = 0;  // the window, limited to the years the data cover
  int last_year = 0;
  int dispute_years = 0;            // years with a dispute between the two
  int disputes = 0;                 // distinct dispute numbers
  int onsets = 0;                   // dyad-years in which a dispute began for the dyad
  std::optional<int> max_hostlev;   // highest of the two states' own hostility levels, 1-5
  std::optional<int> max_fatality;  // highest known fatality level of either state, 0-6
  int fatality_missing = 0;         // dispute-years with a side's fatality level unknown (-9)
  std::optional<int> first_dispute_year;
  std::optional<int> last_dispute_year;
};

struct DisputeHistoryOptions {
  int first_year = 0;
  int last_year = 9999;
  // When non-empty: every pair of listed states, with zero counts for pairs without disputes;
  // when empty: every dyad with at least one dispute-year in the window.
  std::vector<int> states;
};

// The first and last year of the data (0, -1 for no rows).
std::pair<int, int> dispute_data_years(std::span<const MidDyadYear> rows);

// Directed rows are folded into undirected dyads (a dyad-year and its mirror count once).
// Sorted by ccode1, ccode2.
std::vector<DyadDisputeHistory> dispute_history(std::span<const MidDyadYear> rows,
                                                const DisputeHistoryOptions& options);

}  // namespace linchpin::analytics
