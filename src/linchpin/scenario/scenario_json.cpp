#include "linchpin/scenario/scenario_json.hpp"

namespace linchpin {

nlohmann::json quantity_to_json(const Quantity& quantity) {
  nlohmann::json json;
  switch (quantity.kind) {
    case DistributionKind::fixed:
      json["value"] = quantity.value;
      break;
    case DistributionKind::uniform:
      json["distribution"] = "uniform";
      json["low"] = quantity.low;
      json["high"] = quantity.high;
      break;
    case DistributionKind::normal:
      json["distribution"] = "normal";
      json["mean"] = quantity.mean;
      json["sd"] = quantity.sd;
      if (quantity.has_low) json["low"] = quantity.low;
      if (quantity.has_high) json["high"] = quantity.high;
      if (!quantity.correlated_with.empty()) {
        json["correlated_with"] = quantity.correlated_with;
        json["correlation"] = quantity.correlation;
      }
      break;
    case DistributionKind::triangular:
      json["distribution"] = "triangular";
      json["low"] = quantity.low;
      json["mode"] = quantity.mode;
      json["high"] = quantity.high;
      break;
    case DistributionKind::beta:
      json["distribution"] = "beta";
      json["alpha"] = quantity.alpha;
      json["beta"] = quantity.beta;
      break;
    case DistributionKind::empirical:
      json["distribution"] = "empirical";
      json["values"] = quantity.values;
      if (!quantity.draw_group.empty()) json["draw_group"] = quantity.draw_group;
      break;
  }
  if (!quantity.source.empty()) json["source"] = quantity.source;
  if (!quantity.unit.empty()) json["unit"] = quantity.unit;
  if (!quantity.note.empty()) json["note"] = quantity.note;
  return json;
}

namespace {
nlohmann::json quantity_map(const std::map<std::string, Quantity>& map) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [name, quantity] : map) json[name] = quantity_to_json(quantity);
  return json;
}
}  // namespace

