#pragma once
// Location-aware reading of YAML mappings: every problem becomes a Diagnostic with
// file:line:col and key path, and reading continues so all problems surface in one pass.
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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
  // Used in messages as "expected <meaning> <range>", e.g. "a probability between 0 and 1";
  // the range is added from min and max, so the meaning should not repeat it.
  const char* meaning = "a number";
  bool min_exclusive = false;  // the value must be > min rather than >= min
  // A normal distribution may name a partner it is drawn jointly with ('correlated_with',
  // 'correlation'): only where the caller resolves the partner (mechanism parameters).
  bool correlation_allowed = false;
};

// "a probability between 0 and 1", "a number of warheads >= 0", "a number".
std::string expected_number(const NumberRule& rule);

NumberRule probability_rule();
NumberRule non_negative_rule(const char* meaning = "a number");

class YamlReader {
 public:
  YamlReader(std::string file, DiagnosticList& diagnostics)
      : file_(std::move(file)), diagnostics_(diagnostics) {}
  // The text being read (it must outlive the reader); without it, columns count bytes.
  void set_text(const std::string& text);
  // yaml-cpp places an empty value ("name:" with nothing after it) at the next token, often
  // on the next line; after this, such values are located at their key instead.
  void index_empty_values(const YAML::Node& root);
  SourceLocation at(const YAML::Node& node) const;
  // yaml-cpp counts columns in bytes; messages count characters (UTF-8 code points), as
  // editors do. Both take 0-based positions and give a 1-based location.
  SourceLocation at_mark(const YAML::Mark& mark) const;
  SourceLocation at_offset(std::size_t offset) const;
  void error(const YAML::Node& node, const std::string& path, std::string message);
  void error(SourceLocation location, const std::string& path, std::string message);
  const std::string& file() const { return file_; }
  // The closest candidate for a misspelt word, or "" (see closest_match). The work is bounded
  // for the whole file so that a huge invalid file still fails fast: once the budget is spent,
  // no more suggestions are made.
  std::string suggestion(std::string_view word, const std::vector<std::string>& candidates);
  // ", did you mean 'x'?" or "".
  std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

 private:
  std::size_t characters_before(std::size_t offset) const;
  std::string file_;
  DiagnosticList& diagnostics_;
  const std::string* text_ = nullptr;
  std::vector<std::size_t> line_starts_;           // byte offset of each line
  std::vector<std::size_t> characters_per_block_;  // characters before each 256-byte block
  // Empty map values by their yaml-cpp position: the value node and the location of its key.
  std::unordered_multimap<int, std::pair<YAML::Node, SourceLocation>> empty_values_;
  std::size_t suggestion_budget_ = 20'000'000;  // characters compared by edit distance
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
  // True when an unknown key was reported as a likely misspelling of `key` ("did you mean").
  bool misspelt(const std::string& key) const;
  YAML::Node get(const std::string& key) const;  // an undefined node when absent
  std::string path(const std::string& key) const;
  const std::string& path() const { return path_; }
  SourceLocation location() const { return reader_.at(node_); }
  SourceLocation location(const std::string& key) const;        // of the key
  SourceLocation value_location(const std::string& key) const;  // of its value
  YamlReader& reader() const { return reader_; }
  const YAML::Node& node() const { return node_; }

  std::optional<std::string> text(const std::string& key, Need need);
  std::optional<std::string> identifier(const std::string& key, Need need, bool allow_dash,
                                        bool allow_underscore, bool allow_upper = false);
  std::optional<double> number(const std::string& key, Need need, NumberRule rule = {});
  std::optional<long long> integer(const std::string& key, Need need, long long min, long long max);
  std::optional<bool> boolean(const std::string& key, Need need);
  std::optional<CalendarDate> date(const std::string& key, Need need);
  // A quantity: {value, source} or {distribution, ..., source}; every value in it obeys `rule`.
  std::optional<Quantity> quantity(const std::string& key, Need need, NumberRule rule,
                                   bool source_required = true);
  template <typename Enum, std::size_t N>
  std::optional<Enum> choice(const std::string& key, Need need,
                             const std::array<EnumName<Enum>, N>& table);
  // Reports a missing required key at the mapping's own position, unless an unknown key in the
  // mapping was already reported as a likely misspelling of it.
  void missing(const std::string& key, const std::string& expected);
  // The key's value when it is a scalar; reports a missing required key or a non-scalar value.
  std::optional<YAML::Node> scalar(const std::string& key, Need need,
                                   const std::string& missing_expected,
                                   const std::string& type_expected);

 private:
  std::optional<std::string> choice_text(const std::string& key, Need need,
                                         const std::vector<std::string>& names);
  YamlReader& reader_;
  YAML::Node node_;
  std::string path_;
  bool valid_ = false;
  std::vector<std::pair<std::string, YAML::Node>> entries_;  // key text, value
  std::vector<std::pair<std::string, YAML::Node>> keys_;     // key text, key node (positions)
  std::unordered_map<std::string, std::size_t> index_;       // key text -> position in both
  std::vector<std::string> suggested_;  // allowed keys offered as "did you mean" for unknown ones
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
