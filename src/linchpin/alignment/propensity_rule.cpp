#include "linchpin/alignment/propensity_rule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "linchpin/analytics/alliance_similarity.hpp"
#include "linchpin/analytics/cinc.hpp"
#include "linchpin/analytics/data/data_folder.hpp"
#include "linchpin/analytics/data/mid_reader.hpp"
#include "linchpin/analytics/dispute_history.hpp"
#include "linchpin/analytics/state_membership.hpp"

namespace linchpin::alignment {

std::vector<double> propensities_from_evidence(std::size_t n,
                                               const std::vector<DyadEvidence>& evidence,
                                               const PropensityRule& rule) {
  double sum = 0.0;
  int known = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      if (const auto& s = evidence[i * n + j].s_score) {
        sum += *s;
        ++known;
      }
  const double mean = known > 0 ? sum / known : 0.0;
  double spread = 0.0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      if (const auto& s = evidence[i * n + j].s_score)
        spread = std::max(spread, std::abs(*s - mean));
  std::vector<double> propensities(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const auto& e = evidence[i * n + j];
      const double tie = e.alliance_level / 3.0;
      const double similar = e.s_score && spread > 0 ? (*e.s_score - mean) / spread : 0.0;
      const double hostile = e.max_hostility / 5.0;
      const double p = rule.alliance_weight * tie + rule.similarity_weight * similar -
                       rule.dispute_weight * hostile;
      propensities[i * n + j] = p;
      propensities[j * n + i] = p;
    }
  return propensities;
}

DataLandscape landscape_from_data(const std::string& data_folder,
                                  const DataLandscapeRequest& request) {
  using namespace analytics;
  const std::size_t n = request.ccodes.size();
  if (n < 2)
    throw_input_error({}, "states", fmt::format("at least two states are needed, found {}", n));
  if (request.rule.dispute_window < 1)
    throw_input_error({}, "dispute_window", "expected at least 1 year");
  DataLandscape result;
  auto file = [&](const char* name) {
    result.files.push_back(data_file(data_folder, name));
    return result.files.back();
  };
  const auto spells = read_state_system(file(DataFiles::states));
  spells.require_clean();
  const auto nmc =
      read_nmc(file(request.nmc_version == "6" ? DataFiles::nmc_v6 : DataFiles::nmc_v7));
  nmc.rows.require_clean();
  const auto cinc = compute_cinc(nmc.rows.records);
  const MembershipIndex members(spells.records,
                                std::max(cinc.empty() ? 0 : cinc.back().year, 2018));
  const bool atop = request.alliances == AllianceSource::atop;
  const auto alliances = atop ? read_atop_alliances(file(DataFiles::atop_alliances))
                              : read_cow_alliances(file(DataFiles::cow_alliances));
  alliances.rows.require_clean();
  const auto mids = read_cow_mid_dyad_years(file(MidFiles::cow));
  mids.rows.require_clean();

  std::map<int, std::size_t> index;
  for (std::size_t i = 0; i < n; ++i) {
    const int ccode = request.ccodes[i];
    if (!index.emplace(ccode, i).second)
      throw_input_error({}, "states", fmt::format("state {} is listed twice", ccode));
    if (!members.contains(ccode, request.year))
      throw_input_error({}, "states",
                        fmt::format("state {} is not a system member in {}", ccode, request.year));
  }
  Landscape& landscape = result.landscape;
  landscape.location = {fmt::format("{} data for {}", data_folder, request.year), 0, 0};
  for (std::size_t i = 0; i < n; ++i) {
    const int ccode = request.ccodes[i];
    std::string name = i < request.names.size() ? request.names[i] : "";
    if (name.empty())
      for (const auto& spell : spells.records)
        if (spell.ccode == ccode) name = spell.state_abbreviation;
    const auto row = std::find_if(cinc.begin(), cinc.end(), [&](const StateYearCinc& c) {
      return c.ccode == ccode && c.year == request.year;
    });
    if (row == cinc.end() || !row->cinc)
      throw_input_error({}, "states",
                        fmt::format("no CINC for {} ({}) in {}", name, ccode, request.year));
    landscape.actors.push_back({name, *row->cinc, {}});
  }

  result.evidence.assign(n * n, {});
  auto at = [&](int a, int b) -> DyadEvidence& {
    return result.evidence[index.at(a) * n + index.at(b)];
  };
  for (const auto& tie : alliances.rows.records) {
    if (tie.year != request.year || !index.count(tie.ccode1) || !index.count(tie.ccode2)) continue;
    const int level = alliance_level(tie.types);
    for (auto* e : {&at(tie.ccode1, tie.ccode2), &at(tie.ccode2, tie.ccode1)})
      e->alliance_level = std::max(e->alliance_level, level);
  }
  SimilarityOptions similarity{request.year, request.year, request.ccodes};
  for (const auto& d : similarity_panel(alliances, members, cinc, similarity)) {
    at(d.ccode1, d.ccode2).s_score = d.s_unweighted;
    at(d.ccode2, d.ccode1).s_score = d.s_unweighted;
  }
  const DisputeHistoryOptions window{request.year - request.rule.dispute_window + 1, request.year,
                                     request.ccodes};
  for (const auto& h : dispute_history(mids.rows.records, window)) {
    const int level = h.max_hostlev.value_or(0);
    at(h.ccode1, h.ccode2).max_hostility = level;
    at(h.ccode2, h.ccode1).max_hostility = level;
  }
  landscape.propensities = propensities_from_evidence(n, result.evidence, request.rule);
  validate_landscape(landscape);
  return result;
}

}  // namespace linchpin::alignment
