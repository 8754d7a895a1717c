// Bad input of every kind must get a diagnostic with a location and a
// non-zero exit, and must never crash pipec (an exit status of 128 or more
// means a signal). The corpus is generated here: a 50 MB file does not
// belong in the repository.

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>

#include "support/golden.h"

namespace fs = std::filesystem;

namespace {

struct Corpus {
  fs::path dir;
  Corpus() {
    dir = fs::temp_directory_path() / ("pipec-malformed-" + std::to_string(::getpid()));
    fs::create_directories(dir);
  }
  ~Corpus() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  }
};

pipec::test::Run lint_short(const std::string& args) {
  return pipec::test::run_command("'" PIPEC_BINARY "' lint --format short " + args);
}

}  // namespace

TEST_CASE("malformed inputs are diagnosed, never crash") {
  const Corpus corpus;

  SECTION("binary junk") {
    std::mt19937 random(42);
    std::string junk(64 * 1024, '\0');
    for (auto& c : junk) c = static_cast<char>(random() & 0xFF);
    const auto run = lint_short(corpus.write("junk.json", junk));
    CHECK(run.status == 1);
    CHECK(run.out.find(":1:") != std::string::npos);
    CHECK(run.out.find("binary file: NUL byte") != std::string::npos);
    CHECK(run.out.find("[CP0002]") != std::string::npos);
  }

  SECTION("invalid UTF-8 inside an otherwise valid file") {
    const auto run = lint_short(corpus.write("latin1.json", "{\"name\": \"caf\xe9\"}"));
    CHECK(run.status == 1);
    CHECK(run.out.find("latin1.json:1:14: error: invalid UTF-8: byte 0xE9") != std::string::npos);
  }

  SECTION("100,000-deep nesting") {
    const auto run = lint_short(corpus.write("deep.json", std::string(100000, '[') + std::string(100000, ']')) + " --kind event-pattern");
    CHECK(run.status == 1);
    CHECK(run.out.find("deep.json:1:257: error: nesting deeper than 256 levels") != std::string::npos);
  }

  SECTION("100,000-deep objects in a pattern") {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += "{\"a\":";
    text += "[1]" + std::string(100000, '}');
    const auto run = lint_short(corpus.write("deep-objects.json", text) + " --kind event-pattern");
    CHECK(run.status == 1);
    CHECK(run.out.find("[CP0005]") != std::string::npos);
  }

  // Debian's libtree-sitter 0.20.7 frees a subtree twice past 65,535
  // unclosed levels: nesting is bounded before the parser sees it.
  SECTION("70,000 unclosed arrays and objects") {
    for (const std::string opener : {"[", "{\"a\":"}) {
      std::string text;
      for (int i = 0; i < 70000; ++i) text += opener;
      const auto run = lint_short(corpus.write("unclosed.json", text));
      INFO(opener << "\n" << run.out.substr(0, 2000));
      CHECK(run.status == 1);
      CHECK(run.out.find("nesting deeper than 256 levels") != std::string::npos);
    }
  }

  // valijson's maxLength reads past its tables on six or more continuation
  // bytes in a row: strings reach it as valid UTF-8.
  SECTION("a long run of UTF-8 continuation bytes in a checked string") {
    const auto run = lint_short(corpus.write("continuation.json", "{\"pipeline\": {\"name\": \"" + std::string(96, '\x80') +
                                                                "\", \"roleArn\": \"x\", \"stages\": []}}"));
    CHECK(run.status == 1);
    CHECK(run.out.find("[CP0002]") != std::string::npos);
    CHECK(run.out.find("[CP0101]") != std::string::npos);
  }

  SECTION("a 50 MB file") {
    const std::string item = "{\"name\": \"web\", \"imageUri\": \"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1\"}";
    const auto definitions = [&](std::size_t bytes) {
      std::string text = "[" + item;
      while (text.size() < bytes) text += "," + item;
      return text + "]";
    };
    const auto run = lint_short(corpus.write("imagedefinitions.json", definitions(50u << 20)));
    CHECK(run.status == 2);
    CHECK(run.out.find("imagedefinitions.json:1:1: error: cannot read this file: file is 50.0 MiB, larger than the 8.0 MiB") !=
          std::string::npos);
    // Past the limit when it is raised: read in full, and valid.
    fs::create_directories(corpus.dir / "raised");
    const auto raised = lint_short("--max-file-size 16M " + corpus.write("raised/imagedefinitions.json", definitions(9u << 20)));
    CHECK(raised.status == 0);
    CHECK(raised.out.empty());
  }

  SECTION("an empty file") {
    const auto run = lint_short(corpus.write("empty.json", "") + " --kind pipeline");
    CHECK(run.status == 1);
    CHECK(run.out.find("empty.json:1:1: error: empty file; expected a JSON value [CP0003]") != std::string::npos);
  }

  SECTION("a folder named like a file") {
    fs::create_directories(corpus.dir / "pipeline.json");
    corpus.write("pipeline.json/notes.txt", "not json");
    const auto run = lint_short((corpus.dir / "pipeline.json").string());
    CHECK(run.status == 0);
    CHECK(run.out.empty());
  }

  SECTION("a path that does not exist") {
    const auto run = lint_short((corpus.dir / "missing.json").string());
    CHECK(run.status == 2);
    CHECK(run.out.find("missing.json:1:1: error: cannot read this file: no such file or directory [CP0001]") != std::string::npos);
  }

  SECTION("something that is neither file nor folder") {
    const auto fifo = (corpus.dir / "fifo.json").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto run = lint_short(fifo);
    CHECK(run.status == 2);
    CHECK(run.out.find("not a regular file or folder") != std::string::npos);
  }

  // Two links to "." made the walk exponential; a loop of links said "no such
  // file"; a FIFO named like an input was skipped without a word.
  SECTION("links to the folder itself, a loop of links and a FIFO in a folder") {
    const fs::path folder = corpus.dir / "walk";
    fs::create_directories(folder);
    corpus.write("walk/pipeline.json", "{}");
    fs::create_directory_symlink(".", folder / "self1");
    fs::create_directory_symlink(".", folder / "self2");
    fs::create_symlink("loop-b", folder / "loop-a");
    fs::create_symlink("loop-a", folder / "loop-b");
    REQUIRE(::mkfifo((folder / "stream.json").c_str(), 0600) == 0);
    const auto run = lint_short(folder.string() + " --kind event-pattern");
    INFO(run.out);
    CHECK(run.status == 2);
    CHECK(run.out.find("loop-a:1:1: error: cannot read this file: too many levels of symbolic links [CP0001]") != std::string::npos);
    CHECK(run.out.find("stream.json:1:1: error: cannot read this file: not a regular file or folder [CP0001]") != std::string::npos);
    // pipeline.json is read once, through neither link.
    CHECK(run.out.find("self1") == std::string::npos);
    CHECK(run.out.find("self2") == std::string::npos);
  }

  SECTION("a newline in a file name") {
    const auto run = lint_short("'" + corpus.write("a\nb.json", "{\"pipeline\": 1}") + "' --kind pipeline");
    CHECK(run.status == 1);
    CHECK(run.out.find("a\\nb.json:1:") != std::string::npos);
    CHECK(run.out.find("a\nb.json") == std::string::npos);
  }

  SECTION("a very long single line") {
    const std::string line = "{\"pipeline\": {\"name\": \"" + std::string(2'000'000, 'x') + "\", \"roleArn\": 1, \"stages\": []}}";
    const auto run = pipec::test::run_command("'" PIPEC_BINARY "' lint --color never " + corpus.write("long.json", line));
    CHECK(run.status == 1);
    // The code frame shows a window of the line, not two million columns.
    for (std::size_t start = 0, end; start < run.out.size(); start = end + 1) {
      end = run.out.find('\n', start);
      if (end == std::string::npos) end = run.out.size();
      CHECK(end - start < 1000);
    }
  }
}

