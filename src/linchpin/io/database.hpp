#pragma once
// The SQLite plumbing every results file shares: a connection, prepared statements, the
// "never overwrite without permission" rule and UTC timestamps.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>

namespace linchpin {

// RAII owner of a SQLite connection; failures throw Error (InputError when it cannot open).
class Database {
 public:
  Database(const std::string& path, bool read_only);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  sqlite3* handle() const { return db_; }
  void execute(const std::string& sql);
  const std::string& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

// A prepared statement with typed binding. `run` executes a statement that returns no rows and
// resets it for the next bindings; `next` steps through a query's rows.
class Statement {
 public:
  Statement(Database& db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);  // NaN is stored as NULL
  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, const std::optional<std::string>& value);  // nullopt is NULL
  void run();
  bool next();

  std::string text(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;  // NULL reads as NaN

 private:
  [[noreturn]] void fail() const;
  Database& db_;
  sqlite3_stmt* statement_ = nullptr;
};

// Throws InputError when `path` exists and `overwrite` is false.
void check_output_path(const std::string& path, bool overwrite);

// Removes a database file and its rollback journal, if present.
void remove_database_files(const std::string& path);

// Removes `path` and its rollback journal if present and creates its parent folders, so a new
// database can be created there.
void prepare_database_path(const std::string& path);

// Now, as "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_timestamp();

}  // namespace linchpin
