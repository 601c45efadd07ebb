#include "linchpin/bargaining/ktab_csv.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "linchpin/core/error.hpp"

namespace linchpin::bargaining {
namespace {

struct Field {
  std::string text;
  int column = 0;  // 1-based column of the field's first character
};

std::string trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

// Splits one line on commas outside double quotes; quotes are removed, whitespace trimmed.
std::vector<Field> split(std::string_view line) {
  std::vector<Field> fields;
  std::string current;
  int start = 1;
  bool quoted = false;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || (line[i] == ',' && !quoted)) {
      fields.push_back({trim(current), start});
      current.clear();
      start = static_cast<int>(i) + 2;
      continue;
    }
    if (line[i] == '"') {
      quoted = !quoted;
      continue;
    }
    current += line[i];
  }
  return fields;
}

// Drops empty fields at the end of a line (KTAB files end lines with a comma).
void drop_trailing_empty(std::vector<Field>& fields) {
  while (fields.size() > 1 && fields.back().text.empty()) fields.pop_back();
}

struct Reader {
  std::string file;

  SourceLocation at(int line, int column) const { return {file, line, column}; }

  double number(const Field& f, int line, const std::string& key) const {
    const char* begin = f.text.c_str();
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(begin, &end);
    if (f.text.empty() || end == begin || *end != '\0' || errno == ERANGE || !std::isfinite(value))
      throw_input_error(at(line, f.column), key,
                        fmt::format("expected a finite number, found '{}'", f.text));
    return value;
  }

  int count(const Field& f, int line, const std::string& key, int minimum) const {
    const double value = number(f, line, key);
    if (value != std::floor(value) || value < minimum || value > 1e6)
      throw_input_error(at(line, f.column), key,
                        fmt::format("expected a whole number >= {}, found '{}'", minimum, f.text));
    return static_cast<int>(value);
  }
};

}  // namespace

BargainingProblem parse_ktab_csv(std::string_view text, const std::string& file) {
  Reader reader{file};
  std::vector<std::string> lines;
  {
    std::string line;
    std::istringstream stream{std::string(text)};
    while (std::getline(stream, line)) lines.push_back(line);
  }
  // Line numbers of the non-blank lines.
  std::vector<int> used;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (!trim(lines[i]).empty()) used.push_back(static_cast<int>(i) + 1);
  if (used.empty()) throw_input_error(reader.at(1, 1), "scenario", "the file is empty");

  BargainingProblem problem;
  problem.location = reader.at(0, 0);
  problem.scale_min = 0.0;
  problem.scale_max = 100.0;

  const int head_line = used[0];
  auto head = split(lines[head_line - 1]);
  drop_trailing_empty(head);
  if (head.size() < 4)
    throw_input_error(reader.at(head_line, 1), "scenario",
                      "expected 'name, description, number of actors, number of dimensions'");
  problem.name = head[0].text;
  problem.description = head[1].text;
  const int actors = reader.count(head[2], head_line, "scenario.actors", 1);
  const int dims = reader.count(head[3], head_line, "scenario.dimensions", 1);

  if (used.size() < 2)
    throw_input_error(reader.at(head_line + 1, 1), "columns",
                      "expected the column header line 'Actor,Description,Power,...'");
  const int columns_line = used[1];
  auto columns = split(lines[columns_line - 1]);
  drop_trailing_empty(columns);
  const std::size_t expected = 3 + 2 * static_cast<std::size_t>(dims);
  if (columns.size() < expected)
    throw_input_error(reader.at(columns_line, columns.back().column + 1), "columns",
                      fmt::format("expected {} columns (Actor, Description, Power, then a position "
                                  "and a salience for each of {} dimensions), found {}",
                                  expected, dims, columns.size()));
  for (int d = 0; d < dims; ++d) problem.dimensions.push_back(columns[3 + 2 * d].text);

  const int rows = static_cast<int>(used.size()) - 2;
  if (rows != actors) {
    const int line =
        rows > actors ? used[2 + actors] : (rows > 0 ? used.back() + 1 : columns_line + 1);
    throw_input_error(
        reader.at(line, 1), "scenario.actors",
        fmt::format("the header declares {} actors but the file has {} actor rows", actors, rows));
  }

  bool any_capability = false;
  for (int a = 0; a < actors; ++a) {
    const int line = used[2 + a];
    auto fields = split(lines[line - 1]);
    drop_trailing_empty(fields);
    const std::string key = fmt::format("actors[{}]", a);
    if (fields.size() < expected)
      throw_input_error(
          reader.at(line, fields.back().column + 1), key,
          fmt::format("expected {} columns, found {} (missing columns)", expected, fields.size()));
    if (fields.size() > expected)
      throw_input_error(reader.at(line, fields[expected].column), key,
                        fmt::format("expected {} columns, found {}", expected, fields.size()));
    BargainingActor actor;
    actor.location = reader.at(line, 1);
    actor.name = fields[0].text;
    actor.description = fields[1].text;
    if (actor.name.empty())
      throw_input_error(reader.at(line, 1), key + ".name", "a non-empty name");
    actor.capability = reader.number(fields[2], line, key + ".capability");
    if (actor.capability < 0.0)
      throw_input_error(reader.at(line, fields[2].column), key + ".capability",
                        fmt::format("expected a capability >= 0, found {}", fields[2].text));
    any_capability = any_capability || actor.capability > 0.0;
    double total = 0.0;
    for (int d = 0; d < dims; ++d) {
      const Field& pf = fields[3 + 2 * d];
      const Field& sf = fields[4 + 2 * d];
      const double position = reader.number(pf, line, fmt::format("{}.positions[{}]", key, d));
      if (position < 0.0 || position > 100.0)
        throw_input_error(reader.at(line, pf.column), fmt::format("{}.positions[{}]", key, d),
                          fmt::format("expected a position in [0, 100], found {}", pf.text));
      const double salience = reader.number(sf, line, fmt::format("{}.saliences[{}]", key, d));
      if (salience < 0.0 || salience > 100.0)
        throw_input_error(reader.at(line, sf.column), fmt::format("{}.saliences[{}]", key, d),
                          fmt::format("expected a salience in [0, 100], found {}", sf.text));
      total += salience;
      if (total > 100.0 + 1e-9)
        throw_input_error(
            reader.at(line, sf.column), key + ".saliences",
            fmt::format("expected saliences summing to at most 100, found {:g}", total));
      actor.positions.push_back(position);
      actor.saliences.push_back(salience / 100.0);
    }
    problem.actors.push_back(std::move(actor));
  }
  if (!any_capability)
    throw_input_error(reader.at(used[2], 1), "actors",
                      "expected a positive capability (Power) for at least one actor; all are 0");
  return problem;
}

BargainingProblem read_ktab_csv(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw_input_error({path.string(), 0, 0}, "file", "cannot open the KTAB CSV file");
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  return parse_ktab_csv(buffer.str(), path.string());
}

}  // namespace linchpin::bargaining