nlohmann::json scenario_to_json(const Scenario& scenario) {
  const auto& s = scenario.definition();
  const auto actor_id = [&](int index) { return s.actors[index].id; };
  nlohmann::json json;
  json["linchpin"] = s.language_version;
  json["scenario"] = {{"name", s.info.name},
                      {"title", s.info.title},
                      {"description", s.info.description},
                      {"start", s.info.start.to_string()},
                      {"horizon_months", s.info.horizon_months}};
  for (const auto& source : s.sources) {
    json["sources"].push_back({{"id", source.id},
                               {"kind", enum_name(kSourceKindNames, source.kind)},
                               {"citation", source.citation},
                               {"url", source.url}});
  }
  for (const auto& actor : s.actors) {
    nlohmann::json a = {{"id", actor.id},
                        {"name", actor.name},
                        {"kind", enum_name(kActorKindNames, actor.kind)},
                        {"cow_code", actor.cow_code}};
    if (actor.capabilities) {
      const auto& c = *actor.capabilities;
      const auto component = [](const std::optional<double>& v) -> nlohmann::json {
        return v ? nlohmann::json(*v) : nlohmann::json("missing");
      };
      a["capabilities"] = {{"year", c.year},
                           {"source", c.source},
                           {"milex", component(c.milex)},
                           {"milper", component(c.milper)},
                           {"irst", component(c.irst)},
                           {"pec", component(c.pec)},
                           {"tpop", component(c.tpop)},
                           {"upop", component(c.upop)}};
      if (!c.note.empty()) a["capabilities"]["note"] = c.note;
    }
    if (actor.nuclear) {
      a["nuclear"] = {{"warheads", quantity_to_json(actor.nuclear->warheads)},
                      {"doctrine",
                       {{"value", enum_name(kNuclearDoctrineNames, actor.nuclear->doctrine)},
                        {"source", actor.nuclear->doctrine_source}}}};
    }
    a["attributes"] = quantity_map(actor.attributes);
    json["actors"].push_back(a);
  }
  json["alliances"] = nlohmann::json::array();
  for (const auto& alliance : s.alliances) {
    nlohmann::json a = {{"id", alliance.id},
                        {"name", alliance.name},
                        {"kind", enum_name(kAllianceKindNames, alliance.kind)},
                        {"treaty", alliance.treaty},
                        {"signed", alliance.signed_on.to_string()},
                        {"source", alliance.source}};
    for (int member : alliance.members) a["members"].push_back(actor_id(member));
    if (alliance.in_force) a["in_force"] = alliance.in_force->to_string();
    a["instruments"] = nlohmann::json::array();
    for (const auto& instrument : alliance.instruments) {
      a["instruments"].push_back({{"id", instrument.id},
                                  {"name", instrument.name},
                                  {"kind", enum_name(kInstrumentKindNames, instrument.kind)},
                                  {"established", instrument.established.to_string()},
                                  {"source", instrument.source},
                                  {"parameters", quantity_map(instrument.parameters)}});
    }
    json["alliances"].push_back(a);
  }
  json["trade"] = nlohmann::json::array();
  for (const auto& flow : s.trade) {
    json["trade"].push_back({{"between", {actor_id(flow.first), actor_id(flow.second)}},
                             {"year", flow.year},
                             {"value", quantity_to_json(flow.value)}});
  }
  json["rivalries"] = nlohmann::json::array();
  for (const auto& rivalry : s.rivalries) {
    json["rivalries"].push_back({{"between", {actor_id(rivalry.first), actor_id(rivalry.second)}},
                                 {"kind", enum_name(kRivalryKindNames, rivalry.kind)},
                                 {"since", rivalry.since.to_string()},
                                 {"source", rivalry.source},
                                 {"note", rivalry.note}});
  }
  nlohmann::json politics;
  politics["stance_dimensions"] = nlohmann::json::array();
  for (const auto& d : s.politics.stance_dimensions) {
    politics["stance_dimensions"].push_back(
        {{"id", d.id}, {"description", d.description}, {"low", d.low}, {"high", d.high}});
  }
  politics["actors"] = nlohmann::json::array();
  for (const auto& system : s.politics.systems) {
    nlohmann::json sys = {{"actor", actor_id(system.actor)}};
    for (const auto& party : system.parties) {
      nlohmann::json p = {{"id", party.id}, {"name", party.name}};
      for (std::size_t d = 0; d < party.stances.size(); ++d)
        p["stances"][s.politics.stance_dimensions[d].id] = quantity_to_json(party.stances[d]);
      sys["parties"].push_back(p);
    }
    for (const auto& office : system.offices) {
      nlohmann::json o = {{"id", office.id},
                          {"kind", enum_name(kOfficeKindNames, office.kind)},
                          {"incumbent",
                           {{"party", system.parties[office.incumbent_party].id},
                            {"leader", office.incumbent_leader},
                            {"source", office.incumbent_source},
                            {"since", office.incumbent_since.to_string()},
                            {"terms_served", office.terms_served}}},
                          {"term_limit", office.term_limit},
                          {"recurrence_months", office.recurrence_months},
                          {"incumbent_party_win_probability",
                           quantity_to_json(office.incumbent_party_win_probability)},
                          {"leader_runs_again_probability",
                           quantity_to_json(office.leader_runs_again_probability)}};
      for (std::size_t d = 0; d < office.incumbent_stances.size(); ++d)
        if (office.incumbent_stances[d])
          o["incumbent"]["stances"][s.politics.stance_dimensions[d].id] =
              quantity_to_json(*office.incumbent_stances[d]);
      for (const auto& election : office.elections) {
        nlohmann::json e = {{"kind", election.kind}, {"source", election.source}};
        if (election.is_window())
          e["window"] = {election.first.to_string(), election.last.to_string()};
        else
          e["date"] = election.first.to_string();
        o["elections"].push_back(e);
      }
      sys["offices"].push_back(o);
    }
    politics["actors"].push_back(sys);
  }
  json["politics"] = politics;
  json["theatres"] = nlohmann::json::array();
  for (const auto& theatre : s.theatres) {
    nlohmann::json t = {{"id", theatre.id},
                        {"name", theatre.name},
                        {"initial", enum_name(kTheatreConditionNames, theatre.initial)},
                        {"source", theatre.source},
                        {"attention_weight", theatre.attention_weight},
                        {"entrapment_weight", theatre.entrapment_weight}};
    t["transitions"] = nlohmann::json::object();
    for (int from = 0; from < 3; ++from)
      for (int to = 0; to < 3; ++to)
        if (theatre.transitions[from][to])
          t["transitions"][std::string(enum_name(kTheatreConditionNames, TheatreCondition(from)))]
           [std::string(enum_name(kTheatreConditionNames, TheatreCondition(to)))] =
               quantity_to_json(*theatre.transitions[from][to]);
    json["theatres"].push_back(t);
  }
  json["event_processes"] = nlohmann::json::array();
  for (const auto& process : s.event_processes) {
    nlohmann::json entry = {
        {"id", process.id}, {"name", process.name}, {"actor", actor_id(process.actor)}};
    // Regime-driven and modulated processes have no rate of their own.
    if (process.regimes.empty() && process.modulated_by < 0)
      entry["rate_per_month"] = quantity_to_json(process.rate_per_month);
    if (process.tension_elasticity)
      entry["tension_elasticity"] = quantity_to_json(*process.tension_elasticity);
    if (!process.regimes.empty()) {
      nlohmann::json states = nlohmann::json::array();
      for (const auto& regime : process.regimes) {
        nlohmann::json state = {
            {"id", regime.id},
            {"rate_per_month", quantity_to_json(regime.rate_per_month)},
            {"initial_probability", quantity_to_json(regime.initial_probability)}};
        if (regime.dispersion_per_year)
          state["dispersion_per_year"] = quantity_to_json(*regime.dispersion_per_year);
        for (const auto& [to, probability] : regime.switch_per_month)
          state["switch_per_month"][process.regimes[std::size_t(to)].id] =
              quantity_to_json(probability);
        states.push_back(state);
      }
      entry["regimes"] = {{"states", states}};
      if (process.switch_tension_elasticity)
        entry["regimes"]["tension_elasticity"] =
            quantity_to_json(*process.switch_tension_elasticity);
    }
    if (process.modulated_by >= 0) {
      const auto& parent = s.event_processes[std::size_t(process.modulated_by)];
      entry["modulated_by"] = parent.id;
      for (std::size_t k = 0; k < process.rate_per_regime.size(); ++k)
        entry["rate_per_regime"][parent.regimes[k].id] =
            quantity_to_json(process.rate_per_regime[k]);
    }
    if (process.joined_by >= 0 && process.join_probability)
      entry["joined_by"] = {{"actor", actor_id(process.joined_by)},
                            {"probability", quantity_to_json(*process.join_probability)}};
    json["event_processes"].push_back(entry);
  }
  json["mechanisms"] = nlohmann::json::object();
  for (const auto& section : s.mechanisms) {
    json["mechanisms"][section.name] = {{"enabled", section.enabled},
                                        {"parameters", quantity_map(section.parameters)}};
  }
  json["run"] = {
      {"trials", s.run.trials}, {"seed", s.run.seed}, {"trace_trials", s.run.trace_trials}};
  return json;
}

}  // namespace linchpin
