#include "linchpin/analytics/data/military_expenditure_reader.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>

#include "linchpin/analytics/data/value_checks.hpp"

namespace linchpin::analytics {

namespace {
constexpr std::string_view kConstantPrefix = "milex_const";
constexpr std::string_view kConstantSuffix = "_usd_m";
constexpr std::array<SipriStatus, 3> kStatuses = {SipriStatus::ok, SipriStatus::unavailable,
                                                  SipriStatus::not_independent};

// The year in `milex_constYYYY_usd_m`, or 0 when the name has another shape.
int price_year_of(std::string_view column) {
  if (column.size() != kConstantPrefix.size() + 4 + kConstantSuffix.size() ||
      !column.starts_with(kConstantPrefix) || !column.ends_with(kConstantSuffix))
    return 0;
  const auto digits = column.substr(kConstantPrefix.size(), 4);
  int year = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), year);
  return error == std::errc() && end == digits.data() + digits.size() ? year : 0;
}

SipriStatus status_of(const CsvReader& row, std::size_t column) {
  const auto text = row.text(column);
  for (const auto status : kStatuses)
    if (text == sipri_status_name(status)) return status;
  row.reject(column, fmt::format("expected ok, unavailable or not_independent, found '{}'", text));
}
}  // namespace

const char* sipri_status_name(SipriStatus status) {
  switch (status) {
    case SipriStatus::ok:
      return "ok";
    case SipriStatus::unavailable:
      return "unavailable";
    case SipriStatus::not_independent:
      return "not_independent";
  }
  return "";
}

SipriData read_sipri_milex(const std::string& path) {
  CsvReader reader(path);
  SipriData data;
  const auto& header = reader.header();
  data.price_year = header.size() > 3 ? price_year_of(header[3]) : 0;
  const std::string constant_column = data.price_year > 0 ? header[3] : "milex_constYYYY_usd_m";
  reader.require_header({"country", "subregion", "year", constant_column, "milex_current_usd_m",
                         "milex_share_gdp", "status"});
  data.rows = read_csv_rows<SipriRecord>(reader, [](const CsvReader& row) {
    SipriRecord record;
    record.country = std::string(row.text(0));
    if (record.country.empty()) row.reject(0, "missing country name");
    record.subregion = std::string(row.text(1));
    record.year = int(integer_in_range(row, 2, 1900, 2100));
    record.constant_usd_m = non_negative_or_missing(row, 3, "");
    record.current_usd_m = non_negative_or_missing(row, 4, "");
    record.share_of_gdp = non_negative_or_missing(row, 5, "");
    record.status = status_of(row, 6);
    return record;
  });
  return data;
}

}  // namespace linchpin::analytics
