#include "linchpin/io/table_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "linchpin/core/error.hpp"
#include "linchpin/io/results_store.hpp"

namespace linchpin {

namespace {
bool plain_identifier(const std::string& name) {
  return !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
         });
}

void remove_database(const std::string& path) {
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  std::filesystem::remove(path + "-journal", ignored);
}
}  // namespace

void check_output_path(const std::string& path, bool overwrite) {
  std::error_code error;
  if (!overwrite && std::filesystem::exists(path, error))
    throw_input_error({path, 0, 0}, "",
                      "the output file already exists; choose another --out or pass --force to "
                      "replace it");
}

SqliteTableWriter::SqliteTableWriter(std::string path, std::string table,
                                     std::vector<TableColumn> columns, bool overwrite)
    : path_(std::move(path)),
      partial_path_(path_ + ".partial"),
      table_(std::move(table)),
      columns_(columns.size()),
      overwrite_(overwrite) {
  check_output_path(path_, overwrite_);
  if (!plain_identifier(table_) || table_ == "meta")
    throw Error(fmt::format("table name '{}' is not a plain identifier", table_));
  if (columns.empty()) throw Error("a table needs at least one column");
  std::vector<std::string> definitions, placeholders;
  for (const auto& column : columns) {
    if (!plain_identifier(column.name))
      throw Error(fmt::format("column name '{}' is not a plain identifier", column.name));
    definitions.push_back(
        fmt::format("\"{}\" {}", column.name, column.numeric ? "NUMERIC" : "TEXT"));
    placeholders.push_back("?");
  }
  const auto parent = std::filesystem::path(path_).parent_path();
  std::error_code ignored;
  if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
  remove_database(partial_path_);  // left over from an earlier failed export
  try {
    db_ = std::make_unique<Database>(partial_path_, false);
    db_->execute("PRAGMA synchronous=OFF;");
    db_->execute("BEGIN;");
    db_->execute(fmt::format("CREATE TABLE \"{}\" ({});", table_, fmt::join(definitions, ", ")));
    db_->execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
    const auto insert =
        fmt::format("INSERT INTO \"{}\" VALUES ({});", table_, fmt::join(placeholders, ", "));
    if (sqlite3_prepare_v2(db_->handle(), insert.c_str(), -1, &insert_, nullptr) != SQLITE_OK)
      fail("prepare");
  } catch (...) {  // the destructor does not run for a half-built object
    db_.reset();
    remove_database(partial_path_);
    throw;
  }
}

SqliteTableWriter::~SqliteTableWriter() {
  sqlite3_finalize(insert_);
  db_.reset();
  if (!finished_) remove_database(partial_path_);
}

void SqliteTableWriter::fail(const std::string& what) const {
  throw Error(
      fmt::format("{}: SQLite error ({}): {}", partial_path_, what, sqlite3_errmsg(db_->handle())));
}

void SqliteTableWriter::bind_and_step(sqlite3_stmt* statement, const TableRow& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const int index = int(i + 1);
    if (cells[i])
      sqlite3_bind_text(statement, index, cells[i]->c_str(), int(cells[i]->size()),
                        SQLITE_TRANSIENT);
    else
      sqlite3_bind_null(statement, index);
  }
  const int code = sqlite3_step(statement);
  sqlite3_reset(statement);
  sqlite3_clear_bindings(statement);
  if (code != SQLITE_DONE) fail("insert");
}

void SqliteTableWriter::add_row(const TableRow& cells) {
  if (cells.size() != columns_)
    throw Error(
        fmt::format("row has {} cells, table '{}' has {} columns", cells.size(), table_, columns_));
  bind_and_step(insert_, cells);
  ++rows_;
}

void SqliteTableWriter::finish(const TableMetadata& meta) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_->handle(), "INSERT OR REPLACE INTO meta VALUES (?, ?);", -1,
                         &statement, nullptr) != SQLITE_OK)
    fail("prepare");
  try {
    for (const auto& [key, value] : meta) bind_and_step(statement, {key, value});
  } catch (...) {
    sqlite3_finalize(statement);
    throw;
  }
  sqlite3_finalize(statement);
  db_->execute("COMMIT;");
  sqlite3_finalize(insert_);
  insert_ = nullptr;
  db_.reset();
  check_output_path(path_, overwrite_);  // the file may have appeared meanwhile
  std::filesystem::rename(partial_path_, path_);
  finished_ = true;
}

}  // namespace linchpin
