#include "linchpin/scenario/scenario_loader.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "linchpin/core/sha256.hpp"
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

// Checks that happen before YAML parsing: size, NUL bytes, UTF-8.
bool check_raw_text(const std::string& text, const std::string& file, DiagnosticList& diagnostics) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    int length = 0;
    if (byte == 0) {
      diagnostics.add({file, line, column}, "",
                      "the file contains a NUL byte; expected a UTF-8 text file (YAML)");
      return false;
    }
    if (byte < 0x80) {
      length = 1;
    } else if ((byte >> 5) == 0x6) {
      length = 2;
    } else if ((byte >> 4) == 0xe) {
      length = 3;
    } else if ((byte >> 3) == 0x1e) {
      length = 4;
    }
    bool valid = length > 0 && i + length <= text.size();
    for (int k = 1; valid && k < length; ++k)
      valid = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
    if (!valid) {
      diagnostics.add({file, line, column}, "",
                      fmt::format("invalid UTF-8 byte 0x{:02x}; expected a UTF-8 text file (YAML)",
                                  byte));
      return false;
    }
    if (byte == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
  return true;
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
                   std::set<std::string>& office_ids);
  void read_theatres(MapView& root);
  void read_event_processes(MapView& root);
  void read_mechanisms(MapView& root);
  void read_run(MapView& root);
  void check_source_references();

  // Iterates a list; reports if the node is not a list.
  template <typename Function>
  void for_each_item(MapView& parent, const std::string& key, Need need, Function function);
  void cite(const std::string& source, SourceLocation location, const std::string& path) {
    if (!source.empty()) cited_.push_back({source, std::move(location), path});
  }
  void cite(const Quantity& quantity) { cite(quantity.source, quantity.location, quantity.key_path); }
  std::optional<int> actor_reference(const YAML::Node& node, const std::string& path);
  std::optional<std::pair<int, int>> actor_pair(MapView& view, const std::string& key);
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
  std::vector<std::string> actor_ids_;
};

template <typename Function>
void Loader::for_each_item(MapView& parent, const std::string& key, Need need,
                           Function function) {
  if (!parent.valid()) return;
  const YAML::Node list = parent.get(key);
  if (!list.IsDefined()) {
    if (need == Need::required) parent.missing(key, "a list");
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
    reader_.error(location, path,
                  fmt::format("duplicate {} id '{}' (first defined at line {})", what, id,
                              it->second.line));
  }
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
  for (std::size_t i = 0; i < actor_ids_.size(); ++i)
    if (actor_ids_[i] == node.Scalar()) return static_cast<int>(i);
  reader_.error(node, path,
                fmt::format("unknown actor '{}'{}", node.Scalar(),
                            did_you_mean(node.Scalar(), actor_ids_).empty()
                                ? ", expected one of the ids under 'actors'"
                                : did_you_mean(node.Scalar(), actor_ids_)));
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
    reader_.error(list, view.path(key), "expected a list of two actor ids, got " +
                                            (list.IsSequence() ? fmt::format("{} items", list.size())
                                                               : describe_node(list)));
    return std::nullopt;
  }
  auto first = actor_reference(list[0], view.path(key) + "[0]");
  auto second = actor_reference(list[1], view.path(key) + "[1]");
  if (!first || !second) return std::nullopt;
  if (*first == *second) {
    reader_.error(list, view.path(key), "expected two different actors");
    return std::nullopt;
  }
  return std::make_pair(*first, *second);
}

Scenario Loader::load(const std::string& text) {
  scenario_.file = file_;
  scenario_.text = text;
  scenario_.sha256 = sha256_hex(text);
  if (!check_raw_text(text, file_, diagnostics_)) diagnostics_.throw_if_any();
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& error) {
    SourceLocation location{file_, 0, 0};
    if (error.mark.line >= 0) {
      location.line = error.mark.line + 1;
      location.column = error.mark.column + 1;
    }
    diagnostics_.add(location, "", "not valid YAML: " + error.msg);
    diagnostics_.throw_if_any();
  }
  if (!root.IsDefined() || root.IsNull()) {
    diagnostics_.add({file_, 1, 1}, "",
                     "the scenario file is empty, expected a mapping with at least the keys "
                     "'linchpin', 'scenario', 'sources' and 'actors'");
    diagnostics_.throw_if_any();
  }
  read_root(root);
  diagnostics_.throw_if_any();
  return Scenario(std::make_shared<const ScenarioDefinition>(std::move(scenario_)));
}