TEST_CASE("malformed YAML is diagnosed, never crashes") {
  const Corpus corpus;

  SECTION("binary junk named .yaml") {
    std::mt19937 random(7);
    std::string junk(64 * 1024, '\0');
    for (auto& c : junk) c = static_cast<char>(random() & 0xFF);
    const auto run = lint_short(corpus.write("junk.yaml", junk));
    CHECK(run.status == 1);
    CHECK(run.out.find("binary file: NUL byte") != std::string::npos);
    // The same bytes without NUL reach the YAML reader, as a template.
    std::string text = junk;
    for (auto& c : text) c = c == '\0' ? ' ' : c;
    const auto parsed = lint_short(corpus.write("text-junk.yaml", text) + " --kind cloudformation");
    CHECK(parsed.status == 1);
    CHECK(parsed.out.find(":1:") != std::string::npos);
  }

  SECTION("invalid UTF-8 in a template") {
    const auto run = lint_short(corpus.write("latin1.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: caf\xe9\nResources: {}\n"));
    CHECK(run.status == 1);
    CHECK(run.out.find("latin1.yaml:2:17: error: invalid UTF-8: byte 0xE9") != std::string::npos);
  }

  SECTION("100,000-deep flow nesting") {
    const auto run = lint_short(corpus.write("deep-flow.yaml", "Resources: " + std::string(100000, '[') + std::string(100000, ']')) +
                          " --kind cloudformation");
    CHECK(run.status == 1);
    CHECK(run.out.find("deep-flow.yaml:1:267: error: nesting deeper than 256 levels") != std::string::npos);
  }

  SECTION("100,000-deep block nesting, and an unclosed flow bracket as deep") {
    std::string block = "Resources:\n  ";
    for (int i = 0; i < 100000; ++i) block += "- ";
    const auto run = lint_short(corpus.write("deep-block.yaml", block + "x\n") + " --kind cloudformation");
    CHECK(run.status == 1);
    CHECK(run.out.find("[CP0005]") != std::string::npos);
    const auto open = lint_short(corpus.write("deep-open.yaml", "Resources: " + std::string(100000, '{')) + " --kind cloudformation");
    CHECK(open.status == 1);
    CHECK(open.out.find("[CP0005]") != std::string::npos);
  }

  SECTION("a tab-indented template") {
    const auto run = lint_short(corpus.write("tabs.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n\tPipeline:\n\t\tType: AWS::CodePipeline::Pipeline\n"));
    CHECK(run.status == 1);
    CHECK(run.out.find("tabs.yaml:3:1: error: tab character in indentation; YAML indents with spaces only [CP0003]") !=
          std::string::npos);
  }

  SECTION("an unterminated flow mapping") {
    const auto run = lint_short(corpus.write("unclosed.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {Pipeline: {Type: AWS::CodePipeline::Pipeline}\n"));
    CHECK(run.status == 1);
    CHECK(run.out.find("unclosed.yaml:3:1: error: unclosed flow mapping; expected \"}\" [CP0003]") != std::string::npos);
  }

  SECTION("an empty template") {
    const auto run = lint_short(corpus.write("empty.yaml", "") + " --kind cloudformation");
    CHECK(run.status == 1);
    CHECK(run.out.find("empty.yaml:1:1: error: empty file; expected a YAML document [CP0003]") != std::string::npos);
  }
}

