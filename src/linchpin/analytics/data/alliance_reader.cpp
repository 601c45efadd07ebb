#include "linchpin/analytics/data/alliance_reader.hpp"

#include <fmt/format.h>

#include <array>

namespace linchpin::analytics {

namespace {
template <std::size_t N>
ReadResult<AllianceDyadYear> read_alliance_rows(CsvReader& reader,
                                                const std::array<std::uint8_t, N>& flag_columns,
                                                bool require_ordered_pair) {
  return read_csv_rows<AllianceDyadYear>(reader, [&](const CsvReader& row) {
    AllianceDyadYear tie;
    tie.ccode1 = int(row.integer(0));
    tie.ccode2 = int(row.integer(1));
    tie.year = int(row.integer(2));
    if (tie.ccode1 == tie.ccode2) row.reject(1, "a state cannot be allied with itself");
    if (require_ordered_pair && tie.ccode1 > tie.ccode2)
      row.reject(1, fmt::format("undirected file expects ccode1 < ccode2, found {} > {}",
                                tie.ccode1, tie.ccode2));
    for (std::size_t i = 0; i < N; ++i)
      if (row.flag(3 + i)) tie.types |= flag_columns[i];
    return tie;
  });
}
}  // namespace

AllianceData read_cow_alliances(const std::string& path) {
  CsvReader reader(path);
  reader.require_header(
      {"ccode1", "ccode2", "year", "cow_defense", "cow_neutral", "cow_nonagg", "cow_entente"});
  AllianceData data;
  data.source = AllianceSource::cow;
  data.directed = false;
  const std::array<std::uint8_t, 4> flags = {kDefense, kNeutrality, kNonaggression, kEntente};
  data.rows = read_alliance_rows(reader, flags, true);
  return data;
}

AllianceData read_atop_alliances(const std::string& path) {
  CsvReader reader(path);
  reader.require_header({"ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral",
                         "atop_nonagg", "atop_consul"});
  AllianceData data;
  data.source = AllianceSource::atop;
  data.directed = true;
  const std::array<std::uint8_t, 5> flags = {kDefense, kOffense, kNeutrality, kNonaggression,
                                             kConsultation};
  data.rows = read_alliance_rows(reader, flags, false);
  return data;
}

}  // namespace linchpin::analytics
