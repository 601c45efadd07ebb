// io/table_writer (the SQLite export behind `linchpin indices --out`); kept next to the
// analytics tests that use it.
#include "linchpin/io/table_writer.hpp"

#include "linchpin/io/database.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "linchpin/core/error.hpp"
#include "test_support.hpp"

namespace linchpin {
namespace {

// Runs a query and returns the rows as "a|b|c" strings (NULL as "NULL").
std::vector<std::string> query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK);
  std::vector<std::string> rows;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(statement); ++i) {
      const auto* text = sqlite3_column_text(statement, i);
      if (i > 0) row += '|';
      row += text ? reinterpret_cast<const char*>(text) : "NULL";
    }
    rows.push_back(row);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return rows;
}

std::string fresh(const std::string& name) {
  const auto path = test::temporary_path(name);
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + ".partial");
  return path.string();
}

TEST(TableWriter, WritesTypedRowsNullsAndMeta) {
  const auto path = fresh("table_writer_ok.sqlite");
  {
    SqliteTableWriter writer(path, "trade", {{"ccode1", true}, {"share", true}, {"note", false}},
                             false);
    writer.add_row({"2", "0.25", "a, b"});
    writer.add_row({"710", std::nullopt, std::nullopt});
    EXPECT_FALSE(std::filesystem::exists(path));  // only the .partial file so far
    writer.finish({{"index", "trade"}, {"data_folder", "/data"}});
    EXPECT_EQ(writer.rows(), 2u);
  }
  EXPECT_FALSE(std::filesystem::exists(path + ".partial"));
  EXPECT_EQ(query(path, "SELECT ccode1, share, note FROM trade ORDER BY ccode1"),
            (std::vector<std::string>{"2|0.25|a, b", "710|NULL|NULL"}));
  EXPECT_EQ(query(path, "SELECT typeof(ccode1), typeof(share), typeof(note) FROM trade LIMIT 1"),
            (std::vector<std::string>{"integer|real|text"}));
  EXPECT_EQ(query(path, "SELECT key, value FROM meta ORDER BY key"),
            (std::vector<std::string>{"data_folder|/data", "index|trade"}));
}

TEST(TableWriter, RefusesAnExistingFileUnlessOverwrite) {
  const auto path = fresh("table_writer_exists.sqlite");
  test::write_text(path, "keep me");
  EXPECT_THROW(check_output_path(path, false), InputError);
  EXPECT_THROW(SqliteTableWriter(path, "t", {{"a", true}}, false), InputError);
  EXPECT_EQ(test::read_text(path), "keep me");
  {
    SqliteTableWriter writer(path, "t", {{"a", true}}, true);
    writer.add_row({"1"});
    EXPECT_EQ(test::read_text(path), "keep me");  // replaced only by finish()
    writer.finish({});
  }
  EXPECT_EQ(query(path, "SELECT a FROM t"), std::vector<std::string>{"1"});
}

TEST(TableWriter, AnUnfinishedExportLeavesNothing) {
  const auto path = fresh("table_writer_unfinished.sqlite");
  {
    SqliteTableWriter writer(path, "t", {{"a", true}}, false);
    writer.add_row({"1"});
    EXPECT_THROW(writer.add_row({"1", "2"}), Error);  // wrong number of cells
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(path + ".partial"));
}

TEST(TableWriter, RejectsNamesThatAreNotPlainIdentifiers) {
  const auto path = fresh("table_writer_names.sqlite");
  EXPECT_THROW(SqliteTableWriter(path, "meta", {{"a", true}}, false), Error);
  EXPECT_THROW(SqliteTableWriter(path, "x; DROP", {{"a", true}}, false), Error);
  EXPECT_THROW(SqliteTableWriter(path, "t", {{"a\"b", true}}, false), Error);
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(path + ".partial"));
}

}  // namespace
}  // namespace linchpin
