#pragma once
// Reader for the SIPRI Military Expenditure Database in long format (one row per country-year),
// as prepared in shared/data from the 2021 and April-2024 releases. Names are SIPRI's and
// differ between releases ("USA" vs "United States of America"); there are no COW codes.
#include <optional>
#include <string>

#include "linchpin/analytics/data/csv_reader.hpp"

namespace linchpin::analytics {

// The constant-USD sheet's cell marker: a value, ". ." (no data) or "xxx" (not independent).
enum class SipriStatus { ok, unavailable, not_independent };

struct SipriRecord {
  std::string country;  // as spelt by SIPRI in that release
  std::string subregion;
  int year = 0;
  std::optional<double> constant_usd_m;  // million US$ at the release's constant prices
  std::optional<double> current_usd_m;   // million current US$
  std::optional<double> share_of_gdp;    // a fraction (0.0267 = 2.67%); can exceed 1
  SipriStatus status = SipriStatus::ok;
};

struct SipriData {
  int price_year = 0;  // the constant-price base year, from the header (2019 or 2022)
  ReadResult<SipriRecord> rows;
};

// File names in the data folder (see shared/data/SOURCES.md).
struct SipriFiles {
  static constexpr const char* release_2021 = "sipri_milex_1949_2020.csv";
  static constexpr const char* release_2024 = "sipri_milex_1949_2023.csv";
};

// Reads either release; the constant-price column `milex_constYYYY_usd_m` gives price_year.
SipriData read_sipri_milex(const std::string& path);

const char* sipri_status_name(SipriStatus status);

}  // namespace linchpin::analytics
