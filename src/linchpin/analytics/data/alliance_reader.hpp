#pragma once
// Readers for alliance dyad-year data: COW Formal Alliances v4.1 (undirected, ccode1 < ccode2)
// and ATOP 5.1 (directed: the row's obligations are ccode1's towards ccode2).
#include <cstdint>
#include <string>

#include "linchpin/analytics/data/csv_reader.hpp"

namespace linchpin::analytics {

// Alliance obligation types as bit flags; COW has no offense/consultation, ATOP no entente.
enum AllianceTypeFlag : std::uint8_t {
  kDefense = 1,
  kOffense = 2,
  kNeutrality = 4,
  kNonaggression = 8,
  kEntente = 16,
  kConsultation = 32,
};

struct AllianceDyadYear {
  int ccode1 = 0;
  int ccode2 = 0;
  int year = 0;
  std::uint8_t types = 0;  // AllianceTypeFlag bits
};

enum class AllianceSource { cow, atop };

struct AllianceData {
  AllianceSource source = AllianceSource::cow;
  bool directed = false;  // COW rows stand for both directions, ATOP rows for one
  ReadResult<AllianceDyadYear> rows;
};

AllianceData read_cow_alliances(const std::string& path);
AllianceData read_atop_alliances(const std::string& path);

}  // namespace linchpin::analytics
