#include "linchpin/scenario/scenario_loader.hpp"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "linchpin/core/sha256.hpp"
#include "linchpin/core/special_functions.hpp"
#include "linchpin/core/text.hpp"
#include "linchpin/scenario/yaml_reader.hpp"

namespace linchpin {

const MechanismSection* Scenario::mechanism_section(std::string_view name) const {
  for (const auto& section : definition_->mechanisms)
    if (section.name == name) return &section;
  return nullptr;
}

int Scenario::actor_index(std::string_view id) const {
  for (std::size_t i = 0; i < definition_->actors.size(); ++i)
    if (definition_->actors[i].id == id) return static_cast<int>(i);
  return -1;
}

namespace {

constexpr int kLanguageVersion = 1;

// Length of the well-formed UTF-8 sequence starting at text[i], or 0 if it is malformed
// (a stray continuation byte, a truncated sequence, an overlong form, a surrogate or a code
// point above U+10FFFF).
int utf8_sequence_length(const std::string& text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  int length = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead == 0xe0) second_min = 0xa0;  // overlong
    if (lead == 0xed) second_max = 0x9f;  // UTF-16 surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead == 0xf0) second_min = 0x90;  // overlong
    if (lead == 0xf4) second_max = 0x8f;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < second_min || byte(i + 1) > second_max) return 0;
  for (int k = 2; k < length; ++k)
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
  return length;
}

// Checks that happen before YAML parsing: NUL bytes (binary files), UTF-8, control characters.
bool check_raw_text(const std::string& text, const YamlReader& reader,
                    DiagnosticList& diagnostics) {
  const std::string& file = reader.file();
  if (text.size() >= 2 &&
      ((text[0] == '\xff' && text[1] == '\xfe') || (text[0] == '\xfe' && text[1] == '\xff'))) {
    diagnostics.add({file, 1, 1}, "",
                    "the file is encoded as UTF-16 (it starts with a UTF-16 byte order mark); "
                    "expected a UTF-8 text file (YAML)");
    return false;
  }
  const std::size_t nul = text.find('\0');
  if (nul != std::string::npos) {
    diagnostics.add(reader.at_offset(nul), "",
                    "the file contains a NUL byte, so it is not a text file (is it binary?); "
                    "expected a UTF-8 text file (YAML)");
    return false;
  }
  for (std::size_t i = 0; i < text.size();) {
    const int length = utf8_sequence_length(text, i);
    if (length == 0) {
      diagnostics.add(reader.at_offset(i), "",
                      fmt::format("invalid UTF-8 byte 0x{:02x}; expected a UTF-8 text file (YAML) "
                                  "(was it saved in another encoding, such as Latin-1?)",
                                  static_cast<unsigned char>(text[i])));
      return false;
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7f) {
      diagnostics.add(reader.at_offset(i), "",
                      fmt::format("control character 0x{:02x} is not allowed in YAML; expected "
                                  "printable text (write it as an escape such as \\x{:02x} inside "
                                  "double quotes if it is really meant)",
                                  byte, byte));
      return false;
    }
    i += static_cast<std::size_t>(length);
  }
  return true;
}

// A rough scan of the text for YAML flow brackets and quotes, used only to explain parser
// errors: which '[' or '{' is still open, or which quote is unclosed, at a position.
struct FlowScan {
  std::vector<std::size_t> open_brackets;  // offsets of '[' and '{' not yet closed
  std::size_t open_quote = std::string::npos;
  std::size_t too_deep = std::string::npos;  // the first bracket nested deeper than the limit
};

constexpr std::size_t kReasonableNesting = 64;

FlowScan scan_flow(const std::string& text, std::size_t stop) {
  FlowScan scan;
  char quote = 0;
  stop = std::min(stop, text.size());
  for (std::size_t i = 0; i < stop; ++i) {
    const char c = text[i];
    const char previous = i == 0 ? '\n' : text[i - 1];
    const bool after_space =
        previous == ' ' || previous == '\t' || previous == '\n' || previous == '\r';
    if (quote == '"') {
      if (c == '\\')
        ++i;
      else if (c == '"')
        quote = 0;
      continue;
    }
    if (quote == '\'') {
      if (c == '\'' && i + 1 < stop && text[i + 1] == '\'')
        ++i;
      else if (c == '\'')
        quote = 0;
      continue;
    }
    if (c == '#' && after_space) {
      while (i < stop && text[i] != '\n') ++i;
      continue;
    }
    const bool token_start =
        after_space || previous == '[' || previous == '{' || previous == ',' || previous == ':';
    if ((c == '"' || c == '\'') && token_start) {
      quote = c;
      scan.open_quote = i;
    } else if (c == '[' || c == '{') {
      scan.open_brackets.push_back(i);
      if (scan.open_brackets.size() > kReasonableNesting && scan.too_deep == std::string::npos)
        scan.too_deep = i;
    } else if ((c == ']' || c == '}') && !scan.open_brackets.empty()) {
      scan.open_brackets.pop_back();
    }
  }
  if (quote == 0) scan.open_quote = std::string::npos;
  return scan;
}

// A '---' line: a YAML document marker.
bool is_document_marker(std::string_view line) {
  return line.substr(0, 3) == "---" &&
         (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r');
}

// Offset of the '---' line that starts the second YAML document, or npos.
std::size_t second_document_offset(const std::string& text) {
  bool content = false;  // the first document has started
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + at, end - at);
    if (is_document_marker(line)) {
      if (content) return at;
      content = true;  // an explicit start of the first document
    } else {
      const std::size_t first = line.find_first_not_of(" \t\r");
      if (first != std::string_view::npos && line[first] != '#' && line[first] != '%')
        content = true;
    }
    at = end + 1;
  }
  return std::string::npos;
}

// Offset of the next line at or after `from` that is a '---' document marker, or npos.
std::size_t next_document_marker(const std::string& text, std::size_t from) {
  for (std::size_t at = from; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    if (is_document_marker(std::string_view(text.data() + at, end - at))) return at;
    at = end + 1;
  }
  return std::string::npos;
}

// Explains a YAML parser error in the scenario author's terms; may move the location to the
// place that needs fixing (an unclosed bracket or quote).
std::string explain_yaml_error(const std::string& text, const YAML::Exception& error,
                               const YamlReader& reader, SourceLocation& location) {
  const std::string& what = error.msg;
  const std::size_t bom = text.rfind("\xef\xbb\xbf", 0) == 0 ? 3 : 0;  // not counted by yaml-cpp
  const std::size_t offset =
      error.mark.pos >= 0 ? static_cast<std::size_t>(error.mark.pos) + bom : text.size();
  const std::string parser_position =
      location.line > 0 ? fmt::format("line {}, column {}", location.line, location.column)
                        : std::string("the end of the file");
  if (what == YAML::ErrorMsg::END_OF_SEQ_FLOW || what == YAML::ErrorMsg::END_OF_MAP_FLOW) {
    const bool list = what == YAML::ErrorMsg::END_OF_SEQ_FLOW;
    const char open = list ? '[' : '{';
    const FlowScan scan = scan_flow(text, offset);
    for (auto it = scan.open_brackets.rbegin(); it != scan.open_brackets.rend(); ++it) {
      if (text[*it] != open) continue;
      location = reader.at_offset(*it);
      return fmt::format(
          "not valid YAML: this '{}' is never closed by '{}' (the parser reached "
          "{} without finding it)",
          open, list ? ']' : '}', parser_position);
    }
    return fmt::format("not valid YAML: a {} opened with '{}' is not closed by '{}'",
                       list ? "list" : "mapping", open, list ? ']' : '}');
  }
  if (what == YAML::ErrorMsg::EOF_IN_SCALAR) {
    const FlowScan scan = scan_flow(text, text.size());
    if (scan.open_quote != std::string::npos) {
      location = reader.at_offset(scan.open_quote);
      return fmt::format(
          "not valid YAML: this quote ({}) is never closed; the file ends inside "
          "the quoted text",
          text[scan.open_quote]);
    }
    return "not valid YAML: the file ends inside quoted text; a closing quote is missing";
  }
  if (what == YAML::ErrorMsg::MAP_VALUE && offset <= text.size()) {
    const std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    const std::size_t key_length = offset - (line_start == std::string::npos ? 0 : line_start + 1);
    if (key_length > 1024)
      return fmt::format(
          "not valid YAML: a key of {} characters before this ':'; YAML allows "
          "keys of at most 1024 characters",
          key_length);
  }
  if (what == YAML::ErrorMsg::MAP_VALUE)
    return "not valid YAML: unexpected ':' here; check that this line is indented like the "
           "other keys of its mapping, and put text that contains ': ' in quotes";
  if (what == YAML::ErrorMsg::END_OF_MAP || what == YAML::ErrorMsg::END_OF_SEQ)
    return fmt::format("not valid YAML: {}; check the indentation here and on the lines above",
                       what);
  if (what == YAML::ErrorMsg::BLOCK_ENTRY)
    return "not valid YAML: a list item ('- ') where it is not allowed; check the indentation";
  if (what == YAML::ErrorMsg::TAB_IN_INDENTATION)
    return "not valid YAML: a tab in the indentation; YAML indents with spaces only";
  if (what == YAML::ErrorMsg::FLOW_END) {
    const char close = offset < text.size() ? text[offset] : ' ';
    const FlowScan scan = scan_flow(text, offset);
    if ((close == ']' || close == '}') && !scan.open_brackets.empty()) {
      const std::size_t open = scan.open_brackets.back();
      const SourceLocation opened = reader.at_offset(open);
      return fmt::format(
          "not valid YAML: this '{}' does not match the '{}' at line {}, column {}; "
          "close that {} with '{}' first",
          close, text[open], opened.line, opened.column, text[open] == '[' ? "list" : "mapping",
          text[open] == '[' ? ']' : '}');
    }
    if (close == ']' || close == '}')
      return fmt::format("not valid YAML: this '{}' closes nothing (there is no matching '{}')",
                         close, close == ']' ? '[' : '{');
    return "not valid YAML: a ']' or '}' that closes nothing";
  }
  return "not valid YAML: " + what;
}

// The distinct plain keys of a mapping whose keys are chosen by the author (attributes,
// parameters), in order; MapView reports keys that are not plain names and repeated keys.
std::vector<std::string> free_keys(const YAML::Node& mapping) {
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;
  for (const auto& entry : mapping) {
    if (!entry.first.IsScalar()) continue;
    const std::string& key = entry.first.Scalar();
    if (seen.insert(key).second) names.push_back(key);
  }
  return names;
}

