#include "linchpin/scenario/yaml_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <unordered_set>

#include "linchpin/core/text.hpp"

namespace linchpin {

NumberRule probability_rule() {
  return NumberRule{0.0, 1.0, false, "a probability"};
}
NumberRule non_negative_rule(const char* meaning) {
  return NumberRule{0.0, 1e300, false, meaning};
}

namespace {
constexpr std::size_t kBlock = 256;
bool starts_character(char c) {
  return (static_cast<unsigned char>(c) & 0xc0) != 0x80;
}
}  // namespace

void YamlReader::set_text(const std::string& text) {
  text_ = &text;
  // yaml-cpp skips a UTF-8 byte order mark without counting it; so do editors.
  line_starts_.assign(1, text.rfind("\xef\xbb\xbf", 0) == 0 ? 3 : 0);
  characters_per_block_.assign(1, 0);
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
    if (starts_character(text[i])) ++characters;
    if ((i + 1) % kBlock == 0) characters_per_block_.push_back(characters);
  }
}

std::size_t YamlReader::characters_before(std::size_t offset) const {
  offset = std::min(offset, text_->size());
  std::size_t characters = characters_per_block_[offset / kBlock];
  for (std::size_t i = offset / kBlock * kBlock; i < offset; ++i)
    if (starts_character((*text_)[i])) ++characters;
  return characters;
}

SourceLocation YamlReader::at_mark(const YAML::Mark& mark) const {
  SourceLocation location{file_, 0, 0};
  if (mark.line < 0 || mark.column < 0) return location;
  location.line = mark.line + 1;
  location.column = mark.column + 1;
  const auto line = static_cast<std::size_t>(mark.line);
  if (text_ != nullptr && line < line_starts_.size()) {
    const std::size_t start = line_starts_[line];
    location.column =
        static_cast<int>(characters_before(start + static_cast<std::size_t>(mark.column)) -
                         characters_before(start) + 1);
  }
  return location;
}

SourceLocation YamlReader::at_offset(std::size_t offset) const {
  if (text_ == nullptr) return {file_, 0, 0};
  offset = std::min(offset, text_->size());
  offset = std::max(offset, line_starts_[0]);  // inside the byte order mark: the first column
  const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line = static_cast<std::size_t>(after - line_starts_.begin()) - 1;
  return {file_, static_cast<int>(line + 1),
          static_cast<int>(characters_before(offset) - characters_before(line_starts_[line]) + 1)};
}

void YamlReader::index_empty_values(const YAML::Node& root) {
  // Iterative, and each collection once: aliases share nodes, so a tree of aliases can stand
  // for exponentially many paths.
  std::vector<YAML::Node> pending{root};
  std::unordered_set<int> visited;  // positions of collections seen
  while (!pending.empty()) {
    const YAML::Node node = pending.back();
    pending.pop_back();
    if (!node.IsMap() && !node.IsSequence()) continue;
    if (!visited.insert(node.Mark().pos).second) continue;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (node.IsSequence()) {
        pending.push_back(*it);
        continue;
      }
      if (it->second.IsNull()) {
        empty_values_.emplace(it->second.Mark().pos,
                              std::make_pair(it->second, at_mark(it->first.Mark())));
      } else {
        pending.push_back(it->second);
      }
    }
  }
}

SourceLocation YamlReader::at(const YAML::Node& node) const {
  if (!node.IsDefined()) return {file_, 0, 0};
  if (node.IsNull()) {
    const auto [first, last] = empty_values_.equal_range(node.Mark().pos);
    for (auto it = first; it != last; ++it)
      if (it->second.first.is(node)) return it->second.second;
  }
  return at_mark(node.Mark());
}

void YamlReader::error(const YAML::Node& node, const std::string& path, std::string message) {
  diagnostics_.add(at(node), path, std::move(message));
}

