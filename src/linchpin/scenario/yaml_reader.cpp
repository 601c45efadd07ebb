#include "linchpin/scenario/yaml_reader.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "linchpin/core/text.hpp"

namespace linchpin {

NumberRule probability_rule() { return NumberRule{0.0, 1.0, false, "a probability in [0, 1]"}; }
NumberRule non_negative_rule(const char* meaning) { return NumberRule{0.0, 1e300, false, meaning}; }

SourceLocation YamlReader::at(const YAML::Node& node) const {
  SourceLocation location{file_, 0, 0};
  if (node.IsDefined()) {
    const auto mark = node.Mark();
    if (mark.line >= 0) {
      location.line = mark.line + 1;
      location.column = mark.column + 1;
    }
  }
  return location;
}

void YamlReader::error(const YAML::Node& node, const std::string& path, std::string message) {
  diagnostics_.add(at(node), path, std::move(message));
}

void YamlReader::error(SourceLocation location, const std::string& path, std::string message) {
  diagnostics_.add(std::move(location), path, std::move(message));
}

std::string describe_node(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  std::string text = node.Scalar();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return "'" + text + "'";
}

bool is_lower_identifier(std::string_view text, bool allow_dash, bool allow_underscore) {
  if (text.empty() || text.size() > 64) return false;
  if (!((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= '0' && text[0] <= '9'))) return false;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    (allow_dash && c == '-') || (allow_underscore && c == '_');
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

std::string format_number(double value) { return fmt::format("{:g}", value); }

std::string range_text(const NumberRule& rule) {
  const bool has_min = rule.min > -1e299;
  const bool has_max = rule.max < 1e299;
  if (has_min && has_max)
    return fmt::format("between {} and {}", format_number(rule.min), format_number(rule.max));
  if (has_min) return fmt::format(">= {}", format_number(rule.min));
  if (has_max) return fmt::format("<= {}", format_number(rule.max));
  return "finite";
}
}  // namespace

std::optional<double> read_number(YamlReader& reader, const YAML::Node& node,
                                  const std::string& path, NumberRule rule) {
  if (!node.IsDefined() || !node.IsScalar() || node.Tag() == "!") {
    reader.error(node, path, fmt::format("expected {}, got {}", rule.meaning, describe_node(node)));
    return std::nullopt;
  }
  const std::string& text = node.Scalar();
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(begin, &end);
  const bool hexadecimal = text.find_first_of("xX") != std::string::npos;
  if (text.empty() || end != begin + text.size() || hexadecimal || !std::isfinite(value) ||
      errno == ERANGE) {
    reader.error(node, path, fmt::format("expected {}, got {}", rule.meaning, describe_node(node)));
    return std::nullopt;
  }
  if (rule.integer && std::floor(value) != value) {
    reader.error(node, path, fmt::format("expected {} (a whole number), got {}", rule.meaning, text));
    return std::nullopt;
  }
  if (value < rule.min || value > rule.max) {
    reader.error(node, path,
                 fmt::format("{} is out of range: expected {} {}", text, rule.meaning,
                             range_text(rule)));
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
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node key_node = it->first;
    if (!key_node.IsScalar()) {
      reader_.error(key_node, path_, "keys must be plain names, got " + describe_node(key_node));
      continue;
    }
    const std::string key = key_node.Scalar();
    bool duplicate = false;
    for (const auto& [seen, seen_node] : keys_) {
      if (seen == key) {
        const auto first = reader_.at(seen_node);
        reader_.error(key_node, this->path(key),
                      fmt::format("duplicate key '{}' (first given at line {})", key, first.line));
        duplicate = true;
        break;
      }
    }
    if (duplicate) continue;
    bool known = false;
    for (const auto& allowed : allowed_keys) known = known || allowed == key;
    if (!known) {
      std::string message = fmt::format("unknown key '{}'", key);
      const std::string hint = did_you_mean(key, allowed_keys);
      message += hint.empty() ? ", expected one of " + quoted_list(allowed_keys) : hint;
      reader_.error(key_node, this->path(key), message);
      continue;
    }
    keys_.emplace_back(key, key_node);
    entries_.emplace_back(key, it->second);
  }
}

bool MapView::has(const std::string& key) const {
  for (const auto& [name, value] : entries_)
    if (name == key) return true;
  return false;
}

YAML::Node MapView::get(const std::string& key) const {
  for (const auto& [name, value] : entries_)
    if (name == key) return value;
  return YAML::Node(YAML::NodeType::Undefined);
}

std::string MapView::path(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

SourceLocation MapView::location(const std::string& key) const {
  for (const auto& [name, key_node] : keys_)
    if (name == key) return reader_.at(key_node);
  return location();
}

void MapView::missing(const std::string& key, const std::string& expected) {
  reader_.error(location(), path(key), fmt::format("missing required key, expected {}", expected));
}

std::optional<std::string> MapView::text(const std::string& key, Need need) {
  if (!valid_) return std::nullopt;
  const YAML::Node value = get(key);
  if (!value.IsDefined()) {
    if (need == Need::required) missing(key, "text");
    return std::nullopt;
  }
  if (!value.IsScalar()) {
    reader_.error(value, path(key), "expected text, got " + describe_node(value));
    return std::nullopt;
  }
  return value.Scalar();
}

std::optional<std::string> MapView::identifier(const std::string& key, Need need,
                                               bool allow_dash, bool allow_underscore,
                                               bool allow_upper) {
  if (!valid_) return std::nullopt;
  const YAML::Node value = get(key);
  if (!value.IsDefined()) {
    if (need == Need::required) missing(key, "an identifier");
    return std::nullopt;
  }
  if (!value.IsScalar()) {
    reader_.error(value, path(key), "expected an identifier, got " + describe_node(value));
    return std::nullopt;
  }
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
    if (need == Need::required) missing(key, rule.meaning);
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
  reader_.error(value, path(key), "expected true or false, got " + describe_node(value));
  return std::nullopt;
}

std::optional<CalendarDate> MapView::date(const std::string& key, Need need) {
  if (!valid_) return std::nullopt;
  const YAML::Node value = get(key);
  if (!value.IsDefined()) {
    if (need == Need::required) missing(key, "a date (YYYY-MM or YYYY-MM-DD)");
    return std::nullopt;
  }
  if (!value.IsScalar()) {
    reader_.error(value, path(key),
                  "expected a date (YYYY-MM or YYYY-MM-DD), got " + describe_node(value));
    return std::nullopt;
  }
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
  if (value.IsScalar()) message += did_you_mean(value.Scalar(), names);
  reader_.error(value, path(key), message);
  return std::nullopt;
}

std::optional<Quantity> MapView::quantity(const std::string& key, Need need, NumberRule rule,
                                          bool source_required) {
  if (!valid_) return std::nullopt;
  const YAML::Node value = get(key);
  if (!value.IsDefined()) {
    if (need == Need::required)
      missing(key, fmt::format("a quantity ({{value: ..., source: ...}} or a distribution) of {}",
                               rule.meaning));
    return std::nullopt;
  }
  return read_quantity(reader_, value, path(key), rule, source_required);
}

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
  if (!node.IsDefined() || !node.IsMap()) {
    reader.error(node, path,
                 fmt::format("expected a quantity of {} as a mapping {{value: ..., source: ...}} "
                             "or {{distribution: ..., source: ...}}, got {}",
                             rule.meaning, describe_node(node)));
    return std::nullopt;
  }
  const bool is_distribution = node["distribution"].IsDefined();
  std::vector<std::string> keys = {"source", "unit", "note"};
  if (is_distribution) {
    for (const char* k : {"distribution", "low", "high", "mode", "mean", "sd", "alpha", "beta"})
      keys.emplace_back(k);
  } else {
    keys.emplace_back("value");
  }
  MapView view(reader, node, path, keys);
  Quantity quantity;
  quantity.key_path = path;
  quantity.location = reader.at(node);
  if (auto source = view.identifier("source", source_required ? Need::required : Need::optional,
                                    true, false))
    quantity.source = *source;
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
  const auto kind = view.choice("distribution", Need::required, kDistributionKindNames);
  if (!kind || *kind == DistributionKind::fixed) {
    if (kind) {
      reader.error(view.get("distribution"), view.path("distribution"),
                   "use {value: ...} for a fixed number, expected 'uniform', 'normal', "
                   "'triangular' or 'beta'");
    }
    return std::nullopt;
  }
  quantity.kind = *kind;
  NumberRule any{-1e300, 1e300, false, "a number"};
  switch (*kind) {
    case DistributionKind::uniform:
      forbid({"mode", "mean", "sd", "alpha", "beta"}, "uniform");
      quantity.low = need_number("low", rule);
      quantity.high = need_number("high", rule);
      if (ok && !(quantity.low < quantity.high)) {
        reader.error(view.location("high"), view.path("high"),
                     fmt::format("high ({:g}) must be greater than low ({:g})", quantity.high,
                                 quantity.low));
        ok = false;
      }
      break;
    case DistributionKind::normal: {
      forbid({"mode", "alpha", "beta"}, "normal");
      quantity.mean = need_number("mean", any);
      quantity.sd = need_number("sd", NumberRule{0.0, 1e300, false, "a standard deviation > 0"});
      if (ok && quantity.sd <= 0.0) {
        reader.error(view.location("sd"), view.path("sd"), "the standard deviation must be > 0");
        ok = false;
      }
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
        reader.error(view.location(), path,
                     fmt::format("a normal distribution is unbounded but this value must be {}; "
                                 "give truncation bounds 'low' and 'high' inside that range",
                                 range_text(rule)));
        ok = false;
      }
      if (ok && quantity.has_low && quantity.has_high && !(quantity.low < quantity.high)) {
        reader.error(view.location("high"), view.path("high"),
                     "high must be greater than low");
        ok = false;
      }
      break;
    }
    case DistributionKind::triangular:
      forbid({"mean", "sd", "alpha", "beta"}, "triangular");
      quantity.low = need_number("low", rule);
      quantity.mode = need_number("mode", rule);
      quantity.high = need_number("high", rule);
      if (ok && !(quantity.low <= quantity.mode && quantity.mode <= quantity.high &&
                  quantity.low < quantity.high)) {
        reader.error(view.location(), path,
                     fmt::format("expected low <= mode <= high with low < high, got {:g}, {:g}, "
                                 "{:g}",
                                 quantity.low, quantity.mode, quantity.high));
        ok = false;
      }
      break;
    case DistributionKind::beta:
      forbid({"low", "high", "mode", "mean", "sd"}, "beta");
      quantity.alpha = need_number("alpha", NumberRule{1e-9, 1e6, false, "a shape > 0"});
      quantity.beta = need_number("beta", NumberRule{1e-9, 1e6, false, "a shape > 0"});
      if (rule.min > 0.0 || rule.max < 1.0) {
        reader.error(view.location(), path,
                     fmt::format("a beta distribution takes values in [0, 1] but this value must "
                                 "be {}",
                                 range_text(rule)));
        ok = false;
      }
      break;
    case DistributionKind::fixed: break;
  }
  if (ok && rule.integer && quantity.is_random()) {
    reader.error(view.location(), path,
                 fmt::format("expected {} (a whole number); distributions are not allowed here",
                             rule.meaning));
    ok = false;
  }
  return ok ? std::optional<Quantity>(quantity) : std::nullopt;
}

}  // namespace linchpin
