#include "linchpin/io/table_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "linchpin/core/error.hpp"
#include "linchpin/io/database.hpp"

namespace linchpin {

namespace {
bool plain_identifier(const std::string& name) {
  return !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
         });
}

}  // namespace

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
  prepare_database_path(partial_path_);  // clears what an earlier failed export left
  try {
    db_ = std::make_unique<Database>(partial_path_, false);
    db_->execute("PRAGMA synchronous=OFF;");
    db_->execute("BEGIN;");
    db_->execute(fmt::format("CREATE TABLE \"{}\" ({});", table_, fmt::join(definitions, ", ")));
    db_->execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
    insert_ = std::make_unique<Statement>(*db_, fmt::format("INSERT INTO \"{}\" VALUES ({});",
                                                            table_, fmt::join(placeholders, ", ")));
  } catch (...) {  // the destructor does not run for a half-built object
    insert_.reset();
    db_.reset();
    remove_database_files(partial_path_);
    throw;
  }
}

SqliteTableWriter::~SqliteTableWriter() {
  insert_.reset();
  db_.reset();
  if (!finished_) remove_database_files(partial_path_);
}

void SqliteTableWriter::insert(Statement& statement, const TableRow& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) statement.bind(int(i + 1), cells[i]);
  statement.run();
}

void SqliteTableWriter::add_row(const TableRow& cells) {
  if (cells.size() != columns_)
    throw Error(
        fmt::format("row has {} cells, table '{}' has {} columns", cells.size(), table_, columns_));
  insert(*insert_, cells);
  ++rows_;
}

void SqliteTableWriter::finish(const TableMetadata& meta) {
  {
    Statement statement(*db_, "INSERT OR REPLACE INTO meta VALUES (?, ?);");
    for (const auto& [key, value] : meta) insert(statement, {key, value});
  }
  db_->execute("COMMIT;");
  insert_.reset();
  db_.reset();
  check_output_path(path_, overwrite_);  // the file may have appeared meanwhile
  std::filesystem::rename(partial_path_, path_);
  finished_ = true;
}

}  // namespace linchpin