std::string YamlReader::suggestion(std::string_view word,
                                   const std::vector<std::string>& candidates) {
  constexpr std::size_t kLongestWord = 128;  // identifiers are at most 64 characters
  if (word.empty() || word.size() > kLongestWord) return "";
  std::vector<std::string> near;  // closest_match never accepts a length difference over 3
  for (const auto& candidate : candidates) {
    const std::size_t difference = candidate.size() > word.size() ? candidate.size() - word.size()
                                                                  : word.size() - candidate.size();
    if (difference > 3) continue;
    const std::size_t cost = word.size() * candidate.size() + 1;
    if (cost > suggestion_budget_) return "";
    suggestion_budget_ -= cost;
    near.push_back(candidate);
  }
  return closest_match(word, near);
}

std::string YamlReader::did_you_mean(std::string_view word,
                                     const std::vector<std::string>& candidates) {
  const std::string match = suggestion(word, candidates);
  return match.empty() ? "" : ", did you mean '" + match + "'?";
}

void YamlReader::error(SourceLocation location, const std::string& path, std::string message) {
  diagnostics_.add(std::move(location), path, std::move(message));
}

std::string describe_node(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  // Quote the text on one line: control characters escaped, long text cut at a UTF-8 boundary.
  const std::string& scalar = node.Scalar();
  std::size_t keep = scalar.size();
  if (keep > 40) {
    keep = 37;
    while (keep > 0 && (static_cast<unsigned char>(scalar[keep]) & 0xc0) == 0x80) --keep;
  }
  std::string text;
  for (std::size_t i = 0; i < keep; ++i) {
    const auto c = static_cast<unsigned char>(scalar[i]);
    if (c == '\n')
      text += "\\n";
    else if (c == '\t')
      text += "\\t";
    else if (c < 0x20 || c == 0x7f)
      text += fmt::format("\\x{:02x}", c);
    else
      text += static_cast<char>(c);
  }
  if (keep < scalar.size()) text += "...";
  return "'" + text + "'";
}

bool is_lower_identifier(std::string_view text, bool allow_dash, bool allow_underscore) {
  if (text.empty() || text.size() > 64) return false;
  if (!((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= '0' && text[0] <= '9'))) return false;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (allow_dash && c == '-') ||
                    (allow_underscore && c == '_');
    if (!ok) return false;
  }
  return true;
}

namespace {
bool is_upper_identifier(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Whole numbers in full (1000000000, not 1e+09); others in the shortest form.
std::string format_number(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e16) return fmt::format("{:.0f}", value);
  return fmt::format("{:g}", value);
}

std::string range_text(const NumberRule& rule) {
  const bool has_min = rule.min > -1e299;
  const bool has_max = rule.max < 1e299;
  if (has_min && has_max && rule.min_exclusive)
    return fmt::format("> {} and <= {}", format_number(rule.min), format_number(rule.max));
  if (has_min && has_max)
    return fmt::format("between {} and {}", format_number(rule.min), format_number(rule.max));
  if (has_min)
    return fmt::format("{} {}", rule.min_exclusive ? ">" : ">=", format_number(rule.min));
  if (has_max) return fmt::format("<= {}", format_number(rule.max));
  return "";
}

// True when the text is a plain decimal number as read_number accepts it.
bool looks_numeric(const std::string& text) {
  if (text.empty() || text.find_first_of("xX") != std::string::npos) return false;
  char* end = nullptr;
  (void)std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}
}  // namespace

std::string expected_number(const NumberRule& rule) {
  const std::string range = range_text(rule);
  return range.empty() ? std::string(rule.meaning) : std::string(rule.meaning) + " " + range;
}

