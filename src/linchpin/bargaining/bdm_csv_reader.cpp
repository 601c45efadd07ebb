#include "linchpin/bargaining/bdm_csv_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <optional>

#include "linchpin/analytics/data/csv_reader.hpp"
#include "linchpin/core/text.hpp"

namespace linchpin::bargaining {

namespace {
constexpr std::array<const char*, 4> kColumns = {"Actor", "Capability", "Position", "Salience"};
}  // namespace

BargainingProblem read_bdm_csv(const std::string& path) {
  analytics::CsvReader reader(path);
  DiagnosticList diagnostics;
  std::array<std::size_t, 4> column{};
  for (std::size_t k = 0; k < kColumns.size(); ++k) {
    const auto found = reader.column_index(kColumns[k]);
    if (found) {
      column[k] = *found;
      continue;
    }
    diagnostics.add({path, 1, 1}, kColumns[k],
                    fmt::format("missing column '{}'{}; expected the header "
                                "Actor,Capability,Position,Salience",
                                kColumns[k], did_you_mean(kColumns[k], reader.header())));
  }
  diagnostics.throw_if_any();

  BargainingProblem problem;
  problem.name = std::filesystem::path(path).stem().string();
  problem.dimensions = {"position"};
  problem.location = {path, 1, 1};
  std::map<std::string, int> seen;  // actor name -> line
  bool any_capability = false;
  while (true) {
    try {
      if (!reader.next_row()) break;
    } catch (const analytics::RowError& error) {
      diagnostics.add(error.diagnostic.location, error.diagnostic.key_path,
                      error.diagnostic.message);
      continue;
    }
    bool ok = true;
    const auto field = [&](std::size_t k, auto read) -> double {
      try {
        return read(column[k]);
      } catch (const analytics::RowError& error) {
        diagnostics.add(error.diagnostic.location, error.diagnostic.key_path,
                        error.diagnostic.message);
        ok = false;
        return 0.0;
      }
    };
    const SourceLocation at{path, reader.line(), 1};
    BargainingActor actor;
    actor.location = at;
    actor.name = std::string(reader.text(column[0]));
    if (actor.name.empty()) {
      diagnostics.add({path, reader.line(), int(column[0] + 1)}, "Actor",
                      "missing actor name (empty field)");
      ok = false;
    } else if (auto [it, inserted] = seen.emplace(actor.name, reader.line()); !inserted) {
      diagnostics.add(
          {path, reader.line(), int(column[0] + 1)}, "Actor",
          fmt::format("actor '{}' is listed twice (first at line {})", actor.name, it->second));
      ok = false;
    }
    actor.capability = field(1, [&](std::size_t c) {
      const double value = reader.number(c);
      if (value < 0) reader.reject(c, fmt::format("expected a capability >= 0, got {:g}", value));
      return value;
    });
    const double position = field(2, [&](std::size_t c) { return reader.number(c); });
    const double salience = field(3, [&](std::size_t c) {
      const double value = reader.number(c);
      if (value < 0 || value > 1)
        reader.reject(c, fmt::format("expected a salience between 0 and 1, got {:g}{}", value,
                                     value > 1 && value <= 100
                                         ? " (divide saliences given on a 0-100 scale by 100)"
                                         : ""));
      return value;
    });
    if (!ok) continue;
    any_capability = any_capability || actor.capability > 0;
    actor.positions = {position};
    actor.saliences = {salience};
    problem.actors.push_back(std::move(actor));
  }
  if (diagnostics.empty() && problem.actors.empty())
    diagnostics.add({path, 2, 1}, "", "no actor rows after the header; expected at least one");
  if (diagnostics.empty() && !any_capability)
    diagnostics.add({path, 2, int(column[1] + 1)}, "Capability",
                    "every actor has capability 0, so no one can influence the outcome; expected "
                    "at least one capability above 0");
  diagnostics.throw_if_any();

  const auto [low, high] =
      std::minmax_element(problem.actors.begin(), problem.actors.end(),
                          [](const BargainingActor& a, const BargainingActor& b) {
                            return a.positions[0] < b.positions[0];
                          });
  problem.scale_min = low->positions[0];
  problem.scale_max = high->positions[0];
  if (problem.scale_min == problem.scale_max) {
    problem.scale_min -= 1;
    problem.scale_max += 1;
  }
  return problem;
}

}  // namespace linchpin::bargaining
