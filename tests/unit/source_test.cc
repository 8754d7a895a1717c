#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "source/file_system.h"
#include "source/source_file.h"
#include "source/write_file.h"
#include "support/golden.h"

using namespace pipec::source;

TEST_CASE("line and column are 1-based, columns count code points") {
  SourceSet set;
  const FileId id = set.add("f.json", "{\n  \"é\": 1,\r\n\t\"x\": 2\n}");
  const auto& f = set.file(id);
  CHECK(f.line_col(0) == LineCol{1, 1});
  CHECK(f.line_col(4) == LineCol{2, 3});  // the quote before é
  CHECK(f.line_col(8) == LineCol{2, 6});  // after "é" (é is two bytes, one column)
  CHECK(f.line_text(2) == "  \"é\": 1,");  // CR dropped
  CHECK(f.line_count() == 4);
  CHECK(f.line_col(static_cast<std::uint32_t>(f.text().size())) == LineCol{4, 2});
}

TEST_CASE("embedded files map spans back to the outer file") {
  SourceSet set;
  // The outer text holds a string whose contents are "a\"b": decoded a"b.
  const FileId outer = set.add("rule.json", "{\"P\": \"a\\\"b\"}");
  // decoded byte -> outer offset: a at 7, " at 8 (the escape), b at 10; end 11.
  const FileId inner = set.add_embedded(outer, "a\"b", {7, 8, 10, 11});
  CHECK(set.to_root(Span{inner, 1, 2}) == Span{outer, 8, 10});  // the escape keeps its width
  CHECK(set.to_root(Span{inner, 0, 3}) == Span{outer, 7, 11});
  CHECK(set.line_col(inner, 2) == LineCol{1, 11});
}

TEST_CASE("the in-memory file system lists sorted names and implies folders") {
  MemoryFileSystem fs;
  fs.add("a/b.json", "{}");
  fs.add("a/c/d.json", "[]");
  fs.add_unreadable("a/secret.json", "permission denied");
  CHECK(fs.stat("a").type == EntryType::directory);
  CHECK(fs.stat("a/b.json").type == EntryType::file);
  CHECK(fs.stat("a/x").type == EntryType::missing);
  CHECK(fs.list("a") == std::vector<std::string>{"b.json", "c", "secret.json"});
  CHECK_FALSE(fs.read("a/secret.json").ok);
  CHECK(fs.read("a/secret.json").error == "permission denied");
  CHECK(fs.read("a").error == "is a directory");
}

TEST_CASE("atomic writes replace the whole file and leave no temporary behind") {
  const auto dir = std::filesystem::temp_directory_path() / ("pipec-write-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "out.json").string();
  REQUIRE_FALSE(write_file_atomically(path, "first").has_value());
  REQUIRE_FALSE(write_file_atomically(path, "second").has_value());
  CHECK(pipec::test::read_text(path) == "second");
  CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == 1);
  // A folder that does not exist: an error, and nothing written.
  CHECK(write_file_atomically((dir / "missing" / "x.json").string(), "x").has_value());
  std::filesystem::remove_all(dir);
}