std::optional<double> read_number(YamlReader& reader, const YAML::Node& node,
                                  const std::string& path, NumberRule rule) {
  const std::string expected = expected_number(rule);
  if (!node.IsDefined() || !node.IsScalar()) {
    reader.error(node, path, fmt::format("expected {}, got {}", expected, describe_node(node)));
    return std::nullopt;
  }
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") {  // quoted: text, even when it reads like a number
    reader.error(node, path,
                 fmt::format("expected {}, got the quoted text {}{}", expected, describe_node(node),
                             looks_numeric(text) ? "; write numbers without quotes" : ""));
    return std::nullopt;
  }
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(begin, &end);
  const bool hexadecimal = text.find_first_of("xX") != std::string::npos;
  if (text.empty() || end != begin + text.size() || hexadecimal || std::isnan(value)) {
    reader.error(node, path, fmt::format("expected {}, got {}", expected, describe_node(node)));
    return std::nullopt;
  }
  // Overflow: strtod gives infinity ("1e999", "inf"). Underflow to a tiny value is accepted.
  if (std::isinf(value) || (errno == ERANGE && std::fabs(value) > 1.0)) {
    reader.error(
        node, path,
        fmt::format("{} is not a finite number; expected {}", describe_node(node), expected));
    return std::nullopt;
  }
  if (rule.integer && std::floor(value) != value) {
    reader.error(node, path, fmt::format("expected {}, got {}", expected, text));
    return std::nullopt;
  }
  if (value < rule.min || value > rule.max || (rule.min_exclusive && value == rule.min)) {
    reader.error(node, path, fmt::format("{} is out of range: expected {}", text, expected));
    return std::nullopt;
  }
  return value;
}

MapView::MapView(YamlReader& reader, const YAML::Node& node, std::string path,
                 std::vector<std::string> allowed_keys)
    : reader_(reader), node_(node), path_(std::move(path)) {
  if (!node.IsDefined() || !node.IsMap()) {
    reader_.error(node, path_.empty() ? "(top level)" : path_,
                  fmt::format("expected a mapping, got {}", describe_node(node)));
    return;
  }
  valid_ = true;
  // Hash lookups: mappings with author-chosen keys (attributes, parameters) can be large.
  const std::unordered_set<std::string> allowed(allowed_keys.begin(), allowed_keys.end());
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node key_node = it->first;
    if (!key_node.IsScalar()) {
      reader_.error(key_node, path_, "keys must be plain names, got " + describe_node(key_node));
      continue;
    }
    const std::string key = key_node.Scalar();
    if (const auto seen = index_.find(key); seen != index_.end()) {
      const auto first = reader_.at(keys_[seen->second].second);
      reader_.error(key_node, this->path(key),
                    fmt::format("duplicate key '{}' (first given at line {})", key, first.line));
      continue;
    }
    if (allowed.count(key) == 0) {
      std::string message = fmt::format("unknown key '{}'", key);
      const std::string match = reader_.suggestion(key, allowed_keys);
      if (!match.empty()) {
        message += ", did you mean '" + match + "'?";
        suggested_.push_back(match);
      } else {
        message += ", expected one of " + quoted_list(allowed_keys);
      }
      reader_.error(key_node, this->path(key), message);
      continue;
    }
    index_.emplace(key, entries_.size());
    keys_.emplace_back(key, key_node);
    entries_.emplace_back(key, it->second);
  }
}

bool MapView::has(const std::string& key) const {
  return index_.count(key) > 0;
}

YAML::Node MapView::get(const std::string& key) const {
  const auto found = index_.find(key);
  if (found == index_.end()) return YAML::Node(YAML::NodeType::Undefined);
  return entries_[found->second].second;
}

