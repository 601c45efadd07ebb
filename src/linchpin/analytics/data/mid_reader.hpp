#pragma once
// Readers for the militarized interstate dispute (MID) directed dyad-year files built by
// peacesciencer: COW MID v5.0 and Gibler-Miller-Little (GML) MID v2.2.1. Both list every
// dyad-year in both directions and keep one dispute per dyad-year ("whittled"). Dyads are
// "naive": every side-A state paired with every side-B state, so a participant's hostility
// and fatality levels are its own in the whole dispute, not necessarily towards this partner.
#include <optional>
#include <string>

#include "linchpin/analytics/data/csv_reader.hpp"

namespace linchpin::analytics {

struct MidDyadYear {
  int dispnum = 0;
  int ccode1 = 0;
  int ccode2 = 0;
  int year = 0;
  bool onset = false;  // the dispute began for this dyad in this year
  int hostlev1 = 0;    // 1 no militarized action ... 5 war (participant level)
  int hostlev2 = 0;
  std::optional<int> fatality1;  // 0 none ... 6 more than 999 deaths; nullopt for -9
  std::optional<int> fatality2;
  int hostlev = 0;              // the dispute's highest level over all participants
  std::optional<int> fatality;  // the dispute's fatality level
};

enum class MidSource { cow, gml };

struct MidData {
  MidSource source = MidSource::cow;
  ReadResult<MidDyadYear> rows;
};

// File names in the data folder (see shared/data/SOURCES.md).
struct MidFiles {
  static constexpr const char* cow = "cow_mid5_ddy_disputes_peacesciencer.csv";
  static constexpr const char* gml = "gml_mid2.2.1_ddy_disputes_peacesciencer.csv";
};

MidData read_cow_mid_dyad_years(const std::string& path);
MidData read_gml_mid_dyad_years(const std::string& path);

const char* mid_source_name(MidSource source);

}  // namespace linchpin::analytics
