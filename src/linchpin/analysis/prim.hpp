#pragma once
// PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999), as used for scenario
// discovery (Bryant & Lempert 2010; Kwakkel 2017, EMA Workbench): find a box of the input space
// where the output's mean (for a 0/1 "case of interest" output, the share of cases) is high,
// by peeling small slices off the box, then pasting back slices that raise the mean.
// Continuous inputs only. Documented in docs/analysis/sensitivity.md.
#include <cstddef>
#include <span>
#include <vector>

#include "linchpin/analysis/sampling_design.hpp"

namespace linchpin::analysis {

// Closed limits [lower[i], upper[i]] on each input.
struct PrimBox {
  std::vector<double> lower;
  std::vector<double> upper;
};

struct PrimStatistics {
  PrimBox box;
  std::size_t points = 0;               // rows inside the box
  double coverage = 0.0;                // sum of outputs inside / sum of all outputs
  double density = 0.0;                 // mean output inside
  double mass = 0.0;                    // share of rows inside
  std::vector<std::size_t> restricted;  // inputs whose limits are tighter than the data's
};

struct PrimOptions {
  double peel_alpha = 0.05;   // share of the box's rows removed per peel
  double paste_alpha = 0.05;  // share of the box's rows added per paste
  double min_mass = 0.05;     // peeling stops before the box holds fewer rows than this share
};

// The smallest box holding every row (the data's range per input): the starting box, and what
// "unrestricted" is measured against.
PrimBox data_bounds(const Design& inputs);

// Rows inside `box`, and the statistics of that box relative to `bounds`.
PrimStatistics box_statistics(const Design& inputs, std::span<const double> outputs,
                              const PrimBox& box, const PrimBox& bounds);

// The peeling trajectory: entry 0 is the whole data box, each further entry the box after one
// peel. Each step removes, from one side of one input, the alpha-quantile slice of the rows
// in the box (at least one row); of the 2d candidate peels the one leaving the highest mean is
// taken (ties: the one removing fewer rows, then the lower input index). Throws InputError for
// mismatched sizes, negative outputs or options outside (0, 1).
std::vector<PrimStatistics> prim_peel(const Design& inputs, std::span<const double> outputs,
                                      const PrimOptions& options = {});

// Pasting: repeatedly widen one side of one input by the paste_alpha share of the box's rows
// nearest to it (among rows inside the box on every other input), taking the widening with the
// highest mean while it raises the mean.
PrimStatistics prim_paste(const Design& inputs, std::span<const double> outputs,
                          const PrimStatistics& start, const PrimBox& bounds,
                          const PrimOptions& options = {});

// The trajectory entry with the highest coverage among those with density >= min_density (the
// earliest such entry: coverage falls as the box shrinks); trajectory.size() if none.
std::size_t select_box(std::span<const PrimStatistics> trajectory, double min_density);

// Peel, select the highest-coverage box with density >= min_density, paste it.
struct PrimResult {
  std::vector<PrimStatistics> trajectory;  // peeling trajectory
  std::size_t selected = 0;                // index into trajectory; trajectory.size() if none
  PrimStatistics box;                      // the selected box after pasting (empty if none)
};
PrimResult prim_find_box(const Design& inputs, std::span<const double> outputs, double min_density,
                         const PrimOptions& options = {});

}  // namespace linchpin::analysis