std::string MapView::path(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

SourceLocation MapView::location(const std::string& key) const {
  const auto found = index_.find(key);
  if (found == index_.end()) return location();
  return reader_.at(keys_[found->second].second);
}

SourceLocation MapView::value_location(const std::string& key) const {
  const YAML::Node value = get(key);
  return value.IsDefined() ? reader_.at(value) : location(key);
}

bool MapView::misspelt(const std::string& key) const {
  for (const auto& suggestion : suggested_)
    if (suggestion == key) return true;
  return false;
}

void MapView::missing(const std::string& key, const std::string& expected) {
  if (misspelt(key)) return;  // already reported with a "did you mean" hint
  reader_.error(location(), path(key), fmt::format("missing required key, expected {}", expected));
}

std::optional<YAML::Node> MapView::scalar(const std::string& key, Need need,
                                          const std::string& missing_expected,
                                          const std::string& type_expected) {
  if (!valid_) return std::nullopt;
  const YAML::Node value = get(key);
  if (!value.IsDefined()) {
    if (need == Need::required) missing(key, missing_expected);
    return std::nullopt;
  }
  if (!value.IsScalar()) {
    reader_.error(value, path(key), "expected " + type_expected + ", got " + describe_node(value));
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> MapView::text(const std::string& key, Need need) {
  const auto value = scalar(key, need, "text", "text");
  if (!value) return std::nullopt;
  return value->Scalar();
}

std::optional<std::string> MapView::identifier(const std::string& key, Need need, bool allow_dash,
                                               bool allow_underscore, bool allow_upper) {
  const auto scalar_node =
      scalar(key, need, key == "source" ? "the id of an entry under 'sources'" : "an identifier",
             "an identifier");
  if (!scalar_node) return std::nullopt;
  const YAML::Node& value = *scalar_node;
  const std::string& text = value.Scalar();
  const bool ok = allow_upper ? is_upper_identifier(text)
                              : is_lower_identifier(text, allow_dash, allow_underscore);
  if (!ok) {
    std::string expected = allow_upper ? "letters, digits, '_' or '-'"
                                       : std::string("lower-case letters, digits") +
                                             (allow_dash ? ", '-'" : "") +
                                             (allow_underscore ? ", '_'" : "");
    reader_.error(value, path(key),
                  fmt::format("invalid identifier {}, expected 1-64 characters: {}",
                              describe_node(value), expected));
    return std::nullopt;
  }
  return text;
}

std::optional<double> MapView::number(const std::string& key, Need need, NumberRule rule) {
  if (!valid_) return std::nullopt;
  const YAML::Node value = get(key);
  if (!value.IsDefined()) {
    if (need == Need::required) missing(key, expected_number(rule));
    return std::nullopt;
  }
  return read_number(reader_, value, path(key), rule);
}

std::optional<long long> MapView::integer(const std::string& key, Need need, long long min,
                                          long long max) {
  NumberRule rule{static_cast<double>(min), static_cast<double>(max), true, "a whole number"};
  const auto value = number(key, need, rule);
  if (!value) return std::nullopt;
  return static_cast<long long>(*value);
}

std::optional<bool> MapView::boolean(const std::string& key, Need need) {
  if (!valid_) return std::nullopt;
  const YAML::Node value = get(key);
  if (!value.IsDefined()) {
    if (need == Need::required) missing(key, "true or false");
    return std::nullopt;
  }
  if (value.IsScalar() && value.Tag() != "!") {
    if (value.Scalar() == "true") return true;
    if (value.Scalar() == "false") return false;
  }
  std::string got = describe_node(value);
  if (value.IsScalar()) {
    const std::string folded = [&] {
      std::string text = value.Scalar();
      for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return text;
    }();
    if (value.Tag() == "!" && (folded == "true" || folded == "false"))
      got = "the quoted text " + got + "; write true or false without quotes";
    else if (folded == "true" || folded == "false")
      got += "; write it in lower case";
    else if (folded == "yes" || folded == "no" || folded == "on" || folded == "off")
      got += "; only true and false are booleans here";
  }
  reader_.error(value, path(key), "expected true or false, got " + got);
  return std::nullopt;
}

std::optional<CalendarDate> MapView::date(const std::string& key, Need need) {
  const std::string expected = "a date (YYYY-MM or YYYY-MM-DD)";
  const auto scalar_node = scalar(key, need, expected, expected);
  if (!scalar_node) return std::nullopt;
  const YAML::Node& value = *scalar_node;
  std::string why;
  auto date = parse_calendar_date(value.Scalar(), &why);
  if (!date) reader_.error(value, path(key), fmt::format("{}: {}", describe_node(value), why));
  return date;
}

std::optional<std::string> MapView::choice_text(const std::string& key, Need need,
                                                const std::vector<std::string>& names) {
  if (!valid_) return std::nullopt;
  const YAML::Node value = get(key);
  if (!value.IsDefined()) {
    if (need == Need::required) missing(key, "one of " + quoted_list(names));
    return std::nullopt;
  }
  if (value.IsScalar()) {
    for (const auto& name : names)
      if (name == value.Scalar()) return name;
  }
  std::string message = fmt::format("{} is not allowed, expected one of {}", describe_node(value),
                                    quoted_list(names));
  if (value.IsScalar()) message += reader_.did_you_mean(value.Scalar(), names);
  reader_.error(value, path(key), message);
  return std::nullopt;
}

std::optional<Quantity> MapView::quantity(const std::string& key, Need need, NumberRule rule,
                                          bool source_required) {
  if (!valid_) return std::nullopt;
  const YAML::Node value = get(key);
  if (!value.IsDefined()) {
    if (need == Need::required)
      missing(key, fmt::format("a quantity ({}) written {{value: ..., source: ...}} or "
                               "{{distribution: ..., source: ...}}",
                               expected_number(rule)));
    return std::nullopt;
  }
  return read_quantity(reader_, value, path(key), rule, source_required);
}

namespace {
// The distributions a quantity may name ('fixed' is written {value: ...} instead).
constexpr std::array<EnumName<DistributionKind>, 5> kRandomDistributionNames = {{
    {DistributionKind::uniform, "uniform"},
    {DistributionKind::normal, "normal"},
    {DistributionKind::triangular, "triangular"},
    {DistributionKind::beta, "beta"},
    {DistributionKind::empirical, "empirical"},
}};
}  // namespace

std::optional<Quantity> read_quantity(YamlReader& reader, const YAML::Node& node,
                                      const std::string& path, NumberRule rule,
                                      bool source_required) {
  if (node.IsDefined() && node.IsScalar() && !source_required) {
    auto value = read_number(reader, node, path, rule);
    if (!value) return std::nullopt;
    Quantity quantity = Quantity::constant(*value);
    quantity.key_path = path;
    quantity.location = reader.at(node);
    return quantity;
  }
  if (node.IsDefined() && node.IsScalar() && node.Tag() != "!" && looks_numeric(node.Scalar())) {
    reader.error(node, path,
                 fmt::format("a bare number has no source; expected a quantity ({}) written "
                             "{{value: {}, source: <id of an entry under 'sources'>}} or a "
                             "distribution",
                             expected_number(rule), node.Scalar()));
    return std::nullopt;
  }
  if (!node.IsDefined() || !node.IsMap()) {
    reader.error(node, path,
                 fmt::format("expected a quantity ({}) written {{value: ..., source: ...}} or "
                             "{{distribution: ..., source: ...}}, got {}",
                             expected_number(rule), describe_node(node)));
    return std::nullopt;
  }
  const bool is_distribution = node["distribution"].IsDefined();
  if (!is_distribution) {
    std::vector<std::string> parameters;
    for (const char* k : {"low", "high", "mode", "mean", "sd", "alpha", "beta"})
      if (node[k].IsDefined()) parameters.emplace_back(k);
    if (!parameters.empty()) {
      reader.error(node, path,
                   fmt::format("'{}' {} of a distribution but 'distribution' is missing; add "
                               "distribution: uniform, normal, triangular or beta",
                               fmt::join(parameters, "', '"),
                               parameters.size() == 1 ? "is a parameter" : "are parameters"));
      return std::nullopt;
    }
  }
  std::vector<std::string> keys = {"source", "unit", "note", "value"};
  if (is_distribution) {
    for (const char* k : {"distribution", "low", "high", "mode", "mean", "sd", "alpha", "beta"})
      keys.emplace_back(k);
    if (rule.correlation_allowed) {
      keys.emplace_back("correlated_with");
      keys.emplace_back("correlation");
      keys.emplace_back("values");
      keys.emplace_back("draw_group");
    }
  }
  MapView view(reader, node, path, keys);
  Quantity quantity;
  quantity.key_path = path;
  quantity.location = reader.at(node);
  if (auto source =
          view.identifier("source", source_required ? Need::required : Need::optional, true, false))
    quantity.source = *source;
  quantity.source_location = view.value_location("source");
  if (auto unit = view.text("unit", Need::optional)) quantity.unit = *unit;
  if (auto note = view.text("note", Need::optional)) quantity.note = *note;
  bool ok = true;
  auto need_number = [&](const char* key, NumberRule r) -> double {
    auto v = view.number(key, Need::required, r);
    if (!v) ok = false;
    return v.value_or(0.0);
  };
  auto forbid = [&](std::initializer_list<const char*> forbidden, const char* kind) {
    for (const char* key : forbidden) {
      if (view.has(key)) {
        reader.error(view.location(key), view.path(key),
                     fmt::format("'{}' is not a parameter of a {} distribution", key, kind));
        ok = false;
      }
    }
  };
  if (!is_distribution) {
    quantity.kind = DistributionKind::fixed;
    quantity.value = need_number("value", rule);
    return ok ? std::optional<Quantity>(quantity) : std::nullopt;
  }
  const YAML::Node distribution = view.get("distribution");
  if (distribution.IsScalar() && distribution.Scalar() == "fixed") {
    // One message for the mistake; the 'value' beside it is then not a second error.
    reader.error(distribution, view.path("distribution"),
                 "'fixed' is not written as a distribution: for a fixed number remove "
                 "'distribution' and write {value: ..., source: ...}; the distributions are "
                 "'uniform', 'normal', 'triangular' and 'beta'");
    return std::nullopt;
  }
  if (view.has("value")) {
    reader.error(view.location("value"), view.path("value"),
                 "'value' cannot be combined with 'distribution': give either a fixed "
                 "{value: ...} or a distribution with its parameters");
    ok = false;
  }
  const auto kind = view.choice("distribution", Need::required, kRandomDistributionNames);
  if (!kind) return std::nullopt;
  quantity.kind = *kind;
  NumberRule any{-1e300, 1e300, false, "a number"};
  switch (*kind) {
    case DistributionKind::uniform:
      forbid({"mode", "mean", "sd", "alpha", "beta", "correlated_with", "correlation", "values",
              "draw_group"},
             "uniform");
      quantity.low = need_number("low", rule);
      quantity.high = need_number("high", rule);
      if (ok && !(quantity.low < quantity.high)) {
        reader.error(view.value_location("high"), view.path("high"),
                     fmt::format("high ({:g}) must be greater than low ({:g})", quantity.high,
                                 quantity.low));
        ok = false;
      }
      break;
    case DistributionKind::normal: {
      forbid({"mode", "alpha", "beta", "values", "draw_group"}, "normal");
      if (view.has("correlated_with") || view.has("correlation")) {
        if (auto partner = view.identifier("correlated_with", Need::required, false, true))
          quantity.correlated_with = *partner;
        else
          ok = false;
        if (auto rho = view.number("correlation", Need::required,
                                   NumberRule{-1.0, 1.0, false, "a correlation"}))
          quantity.correlation = *rho;
        else
          ok = false;
      }
      quantity.mean = need_number("mean", any);
      quantity.sd = need_number("sd", NumberRule{0.0, 1e300, false, "a standard deviation", true});
      if (view.has("low")) {
        quantity.has_low = true;
        quantity.low = need_number("low", rule);
      }
      if (view.has("high")) {
        quantity.has_high = true;
        quantity.high = need_number("high", rule);
      }
      const bool bounded_below = rule.min > -1e299;
      const bool bounded_above = rule.max < 1e299;
      if ((bounded_below && !quantity.has_low) || (bounded_above && !quantity.has_high)) {
        reader.error(
            view.location(), path,
            fmt::format("a normal distribution is unbounded but this value must be {}; "
                        "give {} inside that range",
                        range_text(rule),
                        bounded_below && bounded_above ? "truncation bounds 'low' and 'high'"
                        : bounded_below                ? "a truncation bound 'low'"
                                                       : "a truncation bound 'high'"));
        ok = false;
      }
      if (ok && quantity.has_low && quantity.has_high && !(quantity.low < quantity.high)) {
        reader.error(view.value_location("high"), view.path("high"),
                     fmt::format("high ({:g}) must be greater than low ({:g})", quantity.high,
                                 quantity.low));
        ok = false;
      }
      if (ok && ((quantity.has_low && quantity.mean < quantity.low) ||
                 (quantity.has_high && quantity.mean > quantity.high))) {
        const bool below = quantity.has_low && quantity.mean < quantity.low;
        reader.error(view.value_location("mean"), view.path("mean"),
                     fmt::format("the mean ({:g}) is {} the truncation bound {} ({:g}); expected "
                                 "a mean inside the bounds",
                                 quantity.mean, below ? "below" : "above", below ? "low" : "high",
                                 below ? quantity.low : quantity.high));
        ok = false;
      }
      break;
    }
    case DistributionKind::triangular:
      forbid({"mean", "sd", "alpha", "beta", "correlated_with", "correlation", "values",
              "draw_group"},
             "triangular");
      quantity.low = need_number("low", rule);
      quantity.mode = need_number("mode", rule);
      quantity.high = need_number("high", rule);
      if (ok && !(quantity.low < quantity.high)) {
        reader.error(view.value_location("high"), view.path("high"),
                     fmt::format("high ({:g}) must be greater than low ({:g})", quantity.high,
                                 quantity.low));
        ok = false;
      } else if (ok && !(quantity.low <= quantity.mode && quantity.mode <= quantity.high)) {
        reader.error(view.value_location("mode"), view.path("mode"),
                     fmt::format("the mode ({:g}) must lie between low ({:g}) and high ({:g})",
                                 quantity.mode, quantity.low, quantity.high));
        ok = false;
      }
      break;
    case DistributionKind::beta:
      forbid({"low", "high", "mode", "mean", "sd", "correlated_with", "correlation", "values",
              "draw_group"},
             "beta");
      quantity.alpha = need_number("alpha", NumberRule{0.0, 1e6, false, "a shape parameter", true});
      quantity.beta = need_number("beta", NumberRule{0.0, 1e6, false, "a shape parameter", true});
      if (rule.min > 0.0 || rule.max < 1.0) {
        reader.error(view.location(), path,
                     fmt::format("a beta distribution takes values in [0, 1] but this value must "
                                 "be {}",
                                 range_text(rule)));
        ok = false;
      }
      break;
    case DistributionKind::empirical: {
      forbid({"low", "high", "mode", "mean", "sd", "alpha", "beta", "correlated_with",
              "correlation"},
             "empirical");
      if (!rule.correlation_allowed) {
        reader.error(view.value_location("distribution"), view.path("distribution"),
                     "an empirical distribution (a list of draws) is allowed only for mechanism "
                     "parameters");
        ok = false;
        break;
      }
      const YAML::Node list = view.get("values");
      if (!list.IsDefined() || !list.IsSequence() || list.size() == 0) {
        reader.error(list.IsDefined() ? list : node, view.path("values"),
                     "expected a non-empty list of numbers (the draws)");
        ok = false;
        break;
      }
      if (list.size() > 100000) {
        reader.error(list, view.path("values"), "at most 100000 draws are allowed");
        ok = false;
        break;
      }
      for (std::size_t i = 0; i < list.size(); ++i) {
        auto v = read_number(reader, list[i], fmt::format("{}[{}]", view.path("values"), i), rule);
        if (!v) {
          ok = false;
          break;
        }
        quantity.values.push_back(*v);
      }
      if (view.has("draw_group")) {
        if (auto group = view.identifier("draw_group", Need::required, true, true))
          quantity.draw_group = *group;
        else
          ok = false;
      }
      break;
    }
    case DistributionKind::fixed:
      break;
  }
  if (ok && rule.integer && quantity.is_random()) {
    reader.error(
        view.location(), path,
        fmt::format("expected {}; distributions are not allowed here", expected_number(rule)));
    ok = false;
  }
  return ok ? std::optional<Quantity>(quantity) : std::nullopt;
}

}  // namespace linchpin
