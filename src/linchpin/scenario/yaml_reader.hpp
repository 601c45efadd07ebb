#pragma once
// Location-aware reading of YAML mappings: every problem becomes a Diagnostic with
// file:line:col and key path, and reading continues so all problems surface in one pass.
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "linchpin/core/calendar.hpp"
#include "linchpin/core/error.hpp"
#include "linchpin/scenario/quantity.hpp"

namespace linchpin {

enum class Need { required, optional };

// Allowed range and shape of a number read from YAML.
struct NumberRule {
  double min = -1e300;
  double max = 1e300;
  bool integer = false;
  const char* meaning = "a number";  // used in messages: "expected <meaning>"
};

NumberRule probability_rule();
NumberRule non_negative_rule(const char* meaning = "a number >= 0");

class YamlReader {
 public:
  YamlReader(std::string file, DiagnosticList& diagnostics)
      : file_(std::move(file)), diagnostics_(diagnostics) {}
  SourceLocation at(const YAML::Node& node) const;
  void error(const YAML::Node& node, const std::string& path, std::string message);
  void error(SourceLocation location, const std::string& path, std::string message);
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  DiagnosticList& diagnostics_;
};

// "a mapping", "a list", "the text 'x'", "nothing"
std::string describe_node(const YAML::Node& node);

bool is_lower_identifier(std::string_view text, bool allow_dash, bool allow_underscore);

// A YAML mapping with a known set of keys.
class MapView {
 public:
  MapView(YamlReader& reader, const YAML::Node& node, std::string path,
          std::vector<std::string> allowed_keys);

  bool valid() const { return valid_; }
  bool has(const std::string& key) const;
  YAML::Node get(const std::string& key) const;  // an undefined node when absent
  std::string path(const std::string& key) const;
  const std::string& path() const { return path_; }
  SourceLocation location() const { return reader_.at(node_); }
  SourceLocation location(const std::string& key) const;
  YamlReader& reader() const { return reader_; }
  const YAML::Node& node() const { return node_; }

  std::optional<std::string> text(const std::string& key, Need need);
  std::optional<std::string> identifier(const std::string& key, Need need, bool allow_dash,
                                        bool allow_underscore, bool allow_upper = false);
  std::optional<double> number(const std::string& key, Need need, NumberRule rule = {});
  std::optional<long long> integer(const std::string& key, Need need, long long min,
                                   long long max);
  std::optional<bool> boolean(const std::string& key, Need need);
  std::optional<CalendarDate> date(const std::string& key, Need need);
  // A quantity: {value, source} or {distribution, ..., source}; every value in it obeys `rule`.
  std::optional<Quantity> quantity(const std::string& key, Need need, NumberRule rule,
                                   bool source_required = true);
  template <typename Enum, std::size_t N>
  std::optional<Enum> choice(const std::string& key, Need need,
                             const std::array<EnumName<Enum>, N>& table);
  // Reports a missing required key at the mapping's own position.
  void missing(const std::string& key, const std::string& expected);

 private:
  std::optional<std::string> choice_text(const std::string& key, Need need,
                                         const std::vector<std::string>& names);
  YamlReader& reader_;
  YAML::Node node_;
  std::string path_;
  bool valid_ = false;
  std::vector<std::pair<std::string, YAML::Node>> entries_;  // key text, value
  std::vector<std::pair<std::string, YAML::Node>> keys_;     // key text, key node (positions)
};

// Reads a quantity from a node (used for values inside lists and maps).
std::optional<Quantity> read_quantity(YamlReader& reader, const YAML::Node& node,
                                      const std::string& path, NumberRule rule,
                                      bool source_required);
// Reads a strict number from a scalar node.
std::optional<double> read_number(YamlReader& reader, const YAML::Node& node,
                                  const std::string& path, NumberRule rule);

template <typename Enum, std::size_t N>
std::optional<Enum> MapView::choice(const std::string& key, Need need,
                                    const std::array<EnumName<Enum>, N>& table) {
  const auto names = enum_names(table);
  const auto chosen = choice_text(key, need, names);
  if (!chosen) return std::nullopt;
  return parse_enum(table, *chosen);
}

}  // namespace linchpin
