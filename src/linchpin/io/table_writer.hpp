#pragma once
// Writes one table of rows to a new SQLite file, plus a `meta` key/value table describing where
// the rows came from. Generic: knows nothing about what the columns mean.
//
// The rows go to `<path>.partial`, which replaces `path` only when finish() succeeds, so a
// failed or interrupted export never leaves a half-written file under the requested name (and
// with overwrite, the old file survives a failure).
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace linchpin {

class Database;
class Statement;

struct TableColumn {
  std::string name;
  bool numeric = true;  // NUMERIC affinity (integers and reals stored as numbers), else TEXT
};

// A missing cell (nullopt) is stored as NULL.
using TableRow = std::vector<std::optional<std::string>>;
using TableMetadata = std::vector<std::pair<std::string, std::string>>;

class SqliteTableWriter {
 public:
  // `table` must be a plain identifier (letters, digits, underscore); `meta` is reserved.
  SqliteTableWriter(std::string path, std::string table, std::vector<TableColumn> columns,
                    bool overwrite);
  ~SqliteTableWriter();
  SqliteTableWriter(const SqliteTableWriter&) = delete;
  SqliteTableWriter& operator=(const SqliteTableWriter&) = delete;

  void add_row(const TableRow& cells);
  // Writes `meta` (key, value), commits and moves the file to its final name.
  void finish(const TableMetadata& meta);
  std::size_t rows() const { return rows_; }

 private:
  static void insert(Statement& statement, const TableRow& cells);

  std::string path_;
  std::string partial_path_;
  std::string table_;
  std::size_t columns_ = 0;
  bool overwrite_ = false;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Statement> insert_;
  std::size_t rows_ = 0;
  bool finished_ = false;
};

}  // namespace linchpin