void Loader::read_root(const YAML::Node& root) {
  MapView view(reader_, root, "",
               {"linchpin", "scenario", "sources", "actors", "alliances", "trade", "rivalries",
                "politics", "theatres", "event_processes", "mechanisms", "run"});
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
  for_each_item(root, "sources", Need::required, [&](const YAML::Node& node, const std::string& path) {
    MapView view(reader_, node, path, {"id", "kind", "citation", "url"});
    if (!view.valid()) return;
    Source source;
    auto id = view.identifier("id", Need::required, true, false);
    auto kind = view.choice("kind", Need::required, kSourceKindNames);
    auto citation = view.text("citation", Need::required);
    if (auto url = view.text("url", Need::optional)) source.url = *url;
    if (citation && citation->empty())
      reader_.error(view.get("citation"), view.path("citation"), "the citation must not be empty");
    if (!id || !kind || !citation) return;
    unique_id(seen, *id, view.location("id"), view.path("id"), "source");
    source.id = *id;
    source.kind = *kind;
    source.citation = *citation;
    scenario_.sources.push_back(std::move(source));
  });
}

void Loader::read_actors(MapView& root) {
  // Ids first, so that references anywhere can be checked.
  if (root.valid() && root.get("actors").IsSequence()) {
    for (const auto& node : root.get("actors"))
      if (node.IsMap() && node["id"].IsDefined() && node["id"].IsScalar())
        actor_ids_.push_back(node["id"].Scalar());
  }
  std::map<std::string, SourceLocation> seen;
  std::map<std::string, SourceLocation> seen_codes;
  for_each_item(root, "actors", Need::required, [&](const YAML::Node& node, const std::string& path) {
    read_actor(node, path);
    if (!scenario_.actors.empty() && node.IsMap() && node["id"].IsDefined() &&
        node["id"].IsScalar() && scenario_.actors.back().id == node["id"].Scalar()) {
      const auto& actor = scenario_.actors.back();
      unique_id(seen, actor.id, reader_.at(node["id"]), path + ".id", "actor");
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
                 {"year", "source", "milex", "milper", "irst", "pec", "tpop", "upop"});
    Capabilities capabilities;
    const int max_year = have_start_ ? scenario_.info.start.year : 2300;
    auto year = caps.integer("year", Need::required, 1816, max_year);
    auto source = caps.identifier("source", Need::required, true, false);
    if (source) cite(*source, caps.location("source"), caps.path("source"));
    bool ok = caps.valid() && year && source;
    auto component = [&](const char* key, double& target) {
      auto value = caps.number(key, Need::required,
                               non_negative_rule("a non-negative number in COW units"));
      if (value) target = *value; else ok = false;
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
      if (capabilities.upop > capabilities.tpop) {
        reader_.error(caps.location("upop"), caps.path("upop"),
                      fmt::format("urban population ({:g}) exceeds total population ({:g})",
                                  capabilities.upop, capabilities.tpop));
      }
      actor.capabilities = capabilities;
    }
  }
  if (view.has("nuclear")) {
    MapView nuclear_view(reader_, view.get("nuclear"), view.path("nuclear"),
                         {"warheads", "doctrine"});
    NuclearForces nuclear;
    auto warheads = nuclear_view.quantity("warheads", Need::required,
                                          non_negative_rule("a number of warheads >= 0"));
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
          cite(*source, doctrine.location("source"), doctrine.path("source"));
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
      std::vector<std::string> names;
      for (const auto& entry : attributes) names.push_back(entry.first.as<std::string>(""));
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
  for_each_item(root, "alliances", Need::optional, [&](const YAML::Node& node, const std::string& path) {
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
    if (source) cite(*source, view.location("source"), view.path("source"));
    bool ok = id && name && kind && treaty && signed_on && source;
    if (signed_on) ok = not_after_start(*signed_on, view.location("signed"), view.path("signed"),
                                        "the signing date") && ok;
    if (signed_on && in_force && *in_force < *signed_on) {
      reader_.error(view.location("in_force"), view.path("in_force"),
                    fmt::format("dates out of order: entry into force {} is before signing {}",
                                in_force->to_string(), signed_on->to_string()));
      ok = false;
    }
    const YAML::Node members = view.get("members");
    if (!members.IsDefined()) {
      view.missing("members", "a list of at least two actor ids");
      ok = false;
    } else if (!members.IsSequence() || members.size() < 2) {
      reader_.error(members, view.path("members"),
                    "expected a list of at least two actor ids, got " + describe_node(members));
      ok = false;
    } else {
      std::set<int> unique;
      for (std::size_t i = 0; i < members.size(); ++i) {
        auto member = actor_reference(members[i], fmt::format("{}[{}]", view.path("members"), i));
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
    for_each_item(view, "instruments", Need::optional, [&](const YAML::Node& item, const std::string& item_path) {
      MapView instrument_view(reader_, item, item_path,
                              {"id", "name", "kind", "established", "source", "parameters"});
      if (!instrument_view.valid()) {
        ok = false;
        return;
      }
      Instrument instrument;
      auto instrument_id = instrument_view.identifier("id", Need::required, true, false);
      auto instrument_name = instrument_view.text("name", Need::required);
      auto instrument_kind = instrument_view.choice("kind", Need::required, kInstrumentKindNames);
      auto established = instrument_view.date("established", Need::required);
      auto instrument_source = instrument_view.identifier("source", Need::required, true, false);
      if (instrument_source)
        cite(*instrument_source, instrument_view.location("source"), instrument_view.path("source"));
      if (established)
        not_after_start(*established, instrument_view.location("established"),
                        instrument_view.path("established"), "the establishment date");
      if (instrument_view.has("parameters")) {
        const YAML::Node parameters = instrument_view.get("parameters");
        if (!parameters.IsMap()) {
          reader_.error(parameters, instrument_view.path("parameters"),
                        "expected a mapping of names to quantities, got " + describe_node(parameters));
        } else {
          std::vector<std::string> names;
          for (const auto& entry : parameters) names.push_back(entry.first.as<std::string>(""));
          MapView parameter_view(reader_, parameters, instrument_view.path("parameters"), names);
          for (const auto& key : names) {
            auto quantity = parameter_view.quantity(key, Need::required,
                                                    non_negative_rule("a number >= 0"));
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
      unique_id(instrument_ids, *instrument_id, instrument_view.location("id"),
                instrument_view.path("id"), "instrument");
      instrument.id = *instrument_id;
      instrument.name = *instrument_name;
      instrument.kind = *instrument_kind;
      instrument.established = *established;
      instrument.source = *instrument_source;
      alliance.instruments.push_back(std::move(instrument));
    });
    if (!ok) return;
    unique_id(seen, *id, view.location("id"), view.path("id"), "alliance");
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
  for_each_item(root, "trade", Need::optional, [&](const YAML::Node& node, const std::string& path) {
    MapView view(reader_, node, path, {"between", "year", "value"});
    if (!view.valid()) return;
    const int max_year = have_start_ ? scenario_.info.start.year : 2300;
    auto pair = actor_pair(view, "between");
    auto year = view.integer("year", Need::required, 1800, max_year);
    auto value = view.quantity("value", Need::required, non_negative_rule("a trade value >= 0"));
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
  for_each_item(root, "rivalries", Need::optional, [&](const YAML::Node& node, const std::string& path) {
    MapView view(reader_, node, path, {"between", "kind", "since", "source"});
    if (!view.valid()) return;
    auto pair = actor_pair(view, "between");
    auto kind = view.choice("kind", Need::required, kRivalryKindNames);
    auto since = view.date("since", Need::required);
    auto source = view.identifier("source", Need::required, true, false);
    if (source) cite(*source, view.location("source"), view.path("source"));
    if (since) not_after_start(*since, view.location("since"), view.path("since"), "the start date");
    if (!pair || !kind || !since || !source) return;
    scenario_.rivalries.push_back(Rivalry{pair->first, pair->second, *kind, *since, *source});
  });
}

void Loader::read_politics(MapView& root) {
  if (!root.valid() || !root.has("politics")) return;
  MapView view(reader_, root.get("politics"), "politics", {"stance_dimensions", "actors"});
  if (!view.valid()) return;
  std::map<std::string, SourceLocation> seen;
  for_each_item(view, "stance_dimensions", Need::required, [&](const YAML::Node& node, const std::string& path) {
    MapView dimension_view(reader_, node, path, {"id", "description", "low", "high"});
    auto id = dimension_view.identifier("id", Need::required, false, true);
    auto description = dimension_view.text("description", Need::required);
    auto low = dimension_view.number("low", Need::required);
    auto high = dimension_view.number("high", Need::required);
    if (low && high && !(*low < *high)) {
      reader_.error(dimension_view.location("high"), dimension_view.path("high"),
                    fmt::format("high ({:g}) must be greater than low ({:g})", *high, *low));
      return;
    }
    if (!id || !description || !low || !high) return;
    unique_id(seen, *id, dimension_view.location("id"), dimension_view.path("id"),
              "stance dimension");
    scenario_.politics.stance_dimensions.push_back(StanceDimension{*id, *description, *low, *high});
  });
  std::set<int> actors_seen;
  for_each_item(view, "actors", Need::required, [&](const YAML::Node& node, const std::string& path) {
    read_political_system(node, path);
    auto& systems = scenario_.politics.systems;
    if (!systems.empty() && node.IsMap() && node["actor"].IsDefined() &&
        !actors_seen.insert(systems.back().actor).second && actor_ids_.size() > 0 &&
        actor_ids_[systems.back().actor] == node["actor"].Scalar()) {
      reader_.error(node["actor"], path + ".actor",
                    fmt::format("actor '{}' already has a political system",
                                actor_ids_[systems.back().actor]));
      systems.pop_back();
    }
  });
}

void Loader::read_political_system(const YAML::Node& node, const std::string& path) {
  MapView view(reader_, node, path, {"actor", "parties", "offices"});
  if (!view.valid()) return;
  PoliticalSystem system;
  std::optional<int> actor;
  if (!view.has("actor")) view.missing("actor", "an actor id");
  else actor = actor_reference(view.get("actor"), view.path("actor"));
  const auto& dimensions = scenario_.politics.stance_dimensions;
  std::vector<std::string> dimension_ids;
  for (const auto& dimension : dimensions) dimension_ids.push_back(dimension.id);
  std::map<std::string, SourceLocation> party_ids;
  bool ok = actor.has_value();
  for_each_item(view, "parties", Need::required, [&](const YAML::Node& item, const std::string& item_path) {
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
    } else {
      MapView stances(reader_, party_view.get("stances"), party_view.path("stances"), dimension_ids);
      party_ok = party_ok && stances.valid();
      for (const auto& dimension : dimensions) {
        NumberRule rule{dimension.low, dimension.high, false, "a stance on this dimension's scale"};
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
    unique_id(party_ids, *id, party_view.location("id"), party_view.path("id"), "party");
    party.id = *id;
    party.name = *name;
    system.parties.push_back(std::move(party));
  });
  if (!ok) return;
  system.actor = *actor;
  std::set<std::string> office_ids;
  for_each_item(view, "offices", Need::required, [&](const YAML::Node& item, const std::string& item_path) {
    read_office(item, item_path, system, office_ids);
  });
  scenario_.politics.systems.push_back(std::move(system));
}

void Loader::read_office(const YAML::Node& node, const std::string& path, PoliticalSystem& system,
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
    reader_.error(view.location("id"), view.path("id"), fmt::format("duplicate office id '{}'", *id));
    ok = false;
  }
  const bool may_run_again = kind == OfficeKind::executive && office.term_limit != 1;
  auto runs_again = view.quantity("leader_runs_again_probability",
                                  may_run_again ? Need::required : Need::optional,
                                  probability_rule());
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
                      {"party", "leader", "since", "terms_served"});
    std::vector<std::string> party_names;
    for (const auto& party : system.parties) party_names.push_back(party.id);
    auto party = incumbent.text("party", Need::required);
    auto since = incumbent.date("since", Need::required);
    auto terms = incumbent.integer("terms_served", Need::optional, 1, 100);
    if (auto leader = incumbent.text("leader", Need::optional)) office.incumbent_leader = *leader;
    if (terms) office.terms_served = int(*terms);
    if (party) {
      bool found = false;
      for (std::size_t i = 0; i < system.parties.size(); ++i) {
        if (system.parties[i].id == *party) {
          office.incumbent_party = int(i);
          found = true;
        }
      }
      if (!found) {
        const std::string hint = did_you_mean(*party, party_names);
        reader_.error(incumbent.get("party"), incumbent.path("party"),
                      fmt::format("unknown party '{}'{}", *party,
                                  hint.empty() ? ", expected one of " + quoted_list(party_names)
                                               : hint));
        ok = false;
      }
    }
    if (since) {
      office.incumbent_since = *since;
      ok = not_after_start(*since, incumbent.location("since"), incumbent.path("since"),
                           "the incumbent's start") && ok;
    }
    if (office.term_limit > 0 && office.terms_served > office.term_limit) {
      reader_.error(incumbent.location("terms_served"), incumbent.path("terms_served"),
                    fmt::format("terms_served ({}) exceeds the office's term_limit ({})",
                                office.terms_served, office.term_limit));
      ok = false;
    }
    ok = ok && party && since && incumbent.valid();
  }
  std::optional<CalendarDate> previous;
  for_each_item(view, "elections", Need::required, [&](const YAML::Node& item, const std::string& item_path) {
    MapView election_view(reader_, item, item_path, {"date", "window", "kind", "source"});
    if (!election_view.valid()) {
      ok = false;
      return;
    }
    ScheduledElection election;
    auto kind_text = election_view.identifier("kind", Need::required, true, true);
    auto source = election_view.identifier("source", Need::required, true, false);
    if (source) cite(*source, election_view.location("source"), election_view.path("source"));
    const bool has_date = election_view.has("date");
    const bool has_window = election_view.has("window");
    bool item_ok = kind_text && source;
    if (has_date == has_window) {
      reader_.error(election_view.location(), item_path,
                    "give exactly one of 'date' (a known date) or 'window' (a list of two months "
                    "between which the date is uncertain)");
      item_ok = false;
    } else if (has_date) {
      auto date = election_view.date("date", Need::required);
      if (date) election.first = election.last = *date; else item_ok = false;
    } else {
      const YAML::Node window = election_view.get("window");
      if (!window.IsSequence() || window.size() != 2) {
        reader_.error(window, election_view.path("window"),
                      "expected a list of two dates [first, last], got " + describe_node(window));
        item_ok = false;
      } else {
        std::string why_first;
        std::string why_last;
        auto first = window[0].IsScalar() ? parse_calendar_date(window[0].Scalar(), &why_first)
                                          : std::nullopt;
        auto last = window[1].IsScalar() ? parse_calendar_date(window[1].Scalar(), &why_last)
                                         : std::nullopt;
        if (!first) {
          reader_.error(window[0], election_view.path("window") + "[0]",
                        "expected a date (YYYY-MM or YYYY-MM-DD), got " + describe_node(window[0]));
          item_ok = false;
        }
        if (!last) {
          reader_.error(window[1], election_view.path("window") + "[1]",
                        "expected a date (YYYY-MM or YYYY-MM-DD), got " + describe_node(window[1]));
          item_ok = false;
        }
        if (first && last) {
          if (*last < *first) {
            reader_.error(window, election_view.path("window"),
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
    if (item_ok && have_start_ && election.first.to_month() <= scenario_.info.start.to_month()) {
      reader_.error(election_view.location(), item_path,
                    fmt::format("the election ({}) is not after the scenario start {}; list only "
                                "future elections and set the incumbent from past ones",
                                election.first.to_string(), scenario_.info.start.to_string()));
      item_ok = false;
    }
    if (item_ok && previous && election.first <= *previous) {
      reader_.error(election_view.location(), item_path,
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
  for_each_item(root, "theatres", Need::optional, [&](const YAML::Node& node, const std::string& path) {
    MapView view(reader_, node, path, {"id", "name", "initial", "source", "transitions"});
    if (!view.valid()) return;
    Theatre theatre;
    auto id = view.identifier("id", Need::required, true, false);
    auto name = view.text("name", Need::required);
    auto initial = view.choice("initial", Need::required, kTheatreConditionNames);
    auto source = view.identifier("source", Need::required, true, false);
    if (source) cite(*source, view.location("source"), view.path("source"));
    bool ok = id && name && initial && source;
    if (!view.has("transitions")) {
      view.missing("transitions", "a mapping from a condition to monthly transition probabilities");
      ok = false;
    } else {
      MapView from_view(reader_, view.get("transitions"), view.path("transitions"), condition_names);
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
          upper_sum += probability->support_high();
          theatre.transitions[int(from)][int(to)] = *probability;
        }
        if (upper_sum > 1.0 + 1e-12) {
          reader_.error(from_view.location(from_name), from_view.path(from_name),
                        fmt::format("the monthly probabilities of leaving '{}' can add up to {:g}; "
                                    "expected their upper bounds to sum to at most 1",
                                    from_name, upper_sum));
          ok = false;
        }
      }
    }
    if (!ok) return;
    unique_id(seen, *id, view.location("id"), view.path("id"), "theatre");
    theatre.id = *id;
    theatre.name = *name;
    theatre.initial = *initial;
    theatre.source = *source;
    scenario_.theatres.push_back(std::move(theatre));
  });
}

void Loader::read_event_processes(MapView& root) {
  std::map<std::string, SourceLocation> seen;
  for_each_item(root, "event_processes", Need::optional, [&](const YAML::Node& node, const std::string& path) {
    MapView view(reader_, node, path, {"id", "name", "actor", "rate_per_month"});
    if (!view.valid()) return;
    auto id = view.identifier("id", Need::required, true, false);
    auto name = view.text("name", Need::required);
    std::optional<int> actor;
    if (!view.has("actor")) view.missing("actor", "an actor id");
    else actor = actor_reference(view.get("actor"), view.path("actor"));
    auto rate = view.quantity("rate_per_month", Need::required,
                              NumberRule{0.0, 1000.0, false, "a mean number of events per month"});
    if (rate) cite(*rate);
    if (!id || !name || !actor || !rate) return;
    unique_id(seen, *id, view.location("id"), view.path("id"), "event process");
    scenario_.event_processes.push_back(EventProcess{*id, *name, *actor, *rate});
  });
}

void Loader::read_mechanisms(MapView& root) {
  if (!root.valid() || !root.has("mechanisms")) return;
  const YAML::Node node = root.get("mechanisms");
  if (!node.IsMap()) {
    reader_.error(node, "mechanisms", "expected a mapping of mechanism names, got " + describe_node(node));
    return;
  }
  MapView view(reader_, node, "mechanisms", options_.known_mechanisms);
  if (!view.valid()) return;
  for (const auto& name : options_.known_mechanisms) {
    if (!view.has(name)) continue;
    MapView section_view(reader_, view.get(name), view.path(name), {"enabled", "parameters"});
    if (!section_view.valid()) continue;
    MechanismSection section;
    section.name = name;
    section.location = view.location(name);
    if (auto enabled = section_view.boolean("enabled", Need::optional)) section.enabled = *enabled;
    if (section_view.has("parameters")) {
      const YAML::Node parameters = section_view.get("parameters");
      if (!parameters.IsMap()) {
        reader_.error(parameters, section_view.path("parameters"),
                      "expected a mapping of parameter names to quantities, got " +
                          describe_node(parameters));
      } else {
        std::vector<std::string> names;
        for (const auto& entry : parameters) names.push_back(entry.first.as<std::string>(""));
        MapView parameter_view(reader_, parameters, section_view.path("parameters"), names);
        for (const auto& key : names) {
          auto quantity = parameter_view.quantity(key, Need::required, NumberRule{});
          if (quantity) {
            cite(*quantity);
            section.parameters.emplace(key, *quantity);
          }
        }
      }
    }
    scenario_.mechanisms.push_back(std::move(section));
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
  std::vector<std::string> ids;
  for (const auto& source : scenario_.sources) ids.push_back(source.id);
  for (const auto& reference : cited_) {
    bool found = false;
    for (const auto& id : ids) found = found || id == reference.id;
    if (found) continue;
    const std::string hint = did_you_mean(reference.id, ids);
    reader_.error(reference.location, reference.path,
                  fmt::format("unknown source '{}'{}", reference.id,
                              hint.empty() ? ", expected the id of an entry under 'sources'" : hint));
  }
}

}  // namespace

Scenario load_scenario_text(const std::string& text, const std::string& file_name,
                            const ScenarioLoadOptions& options) {
  if (text.size() > options.max_file_bytes) {
    throw InputError({Diagnostic{{file_name, 0, 0}, "",
                                 fmt::format("the file is {} bytes; scenario files are limited to "
                                             "{} bytes",
                                             text.size(), options.max_file_bytes)}});
  }
  Loader loader(file_name, options);
  return loader.load(text);
}

Scenario load_scenario_file(const std::string& path, const ScenarioLoadOptions& options) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    const char* why = std::filesystem::exists(path, error) ? "is not a regular file"
                                                           : "does not exist";
    throw InputError({Diagnostic{{path, 0, 0}, "", fmt::format("cannot read the scenario: the path {}", why)}});
  }
  const auto size = std::filesystem::file_size(path, error);
  if (!error && size > options.max_file_bytes) {
    throw InputError({Diagnostic{{path, 0, 0}, "",
                                 fmt::format("the file is {} bytes; scenario files are limited to "
                                             "{} bytes",
                                             size, options.max_file_bytes)}});
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw InputError({Diagnostic{{path, 0, 0}, "", "cannot open the file for reading"}});
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  return load_scenario_text(buffer.str(), path, options);
}

}  // namespace linchpin