// What a required list holds, for "missing required key, expected ..." messages.
std::string list_description(const std::string& key) {
  if (key == "sources") return "a list of sources, each with id, kind and citation";
  if (key == "actors") return "a list of actors, each with id, name and kind";
  if (key == "stance_dimensions")
    return "a list of stance dimensions, each with id, description, low and high";
  if (key == "parties") return "a list of parties, each with id, name and stances";
  if (key == "offices") return "a list of offices, each with id, kind, incumbent and elections";
  if (key == "elections")
    return "a list of scheduled elections, each with a date or window, kind and source";
  return "a list";
}

std::string lower_case(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

struct Reference {
  std::string id;
  SourceLocation location;
  std::string path;
};

class Loader {
 public:
  Loader(std::string file, const ScenarioLoadOptions& options)
      : file_(std::move(file)), options_(options), reader_(file_, diagnostics_) {}

  Scenario load(const std::string& text);

 private:
  Scenario load_checked(const std::string& text);
  void apply_overrides(YAML::Node& root);
  // The canonical key paths (numeric list indices) the overrides replaced, for messages.
  std::vector<std::pair<std::string, const ScenarioOverride*>> override_paths_;
  void read_root(const YAML::Node& root);
  void read_info(MapView& root);
  void read_sources(MapView& root);
  void read_actors(MapView& root);
  void read_actor(const YAML::Node& node, const std::string& path);
  void read_alliances(MapView& root);
  void read_trade(MapView& root);
  void read_rivalries(MapView& root);
  void read_politics(MapView& root);
  void read_political_system(const YAML::Node& node, const std::string& path);
  void read_office(const YAML::Node& node, const std::string& path, PoliticalSystem& system,
                   const std::vector<std::string>& party_ids, std::set<std::string>& office_ids);
  void read_theatres(MapView& root);
  void read_event_processes(MapView& root);
  bool read_event_regimes(MapView& process_view, EventProcess& process);
  void read_contested_issues(MapView& root);
  void read_stakeholder(const YAML::Node& node, const std::string& path, ContestedIssue& issue,
                        std::map<std::string, SourceLocation>& seen, bool scale_ok, bool& ok);
  void read_mechanisms(MapView& root);
  void check_correlated_parameters(const MechanismSection& section);
  std::map<std::string, std::pair<std::size_t, std::string>> draw_groups_;  // rows, first path
  void read_run(MapView& root);
  void check_source_references();

  // Iterates a list; reports if the node is not a list.
  template <typename Function>
  void for_each_item(MapView& parent, const std::string& key, Need need, Function function);
  void cite(const std::string& source, SourceLocation location, const std::string& path) {
    if (!source.empty()) cited_.push_back({source, std::move(location), path});
  }
  void cite(const Quantity& quantity) {
    cite(quantity.source, quantity.source_location, quantity.key_path + ".source");
  }
  std::optional<int> actor_reference(const YAML::Node& node, const std::string& path);
  std::optional<std::pair<int, int>> actor_pair(MapView& view, const std::string& key);
  // The required key 'year' of a data record: a whole number not after the scenario start.
  std::optional<long long> data_year(MapView& view, int min_year);
  bool not_after_start(const CalendarDate& date, SourceLocation location, const std::string& path,
                       const char* what);
  void unique_id(std::map<std::string, SourceLocation>& seen, const std::string& id,
                 SourceLocation location, const std::string& path, const char* what);

  std::string file_;
  const ScenarioLoadOptions& options_;
  DiagnosticList diagnostics_;
  YamlReader reader_;
  ScenarioDefinition scenario_;
  bool have_start_ = false;
  std::vector<Reference> cited_;
  std::vector<std::string> actor_ids_;                // every id written under 'actors', in order
  std::unordered_map<std::string, int> actor_index_;  // id -> first index in actor_ids_
  std::unordered_map<std::string, std::string> actor_by_lower_case_;  // for case-only slips
  // False when 'actors' / 'sources' is missing or not a list: that is reported once, and the
  // references to actors or sources are then not reported one by one as unknown.
  bool actors_listed_ = false;
  bool sources_listed_ = false;
  std::vector<std::string> declared_source_ids_;  // every id written under 'sources', valid or not
  std::vector<std::string> declared_dimension_ids_;  // every id under 'stance_dimensions'
};

template <typename Function>
void Loader::for_each_item(MapView& parent, const std::string& key, Need need, Function function) {
  if (!parent.valid()) return;
  const YAML::Node list = parent.get(key);
  if (!list.IsDefined()) {
    if (need == Need::required) parent.missing(key, list_description(key));
    return;
  }
  if (!list.IsSequence()) {
    reader_.error(list, parent.path(key), "expected a list, got " + describe_node(list));
    return;
  }
  if (need == Need::required && list.size() == 0) {
    reader_.error(list, parent.path(key), "expected a non-empty list");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i)
    function(list[i], fmt::format("{}[{}]", parent.path(key), i));
}

void Loader::unique_id(std::map<std::string, SourceLocation>& seen, const std::string& id,
                       SourceLocation location, const std::string& path, const char* what) {
  auto [it, inserted] = seen.emplace(id, location);
  if (!inserted) {
    reader_.error(
        location, path,
        fmt::format("duplicate {} '{}' (first defined at line {})", what, id, it->second.line));
  }
}

std::optional<long long> Loader::data_year(MapView& view, int min_year) {
  auto year = view.integer("year", Need::required, min_year, 2300);
  if (year && have_start_ && *year > scenario_.info.start.year) {
    reader_.error(view.get("year"), view.path("year"),
                  fmt::format("the year {} is after the scenario start {}; a scenario describes "
                              "the world as it is at its start",
                              *year, scenario_.info.start.to_string()));
    return std::nullopt;
  }
  return year;
}

bool Loader::not_after_start(const CalendarDate& date, SourceLocation location,
                             const std::string& path, const char* what) {
  if (!have_start_) return true;
  if (date.to_month() > scenario_.info.start.to_month()) {
    reader_.error(location, path,
                  fmt::format("{} {} is after the scenario start {}; a scenario describes the "
                              "world as it is at its start",
                              what, date.to_string(), scenario_.info.start.to_string()));
    return false;
  }
  return true;
}

std::optional<int> Loader::actor_reference(const YAML::Node& node, const std::string& path) {
  if (!node.IsDefined() || !node.IsScalar()) {
    reader_.error(node, path, "expected an actor id, got " + describe_node(node));
    return std::nullopt;
  }
  const std::string& id = node.Scalar();
  if (const auto found = actor_index_.find(id); found != actor_index_.end()) return found->second;
  if (!actors_listed_) return std::nullopt;  // the missing 'actors' list is reported already
  std::string hint;
  if (const auto folded = actor_by_lower_case_.find(lower_case(id));
      folded != actor_by_lower_case_.end()) {
    hint = fmt::format(", did you mean '{}'? (ids are case-sensitive)", folded->second);
  }
  if (hint.empty()) hint = reader_.did_you_mean(id, actor_ids_);
  if (hint.empty()) hint = ", expected one of the ids under 'actors'";
  reader_.error(node, path, fmt::format("unknown actor '{}'{}", id, hint));
  return std::nullopt;
}

std::optional<std::pair<int, int>> Loader::actor_pair(MapView& view, const std::string& key) {
  if (!view.valid()) return std::nullopt;
  const YAML::Node list = view.get(key);
  if (!list.IsDefined()) {
    view.missing(key, "a list of two actor ids");
    return std::nullopt;
  }
  if (!list.IsSequence() || list.size() != 2) {
    reader_.error(list, view.path(key),
                  "expected a list of two actor ids, got " +
                      (list.IsSequence()
                           ? fmt::format("{} {}", list.size(), list.size() == 1 ? "item" : "items")
                           : describe_node(list)));
    return std::nullopt;
  }
  auto first = actor_reference(list[0], view.path(key) + "[0]");
  auto second = actor_reference(list[1], view.path(key) + "[1]");
  if (!first || !second) return std::nullopt;
  if (*first == *second) {
    reader_.error(list, view.path(key),
                  fmt::format("'{}' is paired with itself; expected two different actors",
                              actor_ids_[*first]));
    return std::nullopt;
  }
  return std::make_pair(*first, *second);
}

namespace {
// Splits "name[3]" / "name[id]" / "name" into the key and the optional selector.
bool split_segment(const std::string& segment, std::string& key, std::optional<std::string>& item) {
  const auto open = segment.find('[');
  if (open == std::string::npos) {
    key = segment;
    item.reset();
    return !key.empty();
  }
  if (segment.back() != ']' || open == 0 || open + 2 > segment.size() - 1) return false;
  key = segment.substr(0, open);
  item = segment.substr(open + 1, segment.size() - open - 2);
  return true;
}

bool is_quantity_map(const YAML::Node& node) {
  return node.IsMap() && (node["value"].IsDefined() || node["distribution"].IsDefined());
}

constexpr const char* kOverrideSource = "linchpin-override";
}  // namespace

// Navigates each override's path in the parsed file and replaces the node there. Problems with
// a path are reported against the --set argument; the replaced subtrees are validated like the
// rest of the file, and their messages are later re-addressed to the --set argument.
void Loader::apply_overrides(YAML::Node& root) {
  bool needs_source = false;
  for (const auto& override_item : options_.overrides) {
    const std::string origin =
        fmt::format("--set {}={}", override_item.key_path, override_item.value);
    YAML::Node value;
    try {
      value = YAML::Load(override_item.value);
    } catch (const YAML::Exception& error) {
      diagnostics_.add({origin, error.mark.line + 1, error.mark.column + 1}, override_item.key_path,
                       "the value is not valid YAML: " + error.msg);
      continue;
    }
    std::vector<std::string> segments;
    std::size_t begin = 0;
    while (true) {
      const auto dot = override_item.key_path.find('.', begin);
      segments.push_back(override_item.key_path.substr(begin, dot - begin));
      if (dot == std::string::npos) break;
      begin = dot + 1;
    }
    YAML::Node node = root;
    std::string canonical;
    bool ok = true;
    for (std::size_t i = 0; i < segments.size() && ok; ++i) {
      std::string key;
      std::optional<std::string> item;
      if (!split_segment(segments[i], key, item)) {
        diagnostics_.add(
            {origin, 0, 0}, override_item.key_path,
            fmt::format("'{}' is not a key: expected name, name[index] or name[id]", segments[i]));
        ok = false;
        break;
      }
      if (!node.IsMap()) {
        diagnostics_.add({origin, 0, 0}, override_item.key_path,
                         fmt::format("'{}' is not a mapping, so it has no key '{}'",
                                     canonical.empty() ? "the scenario" : canonical, key));
        ok = false;
        break;
      }
      canonical += (canonical.empty() ? "" : ".") + key;
      const bool last = i + 1 == segments.size();
      if (!node[key].IsDefined()) {
        // New keys may be added to mappings (e.g. a mechanism parameter the file leaves at its
        // default); lists must exist.
        if (item) {
          diagnostics_.add({origin, 0, 0}, override_item.key_path,
                           fmt::format("the scenario has no list '{}'", canonical));
          ok = false;
          break;
        }
        if (!last) node[key] = YAML::Node(YAML::NodeType::Map);
      }
      if (item) {
        YAML::Node list = node[key];
        if (!list.IsSequence()) {
          diagnostics_.add({origin, 0, 0}, override_item.key_path,
                           fmt::format("'{}' is not a list", canonical));
          ok = false;
          break;
        }
        std::optional<std::size_t> index;
        if (!item->empty() && item->find_first_not_of("0123456789") == std::string::npos) {
          if (std::stoull(*item) < list.size()) index = std::size_t(std::stoull(*item));
        } else {
          for (std::size_t k = 0; k < list.size(); ++k)
            if (list[k].IsMap() && list[k]["id"].IsScalar() && list[k]["id"].Scalar() == *item)
              index = k;
        }
        if (!index) {
          diagnostics_.add({origin, 0, 0}, override_item.key_path,
                           fmt::format("'{}' has no item '{}' (by 0-based index or id; it has {})",
                                       canonical, *item, list.size()));
          ok = false;
          break;
        }
        canonical += fmt::format("[{}]", *index);
        if (last) {
          list[*index] = value;
          break;
        }
        node.reset(list[*index]);
        continue;
      }
      if (last) {
        const YAML::Node existing = node[key];
        const bool mechanism_parameter =
            segments.size() == 4 && segments[0] == "mechanisms" && segments[2] == "parameters";
        // yaml-cpp's Node::operator= copies content into the referenced node, so the
        // wrapped form is built as a fresh node rather than by reassigning `value`.
        if (value.IsScalar() && (is_quantity_map(existing) || mechanism_parameter)) {
          YAML::Node wrapped(YAML::NodeType::Map);
          wrapped["value"] = value;
          wrapped["source"] = kOverrideSource;
          node[key] = wrapped;
          needs_source = true;
          break;
        }
        if (value.IsMap() && (value["distribution"].IsDefined() || value["value"].IsDefined()) &&
            !value["source"].IsDefined()) {
          value["source"] = kOverrideSource;
          needs_source = true;
        }
        node[key] = value;
        break;
      }
      node.reset(node[key]);
    }
    if (ok) override_paths_.emplace_back(canonical, &override_item);
  }
  if (needs_source && root.IsMap() && root["sources"].IsSequence()) {
    YAML::Node source(YAML::NodeType::Map);
    source["id"] = kOverrideSource;
    source["kind"] = "assumption";
    std::string citation = "Set on the command line by the analyst (--set):";
    for (const auto& o : options_.overrides) citation += " " + o.key_path + "=" + o.value + ";";
    source["citation"] = citation;
    root["sources"].push_back(source);
  }
}

Scenario Loader::load(const std::string& text) {
  if (options_.overrides.empty()) return load_checked(text);
  try {
    return load_checked(text);
  } catch (const InputError& error) {
    // Messages about a replaced subtree point into the --set value, not into the file.
    std::vector<Diagnostic> diagnostics = error.diagnostics();
    for (auto& diagnostic : diagnostics) {
      for (const auto& [path, override_item] : override_paths_) {
        const bool inside = diagnostic.key_path == path ||
                            diagnostic.key_path.rfind(path + ".", 0) == 0 ||
                            diagnostic.key_path.rfind(path + "[", 0) == 0;
        if (!inside) continue;
        diagnostic.location.file =
            fmt::format("--set {}={}", override_item->key_path, override_item->value);
        diagnostic.location.line = 1;
        if (diagnostic.location.column > int(override_item->value.size()) + 1)
          diagnostic.location.column = 0;
      }
    }
    throw InputError(std::move(diagnostics));
  }
}

Scenario Loader::load_checked(const std::string& text) {
  scenario_.file = file_;
  scenario_.text = text;
  if (!options_.overrides.empty()) {
    // The stored text records what ran: the file, then the overrides applied to it.
    scenario_.text += "\n# linchpin --set overrides applied to the file above:\n";
    for (const auto& o : options_.overrides)
      scenario_.text += fmt::format("#   {}={}\n", o.key_path, o.value);
  }
  scenario_.sha256 = sha256_hex(scenario_.text);
  reader_.set_text(text);
  if (!check_raw_text(text, reader_, diagnostics_)) diagnostics_.throw_if_any();
  YAML::Node root;
  try {
    // Not YAML::LoadAll: in yaml-cpp 0.7 (Debian 12) it loops without end, allocating, on some
    // two-byte inputs such as ",\n" (yaml-cpp issue #1040). The first document is loaded on its
    // own and each later '---' document separately, so positions in the first stay the file's.
    const std::size_t second = second_document_offset(text);
    root = YAML::Load(second == std::string::npos ? text : text.substr(0, second));
    std::size_t extra = 0;  // further documents with content (a trailing '---' is harmless)
    for (std::size_t at = second; at != std::string::npos;) {
      const std::size_t line_end = text.find('\n', at);
      const std::size_t next = line_end == std::string::npos
                                   ? std::string::npos
                                   : next_document_marker(text, line_end + 1);
      const std::size_t body = line_end == std::string::npos ? text.size() : line_end + 1;
      const std::string chunk =
          text.substr(body, next == std::string::npos ? std::string::npos : next - body);
      // The marker line itself may carry content ("--- key: value").
      const std::string marker_rest =
          text.substr(at + 3, (line_end == std::string::npos ? text.size() : line_end) - (at + 3));
      const YAML::Node document = YAML::Load(marker_rest + "\n" + chunk);
      if (document.IsDefined() && !document.IsNull()) ++extra;
      at = next;
    }
    if (extra > 0) {
      const std::size_t offset = second_document_offset(text);
      diagnostics_.add(
          offset == std::string::npos ? SourceLocation{file_, 0, 0} : reader_.at_offset(offset), "",
          fmt::format("the file holds {} YAML documents (separated by '---'); "
                      "expected exactly one scenario",
                      extra + 1));
      diagnostics_.throw_if_any();
    }
  } catch (const YAML::DeepRecursion& error) {
    SourceLocation location = reader_.at_mark(error.mark);
    const FlowScan scan = scan_flow(text, text.size());
    if (scan.too_deep != std::string::npos) location = reader_.at_offset(scan.too_deep);
    diagnostics_.add(location, "",
                     fmt::format("not valid as a scenario: lists and mappings are nested too "
                                 "deeply (more than {} levels here; the YAML reader stops at "
                                 "about 1000); a scenario needs only a few levels",
                                 kReasonableNesting));
    diagnostics_.throw_if_any();
  } catch (const YAML::Exception& error) {
    SourceLocation location = reader_.at_mark(error.mark);
    const std::string message = explain_yaml_error(text, error, reader_, location);
    diagnostics_.add(location, "", message);
    diagnostics_.throw_if_any();
  }
  if (!root.IsDefined() || root.IsNull()) {
    const bool blank = text.find_first_not_of(" \t\r\n") == std::string::npos;
    bool only_comments = true;
    for (std::size_t at = 0; at < text.size() && only_comments;) {
      std::size_t end = text.find('\n', at);
      if (end == std::string::npos) end = text.size();
      const std::size_t first = text.find_first_not_of(" \t\r", at);
      if (first < end && text[first] != '#' && text.compare(first, 3, "---") != 0)
        only_comments = false;
      at = end + 1;
    }
    diagnostics_.add({file_, 1, 1}, "",
                     fmt::format("the scenario file {}, expected a mapping with at least the keys "
                                 "'linchpin', 'scenario', 'sources' and 'actors'",
                                 blank           ? "is empty"
                                 : only_comments ? "holds no YAML content (only comments)"
                                                 : "holds no YAML value the reader can use"));
    diagnostics_.throw_if_any();
  }
  if (!options_.overrides.empty()) {
    apply_overrides(root);
    diagnostics_.throw_if_any();
  }
  reader_.index_empty_values(root);
  read_root(root);
  diagnostics_.throw_if_any();
  return Scenario(std::make_shared<const ScenarioDefinition>(std::move(scenario_)));
}

void Loader::read_root(const YAML::Node& root) {
  if (!root.IsMap()) {
    reader_.error(root, "(top level)",
                  fmt::format("expected a mapping with at least the keys 'linchpin', 'scenario', "
                              "'sources' and 'actors', got {}",
                              describe_node(root)));
    return;
  }
  MapView view(
      reader_, root, "",
      {"linchpin", "scenario", "sources", "actors", "alliances", "trade", "rivalries", "politics",
       "theatres", "event_processes", "contested_issues", "mechanisms", "run"});
  if (!view.valid()) return;
  if (auto version = view.integer("linchpin", Need::required, 0, 1000000)) {
    if (*version != kLanguageVersion) {
      reader_.error(view.get("linchpin"), "linchpin",
                    fmt::format("scenario language version {} is not supported, expected {}",
                                *version, kLanguageVersion));
    }
  }
  read_info(view);
  read_sources(view);
  read_actors(view);
  read_alliances(view);
  read_trade(view);
  read_rivalries(view);
  read_politics(view);
  read_theatres(view);
  read_event_processes(view);
  read_contested_issues(view);
  read_mechanisms(view);
  read_run(view);
  check_source_references();
}

void Loader::read_info(MapView& root) {
  if (!root.valid()) return;
  if (!root.has("scenario")) {
    root.missing("scenario", "a mapping with name, start and horizon_months");
    return;
  }
  MapView view(reader_, root.get("scenario"), "scenario",
               {"name", "title", "description", "start", "horizon_months"});
  auto& info = scenario_.info;
  if (auto name = view.identifier("name", Need::required, true, false)) info.name = *name;
  if (auto title = view.text("title", Need::optional)) info.title = *title;
  if (auto description = view.text("description", Need::optional)) info.description = *description;
  if (auto start = view.date("start", Need::required)) {
    info.start = *start;
    have_start_ = true;
  }
  if (auto horizon = view.integer("horizon_months", Need::required, 1, 1200))
    info.horizon_months = static_cast<int>(*horizon);
}

void Loader::read_sources(MapView& root) {
  std::map<std::string, SourceLocation> seen;
  sources_listed_ =
      root.valid() && root.get("sources").IsSequence() && root.get("sources").size() > 0;
  for_each_item(root, "sources", Need::required,
                [&](const YAML::Node& node, const std::string& path) {
                  if (node.IsMap() && node["id"].IsScalar())
                    declared_source_ids_.push_back(node["id"].Scalar());
                  MapView view(reader_, node, path, {"id", "kind", "citation", "url"});
                  if (!view.valid()) return;
                  Source source;
                  auto id = view.identifier("id", Need::required, true, false);
                  auto kind = view.choice("kind", Need::required, kSourceKindNames);
                  auto citation = view.text("citation", Need::required);
                  if (auto url = view.text("url", Need::optional)) source.url = *url;
                  if (citation && citation->empty())
                    reader_.error(view.get("citation"), view.path("citation"),
                                  "the citation must not be empty");
                  if (!id || !kind || !citation) return;
                  unique_id(seen, *id, view.value_location("id"), view.path("id"), "source id");
                  source.id = *id;
                  source.kind = *kind;
                  source.citation = *citation;
                  scenario_.sources.push_back(std::move(source));
                });
}

void Loader::read_actors(MapView& root) {
  // Ids first, so that references anywhere can be checked.
  actors_listed_ = root.valid() && root.get("actors").IsSequence() && root.get("actors").size() > 0;
  if (actors_listed_) {
    for (const auto& node : root.get("actors"))
      if (node.IsMap() && node["id"].IsDefined() && node["id"].IsScalar()) {
        const std::string& id = node["id"].Scalar();
        actor_index_.emplace(id, static_cast<int>(actor_ids_.size()));  // keeps the first
        actor_by_lower_case_.emplace(lower_case(id), id);
        actor_ids_.push_back(id);
      }
  }
  std::map<std::string, SourceLocation> seen;
  std::map<std::string, SourceLocation> seen_codes;
  for_each_item(
      root, "actors", Need::required, [&](const YAML::Node& node, const std::string& path) {
        const std::size_t before = scenario_.actors.size();
        read_actor(node, path);
        if (scenario_.actors.size() > before) {  // read without errors
          const auto& actor = scenario_.actors.back();
          unique_id(seen, actor.id, reader_.at(node["id"]), path + ".id", "actor id");
          if (actor.cow_code != 0)
            unique_id(seen_codes, std::to_string(actor.cow_code), reader_.at(node["cow_code"]),
                      path + ".cow_code", "Correlates of War code");
        }
      });
}

void Loader::read_actor(const YAML::Node& node, const std::string& path) {
  MapView view(reader_, node, path,
               {"id", "name", "kind", "cow_code", "capabilities", "nuclear", "attributes"});
  if (!view.valid()) return;
  Actor actor;
  auto id = view.identifier("id", Need::required, true, true, true);
  auto name = view.text("name", Need::required);
  auto kind = view.choice("kind", Need::required, kActorKindNames);
  if (auto code = view.integer("cow_code", Need::optional, 1, 999)) actor.cow_code = int(*code);
  if (view.has("capabilities")) {
    MapView caps(reader_, view.get("capabilities"), view.path("capabilities"),
                 {"year", "source", "note", "milex", "milper", "irst", "pec", "tpop", "upop"});
    Capabilities capabilities;
    if (auto note = caps.text("note", Need::optional)) capabilities.note = *note;
    auto year = data_year(caps, 1816);
    auto source = caps.identifier("source", Need::required, true, false);
    if (source) cite(*source, caps.value_location("source"), caps.path("source"));
    bool ok = caps.valid() && year && source;
    auto component = [&](const char* key, std::optional<double>& target) {
      // COW codes an unknown component as -9; scenarios write `missing` instead.
      const YAML::Node component_node = caps.get(key);
      if (component_node.IsDefined() && component_node.IsScalar() &&
          component_node.Scalar() == "missing") {
        target.reset();
        return;
      }
      auto value = caps.number(key, Need::required, non_negative_rule("a number in COW units"));
      if (value)
        target = *value;
      else
        ok = false;
    };
    component("milex", capabilities.milex);
    component("milper", capabilities.milper);
    component("irst", capabilities.irst);
    component("pec", capabilities.pec);
    component("tpop", capabilities.tpop);
    component("upop", capabilities.upop);
    if (ok) {
      capabilities.year = int(*year);
      capabilities.source = *source;
      if (capabilities.upop && capabilities.tpop && *capabilities.upop > *capabilities.tpop) {
        reader_.error(caps.value_location("upop"), caps.path("upop"),
                      fmt::format("urban population ({:g}) exceeds total population ({:g})",
                                  *capabilities.upop, *capabilities.tpop));
      }
      actor.capabilities = capabilities;
    }
  }
  if (view.has("nuclear")) {
    MapView nuclear_view(reader_, view.get("nuclear"), view.path("nuclear"),
                         {"warheads", "doctrine"});
    NuclearForces nuclear;
    auto warheads = nuclear_view.quantity("warheads", Need::required,
                                          non_negative_rule("a number of warheads"));
    bool ok = nuclear_view.valid() && warheads.has_value();
    if (warheads) {
      nuclear.warheads = *warheads;
      cite(*warheads);
    }
    if (nuclear_view.valid()) {
      if (!nuclear_view.has("doctrine")) {
        nuclear_view.missing("doctrine", "{value: <doctrine>, source: <id>}");
        ok = false;
      } else {
        MapView doctrine(reader_, nuclear_view.get("doctrine"), nuclear_view.path("doctrine"),
                         {"value", "source", "note"});
        auto value = doctrine.choice("value", Need::required, kNuclearDoctrineNames);
        auto source = doctrine.identifier("source", Need::required, true, false);
        (void)doctrine.text("note", Need::optional);
        if (value && source) {
          nuclear.doctrine = *value;
          nuclear.doctrine_source = *source;
          cite(*source, doctrine.value_location("source"), doctrine.path("source"));
        } else {
          ok = false;
        }
      }
    }
    if (ok) actor.nuclear = nuclear;
  }
  if (view.has("attributes")) {
    const YAML::Node attributes = view.get("attributes");
    if (!attributes.IsMap()) {
      reader_.error(attributes, view.path("attributes"),
                    "expected a mapping of names to quantities, got " + describe_node(attributes));
    } else {
      const std::vector<std::string> names = free_keys(attributes);
      MapView attribute_view(reader_, attributes, view.path("attributes"), names);
      for (const auto& key : names) {
        if (!is_lower_identifier(key, false, true)) {
          reader_.error(attribute_view.location(key), attribute_view.path(key),
                        "attribute names use lower-case letters, digits and '_'");
          continue;
        }
        auto quantity = attribute_view.quantity(key, Need::required, NumberRule{});
        if (quantity) {
          cite(*quantity);
          actor.attributes.emplace(key, *quantity);
        }
      }
    }
  }
  if (!id || !name || !kind) return;
  actor.id = *id;
  actor.name = *name;
  actor.kind = *kind;
  scenario_.actors.push_back(std::move(actor));
}

void Loader::read_alliances(MapView& root) {
  std::map<std::string, SourceLocation> seen;
  for_each_item(
      root, "alliances", Need::optional, [&](const YAML::Node& node, const std::string& path) {
        MapView view(reader_, node, path,
                     {"id", "name", "kind", "members", "treaty", "signed", "in_force", "source",
                      "instruments"});
        if (!view.valid()) return;
        Alliance alliance;
        auto id = view.identifier("id", Need::required, true, false);
        auto name = view.text("name", Need::required);
        auto kind = view.choice("kind", Need::required, kAllianceKindNames);
        auto treaty = view.text("treaty", Need::required);
        auto signed_on = view.date("signed", Need::required);
        auto in_force = view.date("in_force", Need::optional);
        auto source = view.identifier("source", Need::required, true, false);
        if (source) cite(*source, view.value_location("source"), view.path("source"));
        bool ok = id && name && kind && treaty && signed_on && source;
        if (signed_on)
          ok = not_after_start(*signed_on, view.value_location("signed"), view.path("signed"),
                               "the signing date") &&
               ok;
        if (signed_on && in_force && *in_force < *signed_on) {
          reader_.error(view.value_location("in_force"), view.path("in_force"),
                        fmt::format("dates out of order: entry into force {} is before signing {}",
                                    in_force->to_string(), signed_on->to_string()));
          ok = false;
        }
        const YAML::Node members = view.get("members");
        if (!members.IsDefined()) {
          view.missing("members", "a list of at least two actor ids");
          ok = false;
        } else if (!members.IsSequence() || members.size() < 2) {
          reader_.error(
              members, view.path("members"),
              "expected a list of at least two actor ids, got " +
                  (members.IsSequence() ? fmt::format("{} {}", members.size(),
                                                      members.size() == 1 ? "member" : "members")
                                        : describe_node(members)));
          ok = false;
        } else {
          std::set<int> unique;
          for (std::size_t i = 0; i < members.size(); ++i) {
            auto member =
                actor_reference(members[i], fmt::format("{}[{}]", view.path("members"), i));
            if (!member) {
              ok = false;
              continue;
            }
            if (!unique.insert(*member).second) {
              reader_.error(members[i], fmt::format("{}[{}]", view.path("members"), i),
                            fmt::format("actor '{}' is listed twice", members[i].Scalar()));
              ok = false;
            }
            alliance.members.push_back(*member);
          }
        }
        std::map<std::string, SourceLocation> instrument_ids;
        for_each_item(
            view, "instruments", Need::optional,
            [&](const YAML::Node& item, const std::string& item_path) {
              MapView instrument_view(
                  reader_, item, item_path,
                  {"id", "name", "kind", "established", "source", "parameters"});
              if (!instrument_view.valid()) {
                ok = false;
                return;
              }
              Instrument instrument;
              auto instrument_id = instrument_view.identifier("id", Need::required, true, false);
              auto instrument_name = instrument_view.text("name", Need::required);
              auto instrument_kind =
                  instrument_view.choice("kind", Need::required, kInstrumentKindNames);
              auto established = instrument_view.date("established", Need::required);
              auto instrument_source =
                  instrument_view.identifier("source", Need::required, true, false);
              if (instrument_source)
                cite(*instrument_source, instrument_view.value_location("source"),
                     instrument_view.path("source"));
              if (established)
                not_after_start(*established, instrument_view.value_location("established"),
                                instrument_view.path("established"), "the establishment date");
              if (instrument_view.has("parameters")) {
                const YAML::Node parameters = instrument_view.get("parameters");
                if (!parameters.IsMap()) {
                  reader_.error(parameters, instrument_view.path("parameters"),
                                "expected a mapping of names to quantities, got " +
                                    describe_node(parameters));
                } else {
                  const std::vector<std::string> names = free_keys(parameters);
                  MapView parameter_view(reader_, parameters, instrument_view.path("parameters"),
                                         names);
                  for (const auto& key : names) {
                    auto quantity =
                        parameter_view.quantity(key, Need::required, non_negative_rule());
                    if (quantity) {
                      cite(*quantity);
                      instrument.parameters.emplace(key, *quantity);
                    }
                  }
                }
              }
              if (!instrument_id || !instrument_name || !instrument_kind || !established ||
                  !instrument_source) {
                ok = false;
                return;
              }
              unique_id(instrument_ids, *instrument_id, instrument_view.value_location("id"),
                        instrument_view.path("id"), "instrument id");
              instrument.id = *instrument_id;
              instrument.name = *instrument_name;
              instrument.kind = *instrument_kind;
              instrument.established = *established;
              instrument.source = *instrument_source;
              alliance.instruments.push_back(std::move(instrument));
            });
        if (!ok) return;
        unique_id(seen, *id, view.value_location("id"), view.path("id"), "alliance id");
        alliance.id = *id;
        alliance.name = *name;
        alliance.kind = *kind;
        alliance.treaty = *treaty;
        alliance.signed_on = *signed_on;
        alliance.in_force = in_force;
        alliance.source = *source;
        scenario_.alliances.push_back(std::move(alliance));
      });
}

void Loader::read_trade(MapView& root) {
  std::set<std::tuple<int, int, int>> seen;
  for_each_item(
      root, "trade", Need::optional, [&](const YAML::Node& node, const std::string& path) {
        MapView view(reader_, node, path, {"between", "year", "value"});
        if (!view.valid()) return;
        auto pair = actor_pair(view, "between");
        auto year = data_year(view, 1800);
        auto value = view.quantity("value", Need::required, non_negative_rule("a trade value"));
        if (value) cite(*value);
        if (!pair || !year || !value) return;
        const auto key = std::make_tuple(std::min(pair->first, pair->second),
                                         std::max(pair->first, pair->second), int(*year));
        if (!seen.insert(key).second) {
          reader_.error(view.location(), path,
                        fmt::format("duplicate trade flow between '{}' and '{}' in {}",
                                    actor_ids_[pair->first], actor_ids_[pair->second], *year));
          return;
        }
        scenario_.trade.push_back(TradeFlow{pair->first, pair->second, int(*year), *value});
      });
}

void Loader::read_rivalries(MapView& root) {
  for_each_item(root, "rivalries", Need::optional,
                [&](const YAML::Node& node, const std::string& path) {
                  MapView view(reader_, node, path, {"between", "kind", "since", "source", "note"});
                  if (!view.valid()) return;
                  const std::string note = view.text("note", Need::optional).value_or("");
                  auto pair = actor_pair(view, "between");
                  auto kind = view.choice("kind", Need::required, kRivalryKindNames);
                  auto since = view.date("since", Need::required);
                  auto source = view.identifier("source", Need::required, true, false);
                  if (source) cite(*source, view.value_location("source"), view.path("source"));
                  if (since)
                    not_after_start(*since, view.value_location("since"), view.path("since"),
                                    "the start date");
                  if (!pair || !kind || !since || !source) return;
                  scenario_.rivalries.push_back(
                      Rivalry{pair->first, pair->second, *kind, *since, *source, note});
                });
}

void Loader::read_politics(MapView& root) {
  if (!root.valid() || !root.has("politics")) return;
  MapView view(reader_, root.get("politics"), "politics", {"stance_dimensions", "actors"});
  if (!view.valid()) return;
  std::map<std::string, SourceLocation> seen;
  declared_dimension_ids_.clear();
  for_each_item(view, "stance_dimensions", Need::required,
                [&](const YAML::Node& node, const std::string& path) {
                  if (node.IsMap() && node["id"].IsScalar())
                    declared_dimension_ids_.push_back(node["id"].Scalar());
                  MapView dimension_view(reader_, node, path, {"id", "description", "low", "high"});
                  auto id = dimension_view.identifier("id", Need::required, false, true);
                  auto description = dimension_view.text("description", Need::required);
                  auto low = dimension_view.number("low", Need::required);
                  auto high = dimension_view.number("high", Need::required);
                  if (low && high && !(*low < *high)) {
                    reader_.error(
                        dimension_view.value_location("high"), dimension_view.path("high"),
                        fmt::format("high ({:g}) must be greater than low ({:g})", *high, *low));
                    return;
                  }
                  if (!id || !description || !low || !high) return;
                  unique_id(seen, *id, dimension_view.value_location("id"),
                            dimension_view.path("id"), "stance dimension id");
                  scenario_.politics.stance_dimensions.push_back(
                      StanceDimension{*id, *description, *low, *high});
                });
  std::map<int, int> actors_seen;  // actor index -> line of its political system
  for_each_item(
      view, "actors", Need::required, [&](const YAML::Node& node, const std::string& path) {
        auto& systems = scenario_.politics.systems;
        const std::size_t before = systems.size();
        read_political_system(node, path);
        if (systems.size() > before) {  // read without errors
          const int actor = systems.back().actor;
          const auto location = reader_.at(node["actor"]);
          auto [it, inserted] = actors_seen.emplace(actor, location.line);
          if (!inserted) {
            reader_.error(location, path + ".actor",
                          fmt::format("actor '{}' already has a political system (at line {})",
                                      actor_ids_[actor], it->second));
            systems.pop_back();
          }
        }
      });
}

void Loader::read_political_system(const YAML::Node& node, const std::string& path) {
  MapView view(reader_, node, path, {"actor", "parties", "offices"});
  if (!view.valid()) return;
  PoliticalSystem system;
  std::optional<int> actor;
  if (!view.has("actor"))
    view.missing("actor", "an actor id");
  else
    actor = actor_reference(view.get("actor"), view.path("actor"));
  const auto& dimensions = scenario_.politics.stance_dimensions;
  // Stances may name every declared dimension; an invalid dimension is reported on its own.
  const std::vector<std::string>& dimension_ids = declared_dimension_ids_;
  std::map<std::string, SourceLocation> party_ids;
  // Every party id written, valid or not, so that offices are checked even when a party is not.
  std::vector<std::string> declared_parties;
  if (view.valid() && view.get("parties").IsSequence()) {
    for (const auto& item : view.get("parties"))
      if (item.IsMap() && item["id"].IsScalar()) declared_parties.push_back(item["id"].Scalar());
  }
  bool ok = actor.has_value();
  for_each_item(view, "parties", Need::required,
                [&](const YAML::Node& item, const std::string& item_path) {
                  MapView party_view(reader_, item, item_path, {"id", "name", "stances"});
                  if (!party_view.valid()) {
                    ok = false;
                    return;
                  }
                  Party party;
                  auto id = party_view.identifier("id", Need::required, true, true, true);
                  auto name = party_view.text("name", Need::required);
                  bool party_ok = id && name;
                  if (!party_view.has("stances")) {
                    party_view.missing("stances", "a quantity for each stance dimension");
                    party_ok = false;
                  } else if (dimension_ids.empty()) {
                    party_ok = false;  // no stance dimensions to check against; reported on its own
                  } else {
                    MapView stances(reader_, party_view.get("stances"), party_view.path("stances"),
                                    dimension_ids);
                    party_ok = party_ok && stances.valid();
                    for (const auto& dimension : dimensions) {
                      NumberRule rule{dimension.low, dimension.high, false,
                                      "a stance on this dimension's scale"};
                      auto stance = stances.quantity(dimension.id, Need::required, rule);
                      if (stance) {
                        cite(*stance);
                        party.stances.push_back(*stance);
                      } else {
                        party_ok = false;
                      }
                    }
                  }
                  if (!party_ok) {
                    ok = false;
                    return;
                  }
                  unique_id(party_ids, *id, party_view.value_location("id"), party_view.path("id"),
                            "party id");
                  party.id = *id;
                  party.name = *name;
                  system.parties.push_back(std::move(party));
                });
  system.actor = actor.value_or(0);
  std::set<std::string> office_ids;
  const std::size_t offices_before = diagnostics_.size();
  for_each_item(view, "offices", Need::required,
                [&](const YAML::Node& item, const std::string& item_path) {
                  read_office(item, item_path, system, declared_parties, office_ids);
                });
  if (!ok || diagnostics_.size() > offices_before) return;
  scenario_.politics.systems.push_back(std::move(system));
}

void Loader::read_office(const YAML::Node& node, const std::string& path, PoliticalSystem& system,
                         const std::vector<std::string>& party_ids,
                         std::set<std::string>& office_ids) {
  MapView view(reader_, node, path,
               {"id", "kind", "incumbent", "term_limit", "elections", "recurrence_months",
                "incumbent_party_win_probability", "leader_runs_again_probability"});
  if (!view.valid()) return;
  Office office;
  office.key_path = path;
  office.actor = system.actor;
  auto id = view.identifier("id", Need::required, false, true);
  auto kind = view.choice("kind", Need::required, kOfficeKindNames);
  auto term_limit = view.integer("term_limit", Need::optional, 0, 100);
  auto recurrence = view.integer("recurrence_months", Need::optional, 0, 240);
  auto win = view.quantity("incumbent_party_win_probability", Need::required, probability_rule());
  if (win) cite(*win);
  bool ok = id && kind && win;
  if (term_limit) office.term_limit = int(*term_limit);
  if (recurrence) office.recurrence_months = int(*recurrence);
  if (id && !office_ids.insert(*id).second) {
    reader_.error(view.value_location("id"), view.path("id"),
                  fmt::format("duplicate office id '{}'", *id));
    ok = false;
  }
  const bool may_run_again = kind == OfficeKind::executive && office.term_limit != 1;
  auto runs_again =
      view.quantity("leader_runs_again_probability",
                    may_run_again ? Need::required : Need::optional, probability_rule());
  if (runs_again) {
    cite(*runs_again);
    office.leader_runs_again_probability = *runs_again;
  } else if (may_run_again) {
    ok = false;
  }
  if (!view.has("incumbent")) {
    view.missing("incumbent", "a mapping with party and since");
    ok = false;
  } else {
    MapView incumbent(reader_, view.get("incumbent"), view.path("incumbent"),
                      {"party", "leader", "since", "terms_served", "source", "stances"});
    if (incumbent.has("stances")) {
      const auto& dimensions = scenario_.politics.stance_dimensions;
      std::vector<std::string> dimension_ids;
      for (const auto& dimension : dimensions) dimension_ids.push_back(dimension.id);
      if (kind && *kind != OfficeKind::executive) {
        reader_.error(incumbent.location("stances"), incumbent.path("stances"),
                      "only an executive office has a leader whose stance can be given");
        ok = false;
      } else {
        MapView stances(reader_, incumbent.get("stances"), incumbent.path("stances"),
                        dimension_ids);
        ok = stances.valid() && ok;
        office.incumbent_stances.resize(dimensions.size());
        for (std::size_t d = 0; d < dimensions.size() && stances.valid(); ++d) {
          if (!stances.has(dimensions[d].id)) continue;
          NumberRule rule{dimensions[d].low, dimensions[d].high, false,
                          "a stance on this dimension's scale"};
          auto stance = stances.quantity(dimensions[d].id, Need::required, rule);
          if (stance) {
            cite(*stance);
            office.incumbent_stances[d] = *stance;
          } else {
            ok = false;
          }
        }
      }
    }
    if (auto incumbent_source = incumbent.identifier("source", Need::optional, true, false)) {
      cite(*incumbent_source, incumbent.value_location("source"), incumbent.path("source"));
      office.incumbent_source = *incumbent_source;
    }
    auto party = incumbent.text("party", Need::required);
    auto since = incumbent.date("since", Need::required);
    auto terms = incumbent.integer("terms_served", Need::optional, 1, 100);
    if (auto leader = incumbent.text("leader", Need::optional)) office.incumbent_leader = *leader;
    if (terms) office.terms_served = int(*terms);
    if (party) {
      // party_ids lists every party written (valid or not), in order; when all are valid it
      // matches system.parties, and otherwise the scenario is rejected anyway.
      bool found = false;
      for (std::size_t i = 0; i < party_ids.size() && !found; ++i) {
        if (party_ids[i] == *party) {
          office.incumbent_party = int(i);
          found = true;
        }
      }
      if (!found && !party_ids.empty()) {  // no parties at all is reported on its own
        const std::string hint = reader_.did_you_mean(*party, party_ids);
        reader_.error(
            incumbent.get("party"), incumbent.path("party"),
            fmt::format("unknown party '{}'{}", *party,
                        hint.empty() ? ", expected one of " + quoted_list(party_ids) : hint));
      }
      if (!found) ok = false;
    }
    if (since) {
      office.incumbent_since = *since;
      ok = not_after_start(*since, incumbent.value_location("since"), incumbent.path("since"),
                           "the incumbent's start") &&
           ok;
    }
    if (office.term_limit > 0 && office.terms_served > office.term_limit) {
      reader_.error(incumbent.value_location("terms_served"), incumbent.path("terms_served"),
                    fmt::format("terms_served ({}) exceeds the office's term_limit ({})",
                                office.terms_served, office.term_limit));
      ok = false;
    }
    ok = ok && party && since && incumbent.valid();
  }
  std::optional<CalendarDate> previous;
  for_each_item(
      view, "elections", Need::required, [&](const YAML::Node& item, const std::string& item_path) {
        MapView election_view(reader_, item, item_path, {"date", "window", "kind", "source"});
        if (!election_view.valid()) {
          ok = false;
          return;
        }
        ScheduledElection election;
        auto kind_text = election_view.identifier("kind", Need::required, true, true);
        auto source = election_view.identifier("source", Need::required, true, false);
        if (source)
          cite(*source, election_view.value_location("source"), election_view.path("source"));
        const bool has_date = election_view.has("date");
        const bool has_window = election_view.has("window");
        bool item_ok = kind_text && source;
        if (has_date == has_window) {
          if (!has_date && (election_view.misspelt("date") || election_view.misspelt("window"))) {
            item_ok = false;  // the misspelt key is reported already
          } else {
            reader_.error(election_view.location(), item_path,
                          "give exactly one of 'date' (a known date) or 'window' (a list of two "
                          "months between which the date is uncertain)");
            item_ok = false;
          }
        } else if (has_date) {
          auto date = election_view.date("date", Need::required);
          if (date)
            election.first = election.last = *date;
          else
            item_ok = false;
        } else {
          const YAML::Node window = election_view.get("window");
          if (!window.IsSequence() || window.size() != 2) {
            reader_.error(
                window, election_view.path("window"),
                "expected a list of two dates [first, last], got " +
                    (window.IsSequence() ? fmt::format("{} {}", window.size(),
                                                       window.size() == 1 ? "item" : "items")
                                         : describe_node(window)));
            item_ok = false;
          } else {
            std::string why_first;
            std::string why_last;
            auto first = window[0].IsScalar() ? parse_calendar_date(window[0].Scalar(), &why_first)
                                              : std::nullopt;
            auto last = window[1].IsScalar() ? parse_calendar_date(window[1].Scalar(), &why_last)
                                             : std::nullopt;
            if (!first) {
              reader_.error(
                  window[0], election_view.path("window") + "[0]",
                  "expected a date (YYYY-MM or YYYY-MM-DD), got " + describe_node(window[0]));
              item_ok = false;
            }
            if (!last) {
              reader_.error(
                  window[1], election_view.path("window") + "[1]",
                  "expected a date (YYYY-MM or YYYY-MM-DD), got " + describe_node(window[1]));
              item_ok = false;
            }
            if (first && last) {
              if (*last < *first) {
                reader_.error(
                    window, election_view.path("window"),
                    fmt::format("dates out of order: the window ends ({}) before it begins "
                                "({})",
                                last->to_string(), first->to_string()));
                item_ok = false;
              }
              election.first = *first;
              election.last = *last;
            }
          }
        }
        const char* when_key = has_date ? "date" : "window";
        if (item_ok && have_start_ &&
            election.first.to_month() <= scenario_.info.start.to_month()) {
          reader_.error(
              election_view.value_location(when_key), election_view.path(when_key),
              fmt::format("the election ({}) is not after the scenario start {}; list only "
                          "future elections and set the incumbent from past ones",
                          election.first.to_string(), scenario_.info.start.to_string()));
          item_ok = false;
        }
        if (item_ok && previous && election.first <= *previous) {
          reader_.error(
              election_view.value_location(when_key), election_view.path(when_key),
              fmt::format("dates out of order: this election ({}) is not after the previous "
                          "one ({})",
                          election.first.to_string(), previous->to_string()));
          item_ok = false;
        }
        if (!item_ok) {
          ok = false;
          return;
        }
        previous = election.last;
        election.kind = *kind_text;
        election.source = *source;
        office.elections.push_back(election);
      });
  if (!ok) return;
  office.id = *id;
  office.kind = *kind;
  office.incumbent_party_win_probability = *win;
  system.offices.push_back(std::move(office));
}

void Loader::read_theatres(MapView& root) {
  std::map<std::string, SourceLocation> seen;
  const auto condition_names = enum_names(kTheatreConditionNames);
  for_each_item(
      root, "theatres", Need::optional, [&](const YAML::Node& node, const std::string& path) {
        MapView view(reader_, node, path,
                     {"id", "name", "initial", "source", "attention_weight", "entrapment_weight",
                      "transitions"});
        if (!view.valid()) return;
        Theatre theatre;
        const NumberRule weight_rule{0.0, 1.0, false, "a weight"};
        // Sourced like every number, but fixed: the mechanisms use one weight for all trials.
        auto fixed_weight = [&](const char* key, double& target) {
          if (!view.has(key)) return;
          auto weight = view.quantity(key, Need::required, weight_rule);
          if (!weight) return;
          cite(*weight);
          if (weight->is_random())
            reader_.error(
                view.get(key), view.path(key),
                "expected a fixed weight ({value: ..., source: ...}), not a distribution");
          else
            target = weight->value;
        };
        fixed_weight("attention_weight", theatre.attention_weight);
        fixed_weight("entrapment_weight", theatre.entrapment_weight);
        auto id = view.identifier("id", Need::required, true, false);
        auto name = view.text("name", Need::required);
        auto initial = view.choice("initial", Need::required, kTheatreConditionNames);
        auto source = view.identifier("source", Need::required, true, false);
        if (source) cite(*source, view.value_location("source"), view.path("source"));
        bool ok = id && name && initial && source;
        if (!view.has("transitions")) {
          view.missing("transitions",
                       "a mapping from a condition to monthly transition probabilities");
          ok = false;
        } else {
          MapView from_view(reader_, view.get("transitions"), view.path("transitions"),
                            condition_names);
          ok = ok && from_view.valid();
          for (const auto& from_name : condition_names) {
            if (!from_view.has(from_name)) continue;
            const auto from = *parse_enum(kTheatreConditionNames, from_name);
            std::vector<std::string> targets;
            for (const auto& target : condition_names)
              if (target != from_name) targets.push_back(target);
            MapView to_view(reader_, from_view.get(from_name), from_view.path(from_name), targets);
            if (!to_view.valid()) {
              ok = false;
              continue;
            }
            double upper_sum = 0.0;
            for (const auto& to_name : targets) {
              if (!to_view.has(to_name)) continue;
              const auto to = *parse_enum(kTheatreConditionNames, to_name);
              auto probability = to_view.quantity(to_name, Need::required, probability_rule());
              if (!probability) {
                ok = false;
                continue;
              }
              cite(*probability);
              // A beta (a fitted posterior) reaches 1 only with negligible mass: count its
              // 1 - 1e-9 quantile; the theatres mechanism rescales the rare row above 1.
              upper_sum += probability->kind == DistributionKind::beta
                               ? beta_quantile(1.0 - 1e-9, probability->alpha, probability->beta)
                               : probability->support_high();
              theatre.transitions[int(from)][int(to)] = *probability;
            }
            if (upper_sum > 1.0 + 1e-12) {
              reader_.error(
                  from_view.location(from_name), from_view.path(from_name),
                  fmt::format("the monthly probabilities of leaving '{}' can add up to {:g}; "
                              "expected their upper bounds to sum to at most 1",
                              from_name, upper_sum));
              ok = false;
            }
          }
        }
        if (!ok) return;
        unique_id(seen, *id, view.value_location("id"), view.path("id"), "theatre id");
        theatre.id = *id;
        theatre.name = *name;
        theatre.initial = *initial;
        theatre.source = *source;
        scenario_.theatres.push_back(std::move(theatre));
      });
}

void Loader::read_event_processes(MapView& root) {
  std::map<std::string, SourceLocation> seen;
  const NumberRule rate_rule{0.0, 1000.0, false, "a mean number of events per month"};
  for_each_item(
      root, "event_processes", Need::optional,
      [&](const YAML::Node& node, const std::string& path) {
        MapView view(reader_, node, path,
                     {"id", "name", "actor", "rate_per_month", "tension_elasticity", "joined_by",
                      "regimes", "modulated_by", "rate_per_regime"});
        if (!view.valid()) return;
        EventProcess process;
        auto id = view.identifier("id", Need::required, true, false);
        auto name = view.text("name", Need::required);
        std::optional<int> actor;
        if (!view.has("actor"))
          view.missing("actor", "an actor id");
        else
          actor = actor_reference(view.get("actor"), view.path("actor"));
        bool ok = true;
        // Exactly one way of setting the rate: a plain rate, a regime chain, or another
        // process's chain.
        const int ways = int(view.has("rate_per_month")) + int(view.has("regimes")) +
                         int(view.has("modulated_by"));
        if (ways == 0) {
          view.missing("rate_per_month",
                       "a monthly rate, a 'regimes' chain or 'modulated_by' another process");
          ok = false;
        } else if (ways > 1) {
          reader_.error(view.location(), path,
                        "expected only one of 'rate_per_month', 'regimes' and 'modulated_by'");
          ok = false;
        }
        if (view.has("rate_per_regime") && !view.has("modulated_by")) {
          reader_.error(
              view.location("rate_per_regime"), view.path("rate_per_regime"),
              "'rate_per_regime' needs 'modulated_by' (the process whose regimes it uses)");
          ok = false;
        }
        if (view.has("tension_elasticity") && (view.has("regimes") || view.has("modulated_by"))) {
          reader_.error(view.location("tension_elasticity"), view.path("tension_elasticity"),
                        "a regime-driven process takes tension through its regime switches: use "
                        "'regimes: {tension_elasticity: ...}' on the chain instead");
          ok = false;
        }
        if (view.has("rate_per_month")) {
          auto rate = view.quantity("rate_per_month", Need::required, rate_rule);
          if (rate) {
            cite(*rate);
            process.rate_per_month = *rate;
          } else {
            ok = false;
          }
        } else {
          process.rate_per_month = Quantity::constant(0.0);
        }
        if (view.has("tension_elasticity") && ok) {
          auto elasticity = view.quantity(
              "tension_elasticity", Need::required,
              NumberRule{-20.0, 20.0, false, "a log-rate change per unit of tension"});
          if (!elasticity) return;
          cite(*elasticity);
          process.tension_elasticity = elasticity;
        }
        if (view.has("regimes") && !read_event_regimes(view, process)) ok = false;
        if (view.has("modulated_by")) {
          auto parent = view.identifier("modulated_by", Need::required, true, false);
          int index = -1;
          if (parent)
            for (std::size_t i = 0; i < scenario_.event_processes.size(); ++i)
              if (scenario_.event_processes[i].id == *parent &&
                  !scenario_.event_processes[i].regimes.empty())
                index = int(i);
          if (parent && index < 0) {
            reader_.error(
                view.value_location("modulated_by"), view.path("modulated_by"),
                fmt::format("'{}' is not an earlier event process with 'regimes'", *parent));
          }
          if (index < 0) return;
          process.modulated_by = index;
          const auto& regimes = scenario_.event_processes[std::size_t(index)].regimes;
          if (!view.has("rate_per_regime")) {
            view.missing("rate_per_regime", "a monthly rate for each regime of the chain");
            return;
          }
          std::vector<std::string> names;
          for (const auto& regime : regimes) names.push_back(regime.id);
          MapView rates(reader_, view.get("rate_per_regime"), view.path("rate_per_regime"), names);
          if (!rates.valid()) return;
          for (const auto& regime : regimes) {
            auto rate = rates.quantity(regime.id, Need::required, rate_rule);
            if (!rate) {
              ok = false;
              continue;
            }
            cite(*rate);
            process.rate_per_regime.push_back(*rate);
          }
        }
        if (view.has("joined_by")) {
          MapView join(reader_, view.get("joined_by"), view.path("joined_by"),
                       {"actor", "probability"});
          if (!join.valid()) return;
          if (!join.has("actor")) {
            join.missing("actor", "the id of the actor that may join");
            return;
          }
          const auto joiner = actor_reference(join.get("actor"), join.path("actor"));
          auto join_probability = join.quantity("probability", Need::required, probability_rule());
          if (!joiner || !join_probability) return;
          cite(*join_probability);
          process.joined_by = *joiner;
          process.join_probability = join_probability;
        }
        if (!id || !name || !actor || !ok) return;
        unique_id(seen, *id, view.value_location("id"), view.path("id"), "event process id");
        process.id = *id;
        process.name = *name;
        process.actor = *actor;
        scenario_.event_processes.push_back(std::move(process));
      });
}

bool Loader::read_event_regimes(MapView& process_view, EventProcess& process) {
  MapView view(reader_, process_view.get("regimes"), process_view.path("regimes"),
               {"states", "tension_elasticity"});
  if (!view.valid()) return false;
  bool ok = true;
  if (view.has("tension_elasticity")) {
    auto elasticity = view.quantity(
        "tension_elasticity", Need::required,
        NumberRule{-20.0, 20.0, false, "a log change of the switch odds per unit of tension"});
    if (elasticity) {
      cite(*elasticity);
      process.switch_tension_elasticity = elasticity;
    } else {
      ok = false;
    }
  }
  // First pass: the regime ids, so switches can name regimes defined later in the list.
  std::vector<std::string> ids;
  std::vector<std::pair<YAML::Node, std::string>> items;
  for_each_item(view, "states", Need::required,
                [&](const YAML::Node& node, const std::string& path) {
                  items.emplace_back(node, path);
                  if (node.IsMap() && node["id"] && node["id"].IsScalar())
                    ids.push_back(node["id"].as<std::string>());
                });
  if (!view.has("states")) return false;
  if (items.size() < 2) {
    if (!items.empty())
      reader_.error(view.location("states"), view.path("states"),
                    "expected at least 2 regimes (one regime is a plain 'rate_per_month')");
    return false;
  }
  std::map<std::string, SourceLocation> seen;
  double initial_total = 0.0;
  std::size_t initial_read = 0;
  for (const auto& [node, path] : items) {
    MapView state(
        reader_, node, path,
        {"id", "rate_per_month", "dispersion_per_year", "initial_probability", "switch_per_month"});
    if (!state.valid()) {
      ok = false;
      continue;
    }
    EventRegime regime;
    auto id = state.identifier("id", Need::required, true, false);
    auto rate = state.quantity("rate_per_month", Need::required,
                               NumberRule{0.0, 1000.0, false, "a mean number of events per month"});
    auto initial = state.quantity("initial_probability", Need::required, probability_rule());
    if (state.has("dispersion_per_year")) {
      regime.dispersion_per_year =
          state.quantity("dispersion_per_year", Need::required,
                         NumberRule{0.001, 1.0e4, false, "a negative-binomial size"});
      if (regime.dispersion_per_year)
        cite(*regime.dispersion_per_year);
      else
        ok = false;
    }
    if (!id || !rate || !initial) {
      ok = false;
      continue;
    }
    unique_id(seen, *id, state.value_location("id"), state.path("id"), "regime id");
    cite(*rate);
    cite(*initial);
    initial_total += initial->nominal();
    ++initial_read;
    regime.id = *id;
    regime.rate_per_month = *rate;
    regime.initial_probability = *initial;
    if (state.has("switch_per_month")) {
      std::vector<std::string> targets;
      for (const auto& other : ids)
        if (other != *id) targets.push_back(other);
      MapView switches(reader_, state.get("switch_per_month"), state.path("switch_per_month"),
                       targets);
      if (!switches.valid()) {
        ok = false;
      } else {
        double upper_sum = 0.0;
        for (std::size_t j = 0; j < ids.size(); ++j) {
          if (ids[j] == *id || !switches.has(ids[j])) continue;
          auto probability = switches.quantity(ids[j], Need::required, probability_rule());
          if (!probability) {
            ok = false;
            continue;
          }
          cite(*probability);
          upper_sum += probability->support_high();
          regime.switch_per_month.emplace_back(int(j), *probability);
        }
        if (upper_sum > 1.0 + 1e-12) {
          reader_.error(state.location("switch_per_month"), state.path("switch_per_month"),
                        fmt::format("the monthly probabilities of leaving '{}' can add up to "
                                    "{:g}; expected their upper bounds to sum to at most 1",
                                    *id, upper_sum));
          ok = false;
        }
      }
    }
    process.regimes.push_back(std::move(regime));
  }
  if (initial_read == items.size() && std::abs(initial_total - 1.0) > 1e-3) {
    reader_.error(view.location("states"), view.path("states"),
                  fmt::format("the regimes' initial probabilities add up to {:g}; expected 1",
                              initial_total));
    ok = false;
  }
  return ok;
}

void Loader::read_contested_issues(MapView& root) {
  std::map<std::string, SourceLocation> seen;
  for_each_item(
      root, "contested_issues", Need::optional,
      [&](const YAML::Node& node, const std::string& path) {
        MapView view(reader_, node, path, {"id", "title", "description", "scale", "stakeholders"});
        if (!view.valid()) return;
        ContestedIssue issue;
        issue.location = view.location();
        auto id = view.identifier("id", Need::required, true, false);
        auto title = view.text("title", Need::required);
        if (auto description = view.text("description", Need::optional))
          issue.description = *description;
        bool ok = id && title;
        bool scale_ok = false;
        if (!view.has("scale")) {
          view.missing("scale", "a mapping with min, max, min_meaning and max_meaning");
          ok = false;
        } else {
          MapView scale(reader_, view.get("scale"), view.path("scale"),
                        {"min", "max", "min_meaning", "max_meaning"});
          auto low = scale.number("min", Need::required);
          auto high = scale.number("max", Need::required);
          auto low_meaning = scale.text("min_meaning", Need::required);
          auto high_meaning = scale.text("max_meaning", Need::required);
          if (low && high && !(*low < *high))
            reader_.error(scale.value_location("max"), scale.path("max"),
                          fmt::format("max ({:g}) must be greater than min ({:g})", *high, *low));
          else if (low && high) {
            issue.scale_min = *low;
            issue.scale_max = *high;
            scale_ok = true;
          }
          ok = ok && scale_ok && low_meaning && high_meaning;
          if (low_meaning) issue.min_meaning = *low_meaning;
          if (high_meaning) issue.max_meaning = *high_meaning;
        }
        std::map<std::string, SourceLocation> seen_stakeholders;
        for_each_item(view, "stakeholders", Need::required,
                      [&](const YAML::Node& item, const std::string& item_path) {
                        read_stakeholder(item, item_path, issue, seen_stakeholders, scale_ok, ok);
                      });
        if (!view.get("stakeholders").IsSequence() || view.get("stakeholders").size() == 0)
          ok = false;
        if (ok && !issue.stakeholders.empty() &&
            std::none_of(issue.stakeholders.begin(), issue.stakeholders.end(),
                         [](const Stakeholder& s) { return s.capability > 0 && s.salience > 0; }))
          reader_.error(view.location("stakeholders"), view.path("stakeholders"),
                        "every stakeholder has capability 0 or salience 0, so no one can "
                        "influence the outcome; expected at least one with both above 0");
        if (!ok) return;
        unique_id(seen, *id, view.value_location("id"), view.path("id"), "contested issue id");
        issue.id = *id;
        issue.title = *title;
        scenario_.contested_issues.push_back(std::move(issue));
      });
}

void Loader::read_stakeholder(const YAML::Node& node, const std::string& path,
                              ContestedIssue& issue, std::map<std::string, SourceLocation>& seen,
                              bool scale_ok, bool& ok) {
  MapView view(
      reader_, node, path,
      {"id", "name", "kind", "actor", "capability", "position", "salience", "source", "note"});
  if (!view.valid()) {
    ok = false;
    return;
  }
  Stakeholder stakeholder;
  stakeholder.location = view.location();
  auto id = view.identifier("id", Need::required, true, false);
  auto name = view.text("name", Need::required);
  auto kind = view.choice("kind", Need::required, kStakeholderKindNames);
  std::optional<int> actor;
  if (!view.has("actor"))
    view.missing("actor", "an actor id (the state, or the state a domestic actor belongs to)");
  else
    actor = actor_reference(view.get("actor"), view.path("actor"));
  auto capability = view.number("capability", Need::required, non_negative_rule("a capability"));
  // Plain doubles (not optionals) keep GCC 12's -Wmaybe-uninitialized quiet at -O2.
  const auto position_read =
      view.number("position", Need::required, NumberRule{-1e12, 1e12, false, "a position"});
  const bool has_position = position_read.has_value();
  const double position = position_read.value_or(0.0);
  bool position_ok = has_position;
  auto salience =
      view.number("salience", Need::required, NumberRule{0.0, 1.0, false, "a salience"});
  if (has_position && scale_ok && (position < issue.scale_min || position > issue.scale_max)) {
    reader_.error(view.value_location("position"), view.path("position"),
                  fmt::format("position {:g} is outside the issue's scale [{:g}, {:g}]", position,
                              issue.scale_min, issue.scale_max));
    position_ok = false;
  }
  auto source = view.identifier("source", Need::required, true, false);
  if (source) cite(*source, view.value_location("source"), view.path("source"));
  if (auto note = view.text("note", Need::optional)) stakeholder.note = *note;
  if (!id || !name || !kind || !actor || !capability || !position_ok || !salience || !source) {
    ok = false;
    return;
  }
  unique_id(seen, *id, view.value_location("id"), view.path("id"), "stakeholder id");
  stakeholder.id = *id;
  stakeholder.name = *name;
  stakeholder.kind = *kind;
  stakeholder.actor = *actor;
  stakeholder.capability = *capability;
  stakeholder.position = position;
  stakeholder.salience = *salience;
  stakeholder.source = *source;
  stakeholder.location = view.location();
  issue.stakeholders.push_back(std::move(stakeholder));
}

void Loader::read_mechanisms(MapView& root) {
  std::vector<std::string> names;
  for (const auto& schema : options_.known_mechanisms) names.push_back(schema.name);
  std::optional<MapView> view;
  if (root.valid() && root.has("mechanisms")) {
    const YAML::Node node = root.get("mechanisms");
    if (!node.IsMap()) {
      reader_.error(node, "mechanisms",
                    "expected a mapping of mechanism names, got " + describe_node(node));
    } else {
      view.emplace(reader_, node, "mechanisms", names);
      if (!view->valid()) view.reset();
    }
  }
  // Every known mechanism gets a section with every parameter resolved (scenario value or
  // built-in default), so the stored scenario shows exactly what ran.
  for (const auto& schema : options_.known_mechanisms) {
    MechanismSection section;
    section.name = schema.name;
    std::optional<MapView> parameter_view;
    if (view && view->has(schema.name)) {
      section.location = view->location(schema.name);
      MapView section_view(reader_, view->get(schema.name), view->path(schema.name),
                           {"enabled", "parameters"});
      if (section_view.valid()) {
        if (auto enabled = section_view.boolean("enabled", Need::optional))
          section.enabled = *enabled;
        if (section_view.has("parameters")) {
          std::vector<std::string> parameter_names;
          for (const auto& parameter : schema.parameters) parameter_names.push_back(parameter.name);
          const YAML::Node parameters = section_view.get("parameters");
          if (parameter_names.empty() && parameters.IsMap() && parameters.size() > 0) {
            reader_.error(parameters, section_view.path("parameters"),
                          fmt::format("the '{}' mechanism has no parameters", schema.name));
          } else {
            parameter_view.emplace(reader_, parameters, section_view.path("parameters"),
                                   parameter_names);
            if (!parameter_view->valid()) parameter_view.reset();
          }
        }
      }
    }
    for (const auto& parameter : schema.parameters) {
      if (parameter_view && parameter_view->has(parameter.name)) {
        NumberRule rule{parameter.min, parameter.max, parameter.integer,
                        "a value of this parameter"};
        rule.correlation_allowed = true;
        auto quantity = parameter_view->quantity(parameter.name, Need::required, rule);
        if (quantity) {
          cite(*quantity);
          section.parameters.emplace(parameter.name, *quantity);
        }
        continue;
      }
      Quantity fallback = Quantity::constant(parameter.default_value, "linchpin-default");
      fallback.unit = parameter.unit;
      fallback.note = parameter.default_source;
      fallback.key_path = fmt::format("mechanisms.{}.parameters.{}", schema.name, parameter.name);
      section.parameters.emplace(parameter.name, fallback);
    }
    check_correlated_parameters(section);
    scenario_.mechanisms.push_back(std::move(section));
  }
}

// A parameter drawn jointly with a partner: the partner is another normal parameter of the
// same section, given in the scenario, and not itself drawn through a third (pairs only).
void Loader::check_correlated_parameters(const MechanismSection& section) {
  // Empirical draws of one group take the same row in a trial: every member needs as many rows.
  for (const auto& [name, quantity] : section.parameters) {
    if (quantity.kind != DistributionKind::empirical || quantity.draw_group.empty()) continue;
    const auto [it, first] =
        draw_groups_.try_emplace(quantity.draw_group, quantity.values.size(), quantity.key_path);
    if (!first && it->second.first != quantity.values.size())
      reader_.error(quantity.location, quantity.key_path + ".values",
                    fmt::format("draw group '{}' has {} rows in {} but {} here; joint draws need "
                                "the same number of rows",
                                quantity.draw_group, it->second.first, it->second.second,
                                quantity.values.size()));
  }
  for (const auto& [name, quantity] : section.parameters) {
    if (quantity.correlated_with.empty()) continue;
    const std::string path = quantity.key_path + ".correlated_with";
    const auto partner = section.parameters.find(quantity.correlated_with);
    std::vector<std::string> names;
    for (const auto& [other, ignored] : section.parameters)
      if (other != name) names.push_back(other);
    if (quantity.correlated_with == name) {
      reader_.error(quantity.location, path, "a parameter cannot be correlated with itself");
    } else if (partner == section.parameters.end()) {
      reader_.error(
          quantity.location, path,
          fmt::format("unknown parameter '{}' of the '{}' mechanism{}", quantity.correlated_with,
                      section.name, reader_.did_you_mean(quantity.correlated_with, names)));
    } else if (partner->second.kind != DistributionKind::normal ||
               partner->second.source == "linchpin-default") {
      reader_.error(quantity.location, path,
                    fmt::format("the partner '{}' must be a normal distribution given in the "
                                "scenario (a joint draw needs both estimates)",
                                quantity.correlated_with));
    } else if (!partner->second.correlated_with.empty()) {
      reader_.error(quantity.location, path,
                    fmt::format("the partner '{}' is itself correlated with '{}'; joint draws "
                                "are pairs: correlate both with the same first parameter",
                                quantity.correlated_with, partner->second.correlated_with));
    }
  }
}

void Loader::read_run(MapView& root) {
  if (!root.valid() || !root.has("run")) return;
  MapView view(reader_, root.get("run"), "run", {"trials", "seed", "trace_trials"});
  if (auto trials = view.integer("trials", Need::optional, 1, 1000000000))
    scenario_.run.trials = std::uint64_t(*trials);
  if (auto seed = view.integer("seed", Need::optional, 0, 4503599627370496LL))
    scenario_.run.seed = std::uint64_t(*seed);
  if (auto trace = view.integer("trace_trials", Need::optional, 0, 10000))
    scenario_.run.trace_trials = std::uint64_t(*trace);
}

void Loader::check_source_references() {
  if (!sources_listed_) return;  // the missing 'sources' list is reported already
  const std::vector<std::string>& ids = declared_source_ids_;
  const std::unordered_set<std::string> known(ids.begin(), ids.end());
  for (const auto& reference : cited_) {
    if (known.count(reference.id) > 0) continue;
    const std::string hint = reader_.did_you_mean(reference.id, ids);
    reader_.error(
        reference.location, reference.path,
        fmt::format("unknown source '{}'{}", reference.id,
                    hint.empty() ? ", expected the id of an entry under 'sources'" : hint));
  }
}

}  // namespace

