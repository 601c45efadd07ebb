#include "linchpin/alignment/case_study.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "linchpin/analytics/data/csv_reader.hpp"

namespace linchpin::alignment {

std::vector<AlignedState> read_alignment_case(const std::string& path) {
  analytics::CsvReader reader(path);
  std::vector<std::size_t> columns;
  for (const char* name :
       {"country", "ccode", "stateabb", "predicted_side_AB1993", "actual_side_WWII"}) {
    const auto column = reader.column_index(name);
    if (!column) throw_input_error({path, 1, 1}, name, fmt::format("missing column '{}'", name));
    columns.push_back(*column);
  }
  const auto rows = analytics::read_csv_rows<AlignedState>(reader, [&](analytics::CsvReader& r) {
    return AlignedState{std::string(r.text(columns[0])), static_cast<int>(r.integer(columns[1])),
                        std::string(r.text(columns[2])), std::string(r.text(columns[3])),
                        std::string(r.text(columns[4]))};
  });
  rows.require_clean();
  return rows.records;
}

int side_agreement(std::span<const int> blocs, std::span<const std::string> sides) {
  std::vector<std::string> names(sides.begin(), sides.end());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  const int bloc_labels = blocs.empty() ? 0 : *std::max_element(blocs.begin(), blocs.end()) + 1;
  // Pad with unmatched labels so every bloc can be mapped to a distinct side or to none.
  const int slots = std::max<int>(bloc_labels, static_cast<int>(names.size()));
  std::vector<int> side_of_slot(static_cast<std::size_t>(slots));
  std::iota(side_of_slot.begin(), side_of_slot.end(), 0);
  int best = 0;
  do {
    int matches = 0;
    for (std::size_t i = 0; i < blocs.size(); ++i) {
      const int side = side_of_slot[static_cast<std::size_t>(blocs[i])];
      if (side < static_cast<int>(names.size()) &&
          names[static_cast<std::size_t>(side)] == sides[i])
        ++matches;
    }
    best = std::max(best, matches);
  } while (std::next_permutation(side_of_slot.begin(), side_of_slot.end()));
  return best;
}

}  // namespace linchpin::alignment
