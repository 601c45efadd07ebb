#pragma once
// A streaming CSV reader with typed field access and precise errors.
//
// Rows are read one at a time (the data sets are read in place and may be large). Every
// problem is reported as a Diagnostic at `file:line:column` with the column's name as key, so
// the message reads `file:12:5: error: milex: expected a number, found 'abc'`.
#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linchpin/core/error.hpp"

namespace linchpin::analytics {

// One bad data row that a reader skipped, with the reason.
using RejectedRow = Diagnostic;

// A reader's output: the good records plus every row it had to reject.
template <typename Record>
struct ReadResult {
  std::vector<Record> records;
  std::vector<RejectedRow> rejected;
  std::int64_t data_rows = 0;  // rows seen after the header, good or bad

  // Throws InputError listing every rejected row; for callers that need a complete data set.
  const ReadResult& require_clean() const {
    if (!rejected.empty()) throw InputError(rejected);
    return *this;
  }
};

// Thrown inside a row parser to reject the current row; carries the diagnostic.
struct RowError {
  Diagnostic diagnostic;
};

class CsvReader {
 public:
  // Opens the file and reads its header; throws InputError if it cannot be opened or is empty.
  explicit CsvReader(std::string path);

  const std::string& path() const { return path_; }
  const std::vector<std::string>& header() const { return header_; }

  // Checks the header names the given columns in this order (extra columns at the end are
  // allowed only if `allow_extra`); throws InputError at line 1 otherwise.
  void require_header(const std::vector<std::string>& expected, bool allow_extra = false) const;
  // Index of a named column or nullopt.
  std::optional<std::size_t> column_index(std::string_view name) const;

  // Advances to the next non-empty row; false at end of file. Throws RowError for a row whose
  // field count differs from the header's or that has an unterminated quote.
  bool next_row();
  int line() const { return line_; }
  // Data rows seen so far (good or bad), not counting the header and blank lines.
  std::int64_t rows_read() const { return rows_read_; }

  // Typed access to the current row. All throw RowError with a precise diagnostic.
  std::string_view text(std::size_t column) const;
  std::int64_t integer(std::size_t column) const;
  double number(std::size_t column) const;
  // Number, or nullopt when the field equals `missing_code` text (e.g. "-9") or is empty.
  std::optional<double> number_or_missing(std::size_t column, std::string_view missing_code) const;
  // 0 or 1, as used by the alliance type flags.
  bool flag(std::size_t column) const;

  [[noreturn]] void reject(std::size_t column, std::string message) const;

 private:
  bool read_line(std::string& line);
  void split(const std::string& line, std::vector<std::string>& fields, bool& unterminated) const;

  std::string path_;
  std::ifstream stream_;
  std::vector<std::string> header_;
  std::vector<std::string> fields_;
  std::string buffer_;
  int line_ = 0;
  std::int64_t rows_read_ = 0;
};

// Reads every row of a CSV file with `parse_row(reader) -> Record`, collecting rows that throw
// RowError as rejected. Header problems throw InputError (nothing can be read then).
template <typename Record, typename ParseRow>
ReadResult<Record> read_csv_rows(CsvReader& reader, ParseRow parse_row) {
  ReadResult<Record> result;
  while (true) {
    try {
      if (!reader.next_row()) break;
      result.records.push_back(parse_row(reader));
    } catch (const RowError& error) {
      result.rejected.push_back(error.diagnostic);
    }
  }
  result.data_rows = reader.rows_read();
  return result;
}

}  // namespace linchpin::analytics
