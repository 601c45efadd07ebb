#pragma once
// Where the public data sets live and what each file is called. Data are read in place.
#include <optional>
#include <string>
#include <vector>

namespace linchpin::analytics {

// Environment variable naming the data folder when --data is not given.
inline constexpr const char* kDataFolderVariable = "LINCHPIN_DATA";

// `option` if non-empty, else $LINCHPIN_DATA; throws InputError when neither names a folder.
std::string resolve_data_folder(const std::string& option);

// The known file names (as published in shared/data, see its SOURCES.md).
struct DataFiles {
  static constexpr const char* nmc_v6 = "NMC-60-abridged.csv";
  static constexpr const char* nmc_v7 = "NMC-70-abridged_peacesciencer.csv";
  static constexpr const char* states = "states2016.csv";
  static constexpr const char* major_powers = "cow_majors2016.csv";
  static constexpr const char* cow_alliances = "cow_alliance_v4.1_dyad_year.csv";
  static constexpr const char* atop_alliances = "atop5_1_ddyr.csv";
};

// folder/name, checking that the file exists; throws InputError naming the file otherwise.
std::string data_file(const std::string& folder, const char* name);

}  // namespace linchpin::analytics
