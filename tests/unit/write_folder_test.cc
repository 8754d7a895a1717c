#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "source/write_folder.h"
#include "support/golden.h"

namespace fs = std::filesystem;
using pipec::source::write_folder_atomically;

namespace {

struct ::stat info_of(const fs::path& path) {
  struct ::stat info {};
  REQUIRE(::lstat(path.c_str(), &info) == 0);
  return info;
}

fs::path fresh_folder(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("pipec-write-folder-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("a rebuild keeps the files whose bytes do not change, and replaces the others") {
  const fs::path dir = fresh_folder("rebuild");
  const fs::path out = dir / "out";
  REQUIRE_FALSE(write_folder_atomically(out.string(), {{"same.json", "{}\n"}, {"changed.yaml", "a: 1\n"}, {"linked.txt", "x\n"}}));
  { std::ofstream(out / "mine.txt") << "not pipec's\n"; }
  // A link where a generated file goes is replaced by the file, even when
  // what it points to holds the same bytes.
  { std::ofstream(dir / "target.txt") << "x\n"; }
  fs::remove(out / "linked.txt");
  fs::create_symlink(dir / "target.txt", out / "linked.txt");
  const struct ::stat same_before = info_of(out / "same.json");
  const struct ::stat changed_before = info_of(out / "changed.yaml");

  REQUIRE_FALSE(write_folder_atomically(out.string(), {{"same.json", "{}\n"}, {"changed.yaml", "a: 2\n"}, {"linked.txt", "x\n"}}));

  const struct ::stat same_after = info_of(out / "same.json");
  CHECK(same_after.st_ino == same_before.st_ino);
  CHECK(same_after.st_mtim.tv_sec == same_before.st_mtim.tv_sec);
  CHECK(same_after.st_mtim.tv_nsec == same_before.st_mtim.tv_nsec);
  CHECK(same_after.st_nlink == 1);  // the old folder, which linked it too, is gone
  CHECK(pipec::test::read_text((out / "same.json").string()) == "{}\n");

  CHECK(info_of(out / "changed.yaml").st_ino != changed_before.st_ino);
  CHECK(pipec::test::read_text((out / "changed.yaml").string()) == "a: 2\n");

  CHECK(S_ISREG(info_of(out / "linked.txt").st_mode));
  CHECK(pipec::test::read_text((out / "linked.txt").string()) == "x\n");
  CHECK(pipec::test::read_text((dir / "target.txt").string()) == "x\n");

  CHECK(pipec::test::read_text((out / "mine.txt").string()) == "not pipec's\n");
  std::size_t beside = 0;
  for (const auto& e : fs::directory_iterator(dir)) beside += e.path().filename().string().starts_with(".out.pipec-");
  CHECK(beside == 0);
  fs::remove_all(dir);
}

TEST_CASE("a file of the same size but other bytes is rewritten") {
  const fs::path dir = fresh_folder("same-size");
  const fs::path out = dir / "out";
  REQUIRE_FALSE(write_folder_atomically(out.string(), {{"a.json", "[1]\n"}}));
  REQUIRE_FALSE(write_folder_atomically(out.string(), {{"a.json", "[2]\n"}}));
  CHECK(pipec::test::read_text((out / "a.json").string()) == "[2]\n");
  fs::remove_all(dir);
}

TEST_CASE("a rebuild that changes nothing leaves the folder as it is") {
  const fs::path dir = fresh_folder("unchanged");
  const fs::path out = dir / "out";
  const std::vector<std::pair<std::string, std::string>> files{{"a.json", "{}\n"}, {"sub/b.yaml", "b: 1\n"}};
  REQUIRE_FALSE(write_folder_atomically(out.string(), files));
  { std::ofstream(out / "mine.txt") << "not pipec's\n"; }
  const struct ::stat folder_before = info_of(out);
  const struct ::stat file_before = info_of(out / "sub" / "b.yaml");

  REQUIRE_FALSE(write_folder_atomically(out.string(), files));

  // Swapping in a new folder would give the output folder a new inode.
  CHECK(info_of(out).st_ino == folder_before.st_ino);
  CHECK(info_of(out / "sub" / "b.yaml").st_ino == file_before.st_ino);
  CHECK(pipec::test::read_text((out / "mine.txt").string()) == "not pipec's\n");

  fs::remove_all(dir);
}

TEST_CASE("a link where an output's folder goes is replaced by a folder; nothing is written through it") {
  const fs::path dir = fresh_folder("folder-link");
  const fs::path out = dir / "out";
  REQUIRE_FALSE(write_folder_atomically(out.string(), {{"sub/b.yaml", "b: 1\n"}}));
  fs::rename(out / "sub", dir / "elsewhere");
  fs::create_directory_symlink(dir / "elsewhere", out / "sub");
  const struct ::stat elsewhere_before = info_of(dir / "elsewhere" / "b.yaml");

  // The same bytes, through the link: not "unchanged", since the link goes.
  REQUIRE_FALSE(write_folder_atomically(out.string(), {{"sub/b.yaml", "b: 1\n"}}));
  CHECK(S_ISDIR(info_of(out / "sub").st_mode));
  CHECK(pipec::test::read_text((out / "sub" / "b.yaml").string()) == "b: 1\n");

  // Other bytes, with the link back: the file it leads to keeps its bytes.
  fs::remove_all(out / "sub");
  fs::create_directory_symlink(dir / "elsewhere", out / "sub");
  REQUIRE_FALSE(write_folder_atomically(out.string(), {{"sub/b.yaml", "b: 2\n"}}));
  CHECK(S_ISDIR(info_of(out / "sub").st_mode));
  CHECK(pipec::test::read_text((out / "sub" / "b.yaml").string()) == "b: 2\n");
  CHECK(pipec::test::read_text((dir / "elsewhere" / "b.yaml").string()) == "b: 1\n");
  CHECK(info_of(dir / "elsewhere" / "b.yaml").st_ino == elsewhere_before.st_ino);
  fs::remove_all(dir);
}

TEST_CASE("the output folder and its subfolders keep their modes across a rebuild that changes a file") {
  const fs::path dir = fresh_folder("modes");
  const fs::path out = dir / "out";
  REQUIRE_FALSE(write_folder_atomically(out.string(), {{"a.json", "1\n"}, {"sub/b.json", "2\n"}}));
  CHECK((info_of(out).st_mode & 07777) == 0755);  // a new folder
  REQUIRE(::chmod(out.c_str(), 0700) == 0);
  REQUIRE(::chmod((out / "sub").c_str(), 0750) == 0);
  REQUIRE_FALSE(write_folder_atomically(out.string(), {{"a.json", "3\n"}, {"sub/b.json", "2\n"}}));
  CHECK(pipec::test::read_text((out / "a.json").string()) == "3\n");
  CHECK((info_of(out).st_mode & 07777) == 0700);
  CHECK((info_of(out / "sub").st_mode & 07777) == 0750);
  fs::remove_all(dir);
}
