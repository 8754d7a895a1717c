#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include <cstring>

#include "source/file_system.h"
#include "source/line_stream.h"
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
  CHECK(f.last_line() == 4);
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

TEST_CASE("an excerpt keeps the line numbers of the file it was cut from") {
  SourceSet set;
  const FileId id = set.add_excerpt("events.jsonl", "{\"a\": \"é\", \"b\": 1}", 41);
  const auto& f = set.file(id);
  CHECK(f.path() == "events.jsonl");
  CHECK(f.first_line() == 41);
  CHECK(f.last_line() == 41);
  CHECK(f.line_col(12) == LineCol{41, 12});  // after "é": one column, two bytes
  CHECK(f.line_text(41) == "{\"a\": \"é\", \"b\": 1}");
  CHECK(f.line_start(41) == 0);
  CHECK(f.line_text(1).empty());
  CHECK(f.line_text(42).empty());
}

namespace {

// Bytes handed out a few at a time, then perhaps a failure.
class Trickle final : public ByteSource {
 public:
  Trickle(std::string text, std::size_t step, bool fail_at_end = false)
      : text_(std::move(text)), step_(step), fail_(fail_at_end) {}
  std::ptrdiff_t read(char* into, std::size_t size, std::string& error) override {
    if (at_ == text_.size() && fail_) {
      error = "input/output error";
      return -1;
    }
    const std::size_t n = std::min({size, step_, text_.size() - at_});
    std::memcpy(into, text_.data() + at_, n);
    at_ += n;
    return static_cast<std::ptrdiff_t>(n);
  }

 private:
  std::string text_;
  std::size_t step_, at_ = 0;
  bool fail_;
};

std::vector<std::string> lines_of(std::unique_ptr<ByteSource> bytes, std::size_t max_line, std::string* error = nullptr) {
  LineStream stream(std::move(bytes), max_line);
  std::vector<std::string> out;
  LineStream::Line line;
  while (stream.next(line)) {
    out.push_back(std::to_string(line.number) + (line.too_long ? " too long" : " " + std::string(line.text)));
  }
  if (error != nullptr) *error = stream.error();
  return out;
}

}  // namespace

TEST_CASE("a line stream hands out each line with its number, however the bytes arrive") {
  const std::string text = "{\"a\": 1}\r\n\n  \n{\"b\": 2}\nlast";
  const std::vector<std::string> expected = {"1 {\"a\": 1}", "2 ", "3   ", "4 {\"b\": 2}", "5 last"};
  for (const std::size_t step : {1, 2, 3, 7, 4096}) {
    INFO("step " << step);
    CHECK(lines_of(std::make_unique<Trickle>(text, step), 1 << 20) == expected);
  }
  CHECK(lines_of(std::make_unique<Trickle>("", 3), 100).empty());
  CHECK(lines_of(std::make_unique<Trickle>("a\n", 3), 100) == std::vector<std::string>{"1 a"});
}

TEST_CASE("a line longer than the limit is handed out as too long, and the next ones still are") {
  const std::string long_line(5000, 'x');
  const std::string text = "ok\n" + long_line + "\nnext\n" + long_line;
  for (const std::size_t step : {1, 100, 1 << 20}) {
    INFO("step " << step);
    CHECK(lines_of(std::make_unique<Trickle>(text, step), 4096) ==
          std::vector<std::string>{"1 ok", "2 too long", "3 next", "4 too long"});
  }
  // A line up to the limit is kept whole.
  CHECK(lines_of(std::make_unique<Trickle>(long_line, 64), 5000) == std::vector<std::string>{"1 " + long_line});
}

TEST_CASE("a line stream that cannot be read on stops with the reason") {
  std::string error;
  CHECK(lines_of(std::make_unique<Trickle>("a\nb\npartial", 2, true), 100, &error) == std::vector<std::string>{"1 a", "2 b"});
  CHECK(error == "input/output error");
}

TEST_CASE("a file opened as a stream has the bytes read() has, and the same refusals") {
  const auto folder = std::filesystem::temp_directory_path() / ("pipec-stream-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const std::string path = (folder / "events.jsonl").string();
  std::string text;
  for (int i = 0; i < 50000; ++i) text += "{\"n\": " + std::to_string(i) + "}\n";  // more than one block
  REQUIRE_FALSE(write_file_atomically(path, text).has_value());
  const DiskFileSystem fs;
  std::string error;
  auto bytes = fs.open(path, error);
  REQUIRE(bytes != nullptr);
  const auto lines = lines_of(std::move(bytes), 100);
  REQUIRE(lines.size() == 50000);
  CHECK(lines.back() == "50000 {\"n\": 49999}");
  CHECK(fs.read(path).text == text);
  CHECK(fs.open(folder.string(), error) == nullptr);
  CHECK(error == "is a directory");
  CHECK(fs.open((folder / "missing").string(), error) == nullptr);
  CHECK(error == "no such file or directory");
  std::filesystem::remove_all(folder);
}

TEST_CASE("the disk's real paths: files beside each other share their folder's, links and missing parts resolve in full") {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("pipec-real-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "real" / "sub");
  std::ofstream(root / "real" / "a.yaml") << "a";
  std::ofstream(root / "real" / "sub" / "b.yaml") << "b";
  fs::create_directory_symlink(root / "real", root / "folder-link");
  fs::create_symlink(root / "real" / "sub" / "b.yaml", root / "real" / "file-link.yaml");
  const std::string real = fs::canonical(root / "real").generic_string();

  const DiskFileSystem disk;
  // Asked twice: the second answer comes from the folder remembered.
  for (int round = 0; round < 2; ++round) {
    INFO("round " << round);
    CHECK(disk.real_path((root / "real" / "a.yaml").string()) == real + "/a.yaml");
    CHECK(disk.real_path((root / "folder-link" / "a.yaml").string()) == real + "/a.yaml");
    CHECK(disk.real_path((root / "real" / "file-link.yaml").string()) == real + "/sub/b.yaml");
    CHECK(disk.real_path((root / "real" / "sub" / ".." / "a.yaml").string()) == real + "/a.yaml");
    CHECK(disk.real_path((root / "folder-link" / "sub" / "..").string()) == real);
    CHECK(disk.real_path((root / "real" / "missing" / "c.yaml").string()) == real + "/missing/c.yaml");
    CHECK(disk.real_path((root / "real").string() + "/").substr(0, real.size()) == real);
  }
  // A relative path is resolved against the working folder.
  const fs::path was = fs::current_path();
  fs::current_path(root / "folder-link");
  CHECK(disk.real_path("sub/b.yaml") == real + "/sub/b.yaml");
  CHECK(disk.real_path("./a.yaml") == real + "/a.yaml");
  fs::current_path(was);
  fs::remove_all(root);
}
