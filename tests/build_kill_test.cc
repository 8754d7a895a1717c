// A build's outputs appear together or not at all, even when it is killed:
// pipec build is killed at random moments while it replaces a folder of 400
// files, and after each kill the folder holds exactly the old build or
// exactly the new one, with no temporary file in it.

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "support/golden.h"

namespace fs = std::filesystem;

extern char** environ;

namespace {

// A .pipe file of 200 pipelines; `tag` tells the two builds apart.
std::string many_pipelines(const std::string& tag) {
  std::string text;
  for (int i = 0; i < 200; ++i) {
    const std::string n = std::to_string(i);
    text += "pipeline p" + n + " {\n  role \"arn:aws:iam::123456789012:role/r\"\n  store s3 \"bucket-" + n +
            "\"\n  stage Source { ecr Image { repository \"web" + n + "\"  tag \"" + tag +
            "\" } -> Img }\n  stage Build { imagedefinitions Convert { container \"web\" } Img -> Defs }\n"
            "  stage Deploy { ecs Web { cluster \"c\"  service \"s" + n + "\" } Defs }\n}\n";
  }
  return text;
}

using Tree = std::map<std::string, std::string>;  // name -> content

Tree read_tree(const fs::path& folder) {
  Tree out;
  if (!fs::exists(folder)) return out;
  for (const auto& e : fs::recursive_directory_iterator(folder)) {
    if (e.is_regular_file()) out[fs::relative(e.path(), folder).generic_string()] = pipec::test::read_text(e.path().string());
  }
  return out;
}

pid_t start_build(const fs::path& pipe, const fs::path& out) {
  const std::string binary = PIPEC_BINARY, file = pipe.string(), folder = out.string();
  std::vector<char*> argv{const_cast<char*>(binary.c_str()), const_cast<char*>("build"), const_cast<char*>("-q"),
                          const_cast<char*>(file.c_str()), const_cast<char*>("-o"), const_cast<char*>(folder.c_str()), nullptr};
  pid_t pid = 0;
  REQUIRE(::posix_spawn(&pid, binary.c_str(), nullptr, nullptr, argv.data(), environ) == 0);
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

}  // namespace

TEST_CASE("a killed build leaves its output folder wholly old or wholly new, with no temporaries") {
  const fs::path dir = fs::temp_directory_path() / ("pipec-kill-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // One name (the template is named after the .pipe file), two contents.
  fs::create_directories(dir / "a");
  fs::create_directories(dir / "b");
  std::ofstream(dir / "a" / "app.pipe") << many_pipelines("a");
  std::ofstream(dir / "b" / "app.pipe") << many_pipelines("b");

  // What each build writes, whole.
  std::map<std::string, Tree> expected;
  for (const std::string variant : {"a", "b"}) {
    const pid_t pid = start_build(dir / variant / "app.pipe", dir / ("whole-" + variant));
    REQUIRE(WEXITSTATUS(wait_for(pid)) == 0);
    expected[variant] = read_tree(dir / ("whole-" + variant));
  }
  REQUIRE(expected["a"].size() > 300);
  REQUIRE(expected["a"].size() == expected["b"].size());
  REQUIRE(expected["a"] != expected["b"]);

  // How long a whole build over an old one takes here (replacing costs more
  // than writing afresh: the old folder is synced and removed), so kills fall
  // anywhere in it.
  REQUIRE(WEXITSTATUS(wait_for(start_build(dir / "b" / "app.pipe", dir / "out"))) == 0);
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(WEXITSTATUS(wait_for(start_build(dir / "a" / "app.pipe", dir / "out"))) == 0);
  const auto whole = std::chrono::steady_clock::now() - started;
  const auto span_us = std::max<long>(1000, std::chrono::duration_cast<std::chrono::microseconds>(whole).count());

  std::mt19937 random(20261205);
  const int kills = std::max(10, 100 / PIPEC_TEST_ROUNDS_DIVISOR);
  int old_seen = 0, new_seen = 0;
  std::string current = "a";
  // On a loaded machine the measured span can mislead, so after the planned
  // kills, more follow (at most as many again) until kills fell on both sides:
  // right away while no kill found the old folder, late while none the new.
  for (int k = 0; k < 2 * kills && (k < kills || old_seen == 0 || new_seen == 0); ++k) {
    const std::string next = current == "a" ? "b" : "a";
    const pid_t pid = start_build(dir / next / "app.pipe", dir / "out");
    long delay_us = static_cast<long>(random() % static_cast<unsigned long>(span_us * 5 / 4));
    if (k >= kills) delay_us = old_seen == 0 ? 0 : span_us * 4;
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
    ::kill(pid, SIGKILL);
    wait_for(pid);

    const Tree now = read_tree(dir / "out");
    INFO("kill " << k << ": after a build of " << next << " over " << current);
    const bool is_old = now == expected[current];
    const bool is_new = now == expected[next];
    if (!is_old && !is_new) {
      std::string differs;
      for (const auto& [name, text] : now) {
        const auto old_it = expected[current].find(name);
        const auto new_it = expected[next].find(name);
        if ((old_it == expected[current].end() || old_it->second != text) && (new_it == expected[next].end() || new_it->second != text)) {
          differs += name + " ";
        }
      }
      UNSCOPED_INFO(now.size() << " files; neither old nor new: " << differs.substr(0, 500));
    }
    CHECK((is_old || is_new));
    for (const auto& [name, text] : now) CHECK(name.find(".pipec-") == std::string::npos);
    if (is_new) {
      current = next;
      ++new_seen;
    } else if (is_old) {
      ++old_seen;
    }
  }
  // Kills fell before and after the switch.
  CHECK(old_seen > 0);
  CHECK(new_seen > 0);

  // The next build, whole, clears what the killed ones left beside the folder.
  REQUIRE(WEXITSTATUS(wait_for(start_build(dir / "a" / "app.pipe", dir / "out"))) == 0);
  CHECK(read_tree(dir / "out") == expected["a"]);
  for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string().find(".pipec-") == std::string::npos);
  fs::remove_all(dir);
}
