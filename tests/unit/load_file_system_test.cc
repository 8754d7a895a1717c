// What a lint asks of the file system. On the virtual machines CI and hooks
// run on, each question is a system call of 2-3 µs: a lint of 100 files used
// to stat each of them three times (the walk, the configuration's "is it a
// folder?", the loader before reading) and resolve its real path twice.

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "driver/lint.h"
#include "source/file_system.h"

namespace {

using pipec::source::Entry;
using pipec::source::MemoryFileSystem;
using pipec::source::ReadResult;

// The in-memory file system, counting the questions asked of each path.
class CountingFileSystem final : public pipec::source::FileSystem {
 public:
  explicit CountingFileSystem(const MemoryFileSystem& fs) : fs_(fs) {}
  Entry stat(const std::string& path) const override {
    ++stats[path];
    return fs_.stat(path);
  }
  ReadResult read(const std::string& path) const override {
    ++reads[path];
    return fs_.read(path);
  }
  std::vector<std::string> list(const std::string& path, std::string* error) const override {
    return fs_.list(path, error);
  }
  std::string real_path(const std::string& path) const override {
    ++real_paths[path];
    return fs_.real_path(path);
  }

  mutable std::map<std::string, int> stats, reads, real_paths;

 private:
  const MemoryFileSystem& fs_;
};

constexpr const char* kPipeline = R"({"pipeline": {"name": "p", "roleArn": "arn:aws:iam::123456789012:role/r",
  "artifactStore": {"type": "S3", "location": "b"}, "stages": []}})";

// A lint of `paths` running one cheap rule: what is asked of the file system
// is the loader's and the configuration's, not the rules'.
std::unique_ptr<pipec::driver::LintRun> lint(const CountingFileSystem& fs, std::vector<std::string> paths,
                                              bool configure, std::uint64_t max_file_size = 8 << 20) {
  pipec::driver::LintRequest request;
  request.paths = std::move(paths);
  request.configure = configure;
  request.rules.select = {"CP0001"};
  request.load.max_file_size = max_file_size;
  return pipec::driver::lint(fs, request);
}

}  // namespace

TEST_CASE("a lint asks once about each file it walks, configured or not") {
  MemoryFileSystem memory;
  memory.add("/repo/a.json", kPipeline);
  memory.add("/repo/b.json", kPipeline);
  memory.add("/repo/generated/c.json", kPipeline);
  const bool configured = GENERATE(false, true);
  if (configured) memory.add("/repo/.pipec.yaml", "exclude: [\"generated/**\"]\n");
  CountingFileSystem fs(memory);

  const auto run = lint(fs, {"/repo"}, true);

  std::vector<std::string> linted;
  for (const auto& file : run->workspace.files) linted.push_back(run->workspace.sources.file(file.file).path());
  std::sort(linted.begin(), linted.end());
  if (configured) {
    CHECK(linted == std::vector<std::string>{"/repo/.pipec.yaml", "/repo/a.json", "/repo/b.json"});
  } else {
    CHECK(linted == std::vector<std::string>{"/repo/a.json", "/repo/b.json", "/repo/generated/c.json"});
  }
  for (const std::string path : {"/repo/a.json", "/repo/b.json", "/repo/generated/c.json"}) {
    INFO(path);
    CHECK(fs.stats[path] == 1);       // the walk's: its size and kind serve the rest
    CHECK(fs.real_paths[path] == 1);  // placed once, its configuration and relative path together
    CHECK(fs.reads[path] == (path == "/repo/generated/c.json" && configured ? 0 : 1));
  }
}

TEST_CASE("a file named on the command line is stat'ed where it is named, not again to be read") {
  MemoryFileSystem memory;
  memory.add("/repo/a.json", kPipeline);
  CountingFileSystem fs(memory);

  const auto run = lint(fs, {"/repo/a.json"}, true);

  REQUIRE(run->workspace.files.size() == 1);
  // One for the configuration's "is it a folder?", one for the loader's "what is it, how large?".
  CHECK(fs.stats["/repo/a.json"] == 2);
  CHECK(fs.real_paths["/repo/a.json"] == 1);  // placed once: the configuration and the run's roots
  CHECK(fs.reads["/repo/a.json"] == 1);
}

TEST_CASE("a file past --max-file-size is judged by the size its stat found: skipped in a folder, an error when named") {
  MemoryFileSystem memory;
  memory.add("/repo/small.json", kPipeline);
  memory.add("/repo/large.json", std::string(kPipeline) + std::string(4096, ' '));
  memory.add("/named/large.json", std::string(kPipeline) + std::string(4096, ' '));
  CountingFileSystem fs(memory);

  const auto run = lint(fs, {"/repo", "/named/large.json"}, false, 1024);

  std::map<std::string, std::string> errors;  // path -> load error, for the files the run holds
  for (const auto& file : run->workspace.files) {
    errors[run->workspace.sources.file(file.file).path()] = file.load_error.value_or("");
  }
  CHECK(errors.size() == 2);
  CHECK(errors["/repo/small.json"].empty());
  CHECK_FALSE(errors.contains("/repo/large.json"));  // someone's data, not ours to judge
  CHECK(errors["/named/large.json"].find("larger than the 1.0 KiB pipec reads") != std::string::npos);
  for (const std::string path : {"/repo/small.json", "/repo/large.json", "/named/large.json"}) {
    INFO(path);
    CHECK(fs.stats[path] == 1);
    CHECK(fs.reads[path] == (path == "/repo/small.json" ? 1 : 0));
  }
}
