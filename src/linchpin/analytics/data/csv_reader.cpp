#include "linchpin/analytics/data/csv_reader.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace linchpin::analytics {

namespace {
// Long fields are cut in messages so one bad cell cannot flood the terminal.
std::string shown(std::string_view field) {
  constexpr std::size_t kMaxShown = 40;
  if (field.size() <= kMaxShown) return std::string(field);
  return std::string(field.substr(0, kMaxShown)) + "...";
}
}  // namespace

CsvReader::CsvReader(std::string path) : path_(std::move(path)), stream_(path_, std::ios::binary) {
  if (!stream_) throw_input_error({path_, 0, 0}, "", "cannot open file");
  if (!read_line(buffer_)) throw_input_error({path_, 1, 0}, "", "file is empty (no header row)");
  bool unterminated = false;
  split(buffer_, header_, unterminated);
  if (unterminated) throw_input_error({path_, 1, 0}, "", "unterminated quote in header row");
}

bool CsvReader::read_line(std::string& line) {
  if (!std::getline(stream_, line)) return false;
  ++line_;
  if (!line.empty() && line.back() == '\r') line.pop_back();  // tolerate CRLF files
  return true;
}

void CsvReader::split(const std::string& line, std::vector<std::string>& fields,
                      bool& unterminated) const {
  fields.clear();
  unterminated = false;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';  // "" inside quotes is one quote (RFC 4180)
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else {
      field += c;
    }
  }
  unterminated = quoted;
  fields.push_back(std::move(field));
}

void CsvReader::require_header(const std::vector<std::string>& expected, bool allow_extra) const {
  const bool size_ok =
      allow_extra ? header_.size() >= expected.size() : header_.size() == expected.size();
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (i >= header_.size()) {
      throw_input_error({path_, 1, 0}, "",
                        fmt::format("wrong header: column {} '{}' is missing", i + 1, expected[i]));
    }
    if (header_[i] != expected[i]) {
      throw_input_error({path_, 1, int(i + 1)}, "",
                        fmt::format("wrong header: column {} is '{}', expected '{}'", i + 1,
                                    shown(header_[i]), expected[i]));
    }
  }
  if (!size_ok) {
    throw_input_error(
        {path_, 1, int(expected.size() + 1)}, "",
        fmt::format("wrong header: unexpected extra column '{}'", shown(header_[expected.size()])));
  }
}

std::optional<std::size_t> CsvReader::column_index(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return i;
  return std::nullopt;
}

bool CsvReader::next_row() {
  do {
    if (!read_line(buffer_)) return false;
  } while (buffer_.empty());
  ++rows_read_;
  bool unterminated = false;
  split(buffer_, fields_, unterminated);
  if (unterminated) {
    throw RowError{{{path_, line_, int(fields_.size())}, "", "unterminated quoted field"}};
  }
  if (fields_.size() != header_.size()) {
    const char* what = fields_.size() < header_.size() ? "truncated row" : "too many fields";
    throw RowError{
        {{path_, line_, 0},
         "",
         fmt::format("{}: {} fields, header has {}", what, fields_.size(), header_.size())}};
  }
  return true;
}

void CsvReader::reject(std::size_t column, std::string message) const {
  throw RowError{{{path_, line_, int(column + 1)}, header_.at(column), std::move(message)}};
}

std::string_view CsvReader::text(std::size_t column) const {
  return fields_.at(column);
}

std::int64_t CsvReader::integer(std::size_t column) const {
  const std::string& field = fields_.at(column);
  if (field.empty()) reject(column, "missing value (empty field)");
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc() || end != field.data() + field.size())
    reject(column, fmt::format("expected an integer, found '{}'", shown(field)));
  return value;
}

double CsvReader::number(std::size_t column) const {
  const std::string& field = fields_.at(column);
  if (field.empty()) reject(column, "missing value (empty field)");
  double value = 0;
  // from_chars accepts both notations the COW files mix: ".039697491" and "4.6803671E-06".
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc() || end != field.data() + field.size() || !std::isfinite(value))
    reject(column, fmt::format("expected a number, found '{}'", shown(field)));
  return value;
}

std::optional<double> CsvReader::number_or_missing(std::size_t column,
                                                   std::string_view missing_code) const {
  const std::string& field = fields_.at(column);
  if (field.empty() || field == missing_code) return std::nullopt;
  return number(column);
}

bool CsvReader::flag(std::size_t column) const {
  const std::string& field = fields_.at(column);
  if (field == "0") return false;
  if (field == "1") return true;
  reject(column, fmt::format("expected 0 or 1, found '{}'", shown(field)));
}

}  // namespace linchpin::analytics
