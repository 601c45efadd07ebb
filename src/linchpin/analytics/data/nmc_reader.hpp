#pragma once
// Reader for the COW National Material Capabilities (NMC) abridged files, v6.0 and v7.0.
#include <array>
#include <optional>
#include <string>

#include "linchpin/analytics/data/csv_reader.hpp"

namespace linchpin::analytics {

// The six NMC components, in the files' column order.
enum class NmcComponent {
  military_expenditure,
  military_personnel,
  iron_steel,
  energy,
  total_population,
  urban_population
};
inline constexpr std::size_t kNmcComponentCount = 6;
inline constexpr std::array<const char*, kNmcComponentCount> kNmcComponentColumns = {
    "milex", "milper", "irst", "pec", "tpop", "upop"};

// One state-year. A component is nullopt where the file has COW's missing code -9.
struct NmcRecord {
  std::string state_abbreviation;
  int ccode = 0;
  int year = 0;
  std::array<std::optional<double>, kNmcComponentCount> components;
  std::optional<double> published_cinc;
};

// v6.0 has a trailing `version` column; v7.0 (peacesciencer build) does not.
enum class NmcLayout { v6_0, v7_0 };

struct NmcData {
  NmcLayout layout = NmcLayout::v7_0;
  std::string version_field;  // the v6 `version` value (e.g. "2021"), empty for v7
  ReadResult<NmcRecord> rows;
};

// Reads an NMC file, detecting the layout from its header. Rows with text in numeric columns,
// negative values other than -9, or the wrong number of fields are rejected with the reason.
NmcData read_nmc(const std::string& path);

const char* nmc_layout_name(NmcLayout layout);

}  // namespace linchpin::analytics