// Half-typed .pipe files, as a pre-commit hook sees them: things with no name
// still get findings at a place in the file.
TEST_CASE("a .pipe file with nameless stages, actions or an empty rule is diagnosed, never crashes") {
  const Corpus corpus;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"nameless-stage.pipe", "pipeline p {\n  stage { ecr { repository \"w\" } -> A }\n  stage B { ecs X { cluster \"c\" service \"s\" } A }\n}\n"},
      {"nameless-actions.pipe", "pipeline p {\n  stage S {\n    ecr { repository \"w\" } -> A\n    ecr { repository \"v\" } -> B\n  }\n  stage B { ecs X { cluster \"c\" service \"s\" } A }\n}\n"},
      {"empty-rule.pipe", "rule x {}\n"},
  };
  for (const auto& [name, text] : cases) {
    SECTION(name) {
      const auto run = lint_short(corpus.write(name, text));
      INFO(run.out << run.err);
      CHECK(run.status == 1);
      CHECK(run.out.find(name + ":") != std::string::npos);
      CHECK(run.err.empty());
    }
  }
}

// The same on disk, through the real binary: a suite cannot read the
// machine's files, however it names them (absolute, ../, a link).
TEST_CASE("a suite naming files outside its repository reads none of them") {
  const Corpus corpus;
  fs::create_directories(corpus.dir / "repo" / ".git");
  fs::create_directories(corpus.dir / "repo" / "tests");
  corpus.write("outside.json", "{\"id\": \"AKIA4QZRS7XJ2LPN3WDK\"}");
  corpus.write("repo/tests/pattern.json", "{\"source\": [\"aws.ecr\"]}");
  fs::create_symlink(corpus.dir / "outside.json", corpus.dir / "repo" / "tests" / "link.json");
  corpus.write("repo/tests/leak.test.yaml", "rule: pattern.json\n"
                                            "tests:\n"
                                            "  - {name: absolute, event: /etc/passwd, match: true}\n"
                                            "  - {name: relative, event: ../../outside.json, match: true}\n"
                                            "  - {name: link, event: link.json, match: true}\n"
                                            "  - {name: the root, rule: /, event: link.json, match: true}\n");
  const auto run = pipec::test::run_command("'" PIPEC_BINARY "' test --color never " + (corpus.dir / "repo" / "tests").string());
  INFO(run.out << run.err);
  CHECK(run.status == 2);
  CHECK(run.err.find("\"/etc/passwd\" is outside the repository") != std::string::npos);
  CHECK(run.err.find("outside.json\" is outside the repository") != std::string::npos);
  CHECK(run.err.find("link.json\" is outside the repository") != std::string::npos);
  CHECK(run.err.find("\"/\" is outside the repository") != std::string::npos);
  CHECK(run.out.find("root:") == std::string::npos);
  CHECK(run.err.find("root:") == std::string::npos);
  CHECK((run.out + run.err).find("4QZRS7XJ") == std::string::npos);
}
