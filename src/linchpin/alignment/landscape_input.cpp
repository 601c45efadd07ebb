#include "linchpin/alignment/landscape_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "linchpin/analytics/data/csv_reader.hpp"

namespace linchpin::alignment {

namespace {

std::string quoted(const std::string& text) {
  if (text.find_first_of(",\"") == std::string::npos) return text;
  std::string result(1, '"');
  for (const char c : text) {
    if (c == '"') result.push_back('"');
    result.push_back(c);
  }
  result.push_back('"');
  return result;
}

}  // namespace

Landscape read_landscape_csv(const std::string& path) {
  analytics::CsvReader reader(path);
  const auto& header = reader.header();
  const SourceLocation header_location{path, 1, 1};
  if (header.size() < 2 || header[0] != "actor" || header[1] != "size")
    throw_input_error(header_location, "header",
                      "expected the columns 'actor,size' followed by one column per actor");
  const std::size_t n = header.size() - 2;
  if (n < 2)
    throw_input_error(header_location, "header",
                      fmt::format("at least two actors are needed, found {}", n));
  Landscape landscape;
  landscape.location = {path, 0, 0};
  landscape.propensities.assign(n * n, 0.0);
  try {
    while (reader.next_row()) {
      const std::size_t i = landscape.actors.size();
      const std::string name(reader.text(0));
      if (i >= n)
        reader.reject(0, fmt::format("more rows than the {} actors named in the header", n));
      if (name != header[i + 2])
        reader.reject(0, fmt::format("expected actor '{}' (row {} follows the header's column "
                                     "order), found '{}'",
                                     header[i + 2], i + 1, name));
      const double size = reader.number(1);
      if (size < 0) reader.reject(1, fmt::format("expected a size >= 0, found {}", size));
      for (std::size_t j = 0; j < n; ++j) {
        const std::size_t column = j + 2;
        if (j == i) {
          const auto diagonal = reader.text(column);
          if (!diagonal.empty() && reader.number(column) != 0.0)
            reader.reject(column, "the diagonal must be empty or 0");
          continue;
        }
        const double value = reader.number(column);
        landscape.propensities[i * n + j] = value;
        if (j < i) {
          const double mirror = landscape.propensities[j * n + i];
          if (std::abs(value - mirror) > 1e-9 * std::max({1.0, std::abs(value), std::abs(mirror)}))
            reader.reject(column,
                          fmt::format("not symmetric: {} towards {} is {} but {} towards "
                                      "{} is {}",
                                      name, header[column], value, header[column], name, mirror));
        }
      }
      landscape.actors.push_back({name, size, {path, reader.line(), 1}});
    }
  } catch (const analytics::RowError& error) {
    throw_input_error(error.diagnostic.location, error.diagnostic.key_path,
                      error.diagnostic.message);
  }
  if (landscape.actors.size() != n)
    throw_input_error({path, reader.line() + 1, 1}, "actor",
                      fmt::format("expected {} actor rows (one per header column), found {}", n,
                                  landscape.actors.size()));
  validate_landscape(landscape);
  return landscape;
}

std::string landscape_csv(const Landscape& landscape) {
  const std::size_t n = landscape.size();
  std::string text = "actor,size";
  for (const auto& actor : landscape.actors) text += fmt::format(",{}", quoted(actor.name));
  text.push_back('\n');
  for (std::size_t i = 0; i < n; ++i) {
    text += fmt::format("{},{}", quoted(landscape.actors[i].name), landscape.actors[i].size);
    for (std::size_t j = 0; j < n; ++j)
      text += i == j ? std::string(",") : fmt::format(",{}", landscape.propensity(i, j));
    text.push_back('\n');
  }
  return text;
}

}  // namespace linchpin::alignment