Scenario load_scenario_text(const std::string& text, const std::string& file_name,
                            const ScenarioLoadOptions& options) {
  if (text.size() > options.max_file_bytes) {
    throw_input_error({file_name, 0, 0}, "",
                      fmt::format("the file is {} bytes; scenario files are limited to "
                                  "{} bytes",
                                  text.size(), options.max_file_bytes));
  }
  Loader loader(file_name, options);
  return loader.load(text);
}

Scenario load_scenario_file(const std::string& path, const ScenarioLoadOptions& options) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    const char* why =
        std::filesystem::exists(path, error) ? "is not a regular file" : "does not exist";
    throw_input_error({path, 0, 0}, "", fmt::format("cannot read the scenario: the path {}", why));
  }
  const auto size = std::filesystem::file_size(path, error);
  if (!error && size > options.max_file_bytes) {
    throw_input_error({path, 0, 0}, "",
                      fmt::format("the file is {} bytes; scenario files are limited to "
                                  "{} bytes",
                                  size, options.max_file_bytes));
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw_input_error({path, 0, 0}, "", "cannot open the file for reading");
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  return load_scenario_text(buffer.str(), path, options);
}

ScenarioOverride parse_override(const std::string& text, const std::string& origin) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0)
    throw_input_error(
        {origin, 0, 0}, "",
        fmt::format("expected KEY.PATH=VALUE (e.g. "
                    "mechanisms.force_posture.parameters.statutory_floor=0), got '{}'",
                    text));
  ScenarioOverride result{text.substr(0, equals), text.substr(equals + 1)};
  if (result.value.empty())
    throw_input_error({origin, 0, 0}, result.key_path,
                      "the value after '=' is empty; give a number, text or a mapping");
  return result;
}

}  // namespace linchpin
