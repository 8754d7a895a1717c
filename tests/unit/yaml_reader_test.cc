// The YAML reader: the same Document as the JSON reader, every key and value
// with its exact span, CloudFormation's tags in their long form, YAML 1.1
// types, and each syntax error in pipec's words at its place.

#include <catch2/catch.hpp>
#include <fmt/core.h>

#include "syntax/decoded_string.h"
#include "syntax/yaml/yaml_reader.h"
#include "syntax/yaml/yaml_text.h"

using namespace pipec;
using syntax::NodeId;
using syntax::NodeKind;

namespace {

struct Read {
  source::SourceSet sources;
  source::FileId file = source::kNoFile;
  syntax::YamlResult result{syntax::Document(), {}};

  explicit Read(std::string text, syntax::YamlOptions options = {}) {
    file = sources.add("t.yaml", std::move(text));
    result = syntax::read_yaml(sources, file, options);
  }
  const syntax::Document& doc() const { return result.document; }
  std::string_view text_of(source::Span span) const {
    return sources.file(file).text().substr(span.begin, span.end - span.begin);
  }
  std::string_view text_of(NodeId id) const { return text_of(doc().node(id).span); }
  /// The value at a path of keys and indexes ("Resources/Pipeline/0").
  NodeId at(std::string_view path) const {
    NodeId id = doc().root();
    while (!path.empty()) {
      const auto slash = path.find('/');
      const std::string_view part = path.substr(0, slash);
      if (doc().is(id, NodeKind::array)) {
        id = doc().items(id)[std::stoul(std::string(part))];
      } else {
        id = doc().get(id, part);
      }
      REQUIRE(id != syntax::kNoNode);
      path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    }
    return id;
  }
  std::string position(source::Span span) const {
    const auto lc = sources.line_col(file, span.begin);
    return std::to_string(lc.line) + ":" + std::to_string(lc.column);
  }
  std::string issues() const {
    std::string out;
    for (const auto& i : result.issues) out += position(i.span) + " " + i.message + "\n";
    return out;
  }
};

}  // namespace

TEST_CASE("every key and value of YAML has its span") {
  const Read r(
      "a: plain text  # comment\n"
      "b: 'it''s'\n"
      "\"c\": \"x\\ty\"\n"
      "d:\n"
      "  - 1\n"
      "  - [x, {y: z}]\n"
      "e:\n"
      "f: |\n"
      "  line one\n"
      "  line two\n"
      "g: >-\n"
      "  folded\n"
      "  text\n"
      "h: a plain scalar\n"
      "  over two lines\n");
  INFO(r.issues());
  CHECK(r.result.issues.empty());
  REQUIRE(r.doc().is(r.doc().root(), NodeKind::object));
  CHECK(r.text_of(r.at("a")) == "plain text");
  CHECK(r.doc().string(r.at("a")) == "plain text");
  CHECK(r.text_of(r.at("b")) == "'it''s'");
  CHECK(r.doc().string(r.at("b")) == "it's");
  CHECK(r.text_of(r.doc().member(r.doc().root(), "c")->key_span) == "\"c\"");
  CHECK(r.doc().string(r.at("c")) == "x\ty");
  CHECK(r.text_of(r.at("d")) == "- 1\n  - [x, {y: z}]");
  CHECK(r.text_of(r.at("d/1")) == "[x, {y: z}]");
  CHECK(r.text_of(r.at("d/1/1")) == "{y: z}");
  CHECK(r.text_of(r.at("d/1/1/y")) == "z");
  CHECK(r.doc().is(r.at("e"), NodeKind::null));
  CHECK(r.position(r.doc().node(r.at("e")).span) == "7:3");  // empty, after the colon
  CHECK(r.text_of(r.at("f")) == "|\n  line one\n  line two");
  CHECK(r.doc().string(r.at("f")) == "line one\nline two\n");
  CHECK(r.doc().string(r.at("g")) == "folded text");
  CHECK(r.text_of(r.at("h")) == "a plain scalar\n  over two lines");
  CHECK(r.doc().string(r.at("h")) == "a plain scalar over two lines");
  CHECK(r.text_of(r.doc().node(r.doc().root()).span).starts_with("a: plain"));
}

TEST_CASE("plain YAML scalars take YAML 1.1 types; quoted ones are strings") {
  const Read r("[true, yes, Off, 1, -0x1F, 017, 1_000, 1.5, .5, 1e5, null, ~, '1', \"true\", !!str 2, !!int \"3\"]");
  const auto& d = r.doc();
  const auto items = d.items(d.root());
  REQUIRE(items.size() == 16);
  CHECK((d.is(items[0], NodeKind::boolean) && d.node(items[0]).boolean));
  CHECK((d.is(items[1], NodeKind::boolean) && d.node(items[1]).boolean));
  CHECK((d.is(items[2], NodeKind::boolean) && !d.node(items[2]).boolean));
  CHECK(d.node(items[3]).text == "1");
  CHECK(d.node(items[4]).text == "-31");
  CHECK(d.node(items[5]).text == "15");
  CHECK(d.node(items[6]).text == "1000");
  CHECK(d.node(items[7]).text == "1.5");
  CHECK(d.node(items[8]).text == "0.5");
  CHECK(d.is(items[9], NodeKind::string));  // YAML 1.1 floats need a dot
  CHECK(d.is(items[10], NodeKind::null));
  CHECK(d.is(items[11], NodeKind::null));
  CHECK(d.is(items[12], NodeKind::string));
  CHECK(d.is(items[13], NodeKind::string));
  CHECK((d.is(items[14], NodeKind::string) && d.node(items[14]).text == "2"));
  CHECK((d.is(items[15], NodeKind::number) && d.node(items[15]).text == "3"));
  for (const NodeId item : items) CHECK(d.node(item).kind != NodeKind::object);
}

TEST_CASE("CloudFormation's short-form tags become their long form, the key spanning the tag") {
  const Read r(
      "Name: !Sub ${AWS::StackName}-web\n"
      "Role: !GetAtt PipelineRole.Arn\n"
      "Bucket: !Ref ArtifactBucket\n"
      "Stage: !If\n"
      "  - Prod\n"
      "  - {Name: Approve}\n"
      "  - !Ref AWS::NoValue\n"
      "List: !Split [',', !ImportValue shared-list]\n"
      "Cond: !And [!Condition A, !Not [!Equals [!Ref Env, prod]]]\n");
  INFO(r.issues());
  CHECK(r.result.issues.empty());
  const auto& d = r.doc();
  const auto* sub = d.member(r.at("Name"), "Fn::Sub");
  REQUIRE(sub != nullptr);
  CHECK(r.text_of(sub->key_span) == "!Sub");
  CHECK(d.string(sub->value) == "${AWS::StackName}-web");
  CHECK(r.text_of(r.at("Name")) == "!Sub ${AWS::StackName}-web");
  const NodeId get_att = r.at("Role/Fn::GetAtt");
  REQUIRE(d.is(get_att, NodeKind::array));
  CHECK(d.string(d.items(get_att)[0]) == "PipelineRole");
  CHECK(r.text_of(d.items(get_att)[0]) == "PipelineRole");
  CHECK(r.text_of(d.items(get_att)[1]) == "Arn");
  CHECK(d.string(r.at("Bucket/Ref")) == "ArtifactBucket");
  CHECK(d.is(r.at("Stage/Fn::If"), NodeKind::array));
  CHECK(d.string(r.at("Stage/Fn::If/2/Ref")) == "AWS::NoValue");
  CHECK(d.string(r.at("List/Fn::Split/1/Fn::ImportValue")) == "shared-list");
  CHECK(d.string(r.at("Cond/Fn::And/0/Condition")) == "A");
  CHECK(d.string(r.at("Cond/Fn::And/1/Fn::Not/0/Fn::Equals/1")) == "prod");
}

TEST_CASE("unknown and unsupported tags are reported, the value read as if untagged") {
  const Read r("a: !Reff Bucket\nb: !!binary aGk=\nc: !Custom 3\n");
  CHECK(r.doc().string(r.at("a")) == "Bucket");
  CHECK(r.doc().node(r.at("c")).text == "3");
  REQUIRE(r.result.issues.size() == 3);
  CHECK(r.issues() ==
        "1:4 unknown tag \"!Reff\"; expected a CloudFormation function tag such as !Ref, !Sub or !GetAtt\n"
        "2:4 tag \"!!binary\" is not supported by CloudFormation\n"
        "3:4 unknown tag \"!Custom\"; expected a CloudFormation function tag such as !Ref, !Sub or !GetAtt\n");
  CHECK(r.result.issues[0].help.front() == "did you mean !Ref?");
}

TEST_CASE("a block scalar's text maps back to the template line by line") {
  const Read r(
      "InputTemplate: |\n"
      "  {\n"
      "    \"revisionValue\": <digest>\n"
      "  }\n");
  const NodeId value = r.at("InputTemplate");
  const auto decoded = syntax::decode_string(r.sources.file(r.file).text(), r.doc(), value);
  REQUIRE(decoded.text == "{\n  \"revisionValue\": <digest>\n}\n");
  REQUIRE(decoded.offsets.size() == decoded.text.size() + 1);
  const auto at = decoded.text.find("<digest>");
  const auto lc = r.sources.line_col(r.file, decoded.offsets[at]);
  CHECK(lc.line == 3);
  CHECK(lc.column == 22);
  // Quoted and folded forms map too.
  const Read q("a: \"x \\\"<y>\\\"\n  z\"\nb: >\n  one\n  <two>\n");
  const auto qa = syntax::decode_string(q.sources.file(q.file).text(), q.doc(), q.at("a"));
  CHECK(qa.text == "x \"<y>\" z");
  CHECK(q.sources.line_col(q.file, qa.offsets[qa.text.find("<y>")]).column == 9);
  const auto qb = syntax::decode_string(q.sources.file(q.file).text(), q.doc(), q.at("b"));
  CHECK(qb.text == "one <two>\n");
  const auto two = q.sources.line_col(q.file, qb.offsets[qb.text.find("<two>")]);
  CHECK((two.line == 5 && two.column == 3));
}

TEST_CASE("duplicate YAML keys are warnings, the last value kept") {
  const Read r("Type: a\nProperties: {}\nType: b\n");
  REQUIRE(r.result.issues.size() == 1);
  CHECK(r.result.issues[0].kind == syntax::IssueKind::duplicate_key);
  CHECK(r.issues() == "3:1 duplicate key \"Type\"\n");
  CHECK(r.doc().string(r.doc().get(r.doc().root(), "Type")) == "b");
}

TEST_CASE("aliases are resolved with the alias's span, merge keys merged, and both reported") {
  const Read r(
      "base: &tags {Team: web, Env: prod}\n"
      "copy: *tags\n"
      "merged:\n"
      "  <<: *tags\n"
      "  Env: dev\n");
  const auto& d = r.doc();
  CHECK(d.string(r.at("copy/Team")) == "web");
  CHECK(r.text_of(r.at("copy/Team")) == "*tags");
  CHECK(d.string(r.at("merged/Team")) == "web");
  CHECK(d.string(r.at("merged/Env")) == "dev");
  CHECK(r.issues() ==
        "2:7 alias \"*tags\" is not supported by CloudFormation\n"
        "4:7 alias \"*tags\" is not supported by CloudFormation\n"
        "4:3 merge key \"<<\" is not supported by CloudFormation\n");
  CHECK(r.result.issues[0].related.size() == 1);  // "anchored here"
}

TEST_CASE("an alias bomb stops at the budget") {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    const char prev = static_cast<char>(c - 1);
    text += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" +
            prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
  }
  const Read r(text);
  CHECK(r.doc().size() < 300'000);
  CHECK(r.issues().find("aliases expand to more than 100000 values") != std::string::npos);
}

TEST_CASE("YAML syntax errors are explained at their place") {
  const auto first = [](const std::string& text) {
    const Read r(text);
    return r.issues().substr(0, r.issues().find('\n'));
  };
  CHECK(first("Resources: {Pipeline: 1\n") == "2:1 unclosed flow mapping; expected \"}\"");
  CHECK(first("a: [1, 2\nb: 3\n") == "2:2 expected \",\" or \"]\" in the flow sequence, found \":\"");
  CHECK(first("a:\n  b: 1\n c: 2\n") == "3:2 bad indentation: found \"c\" at column 2, expected a key of the mapping at column 1");
  CHECK(first("a:\n\tb: 1\n") == "2:1 tab character in indentation; YAML indents with spaces only");
  CHECK(first("a: b: c\n") == "1:5 unexpected \":\" where no mapping value can start; expected the end of the value");
  CHECK(first("a: [1]]\n") == "1:7 unexpected \"]\"; expected no closing bracket, as none is open");
  CHECK(first("a: 1\n- b\n") == "2:1 unexpected \"-\" among the keys of a mapping; expected a key");
  CHECK(first("- a\nb: 1\n") == "2:1 unexpected \"b\" after the end of the top-level value; check the indentation");
  CHECK(first("a:\n  - x\n  b: 1\n") == "3:3 bad indentation: found \"b\" at column 3, expected a key of the mapping at column 1");
  CHECK(first("a: \"x\\qy\"\n") == "1:6 unknown escape \"\\\\q\" in a double-quoted string");
  CHECK(first("a: *nowhere\n") == "1:4 alias \"*nowhere\" refers to no anchor");
  CHECK(first("a: \"never closed\nb: 2\n") == "1:4 unterminated string; expected a closing quote");
  CHECK(first("a: 1\n---\nb: 2\n") == "2:1 a second YAML document; a CloudFormation template is a single document");
  CHECK(first("a: %x\n") == "1:4 a plain YAML value cannot start with \"%\"");
  CHECK(first("") == "1:1 empty file; expected a YAML document");
  CHECK(first("# nothing but a comment\n") == "2:1 empty file; expected a YAML document");
  // After an error the partial document is not kept.
  CHECK(Read("a: 1\nb: [\n").doc().empty());
}

TEST_CASE("YAML nested too deep is cut before yaml-cpp sees it") {
  const Read flow(std::string(100'000, '[') + std::string(100'000, ']'));
  CHECK(flow.issues() == "1:257 nesting deeper than 256 levels; pipec does not read further into this value\n");
  CHECK(flow.result.issues[0].kind == syntax::IssueKind::too_deep);
  std::string block;
  for (int i = 0; i < 100'000; ++i) block += "- ";
  block += "x\n";
  const Read compact(block);
  CHECK(compact.issues() == "1:513 nesting deeper than 256 levels; pipec does not read further into this value\n");
  std::string indented;
  for (int i = 0; i < 300; ++i) indented += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  const Read keys(indented);
  CHECK(keys.issues() == "257:257 nesting deeper than 256 levels; pipec does not read further into this value\n");
  const Read unclosed(std::string(100'000, '{'));
  CHECK(unclosed.issues().find("nesting deeper than 256 levels") != std::string::npos);
  // The pre-scan alone.
  CHECK(syntax::yaml::find_deep_regions("a: [[[1]]]\nb:\n  c: {d: [e]}\n", 4).empty());
  CHECK(syntax::yaml::find_deep_regions("a: [[[1]]]\nb:\n  c: {d: [e]}\n", 3).size() == 2);
  CHECK(syntax::yaml::find_deep_regions("a: '[[[[['\nb: |\n  [[[[[[\n", 2).empty());
  // Indentless sequences, one after another in a mapping, are not nested:
  // each ends at the next key.
  std::string many_lists = "k:\n";
  for (int i = 0; i < 300; ++i) many_lists += fmt::format("  k{}:\n  - v\n", i);
  CHECK(syntax::yaml::find_deep_regions(many_lists, 3).empty());
  CHECK(Read(many_lists).issues().empty());
  CHECK(syntax::yaml::find_deep_regions("a:\n  b:\n  - c:\n    - d\n", 5).empty());
  CHECK(syntax::yaml::find_deep_regions("a:\n  b:\n  - c:\n    - d\n", 4).size() == 1);
}

TEST_CASE("positions count the byte order mark and CRLF line ends as the renderer does") {
  const Read bom("\xEF\xBB\xBF" "a: x\r\nb: \"y\"\r\n");
  CHECK(bom.result.issues.empty());
  CHECK(bom.text_of(bom.at("a")) == "x");
  CHECK(bom.text_of(bom.at("b")) == "\"y\"");
  CHECK(bom.position(bom.doc().node(bom.at("b")).span) == "2:4");
}

TEST_CASE("JSON is YAML: a JSON template read by the YAML reader gives the same tree") {
  const Read r(R"({"Resources": {"P": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"Stages": [1, true, null]}}}})");
  CHECK(r.result.issues.empty());
  CHECK(r.text_of(r.at("Resources/P/Type")) == "\"AWS::CodePipeline::Pipeline\"");
  CHECK(r.doc().is(r.at("Resources/P/Properties/Stages/1"), NodeKind::boolean));
  CHECK(syntax::is_yaml_file("t.yaml", "{}"));
  CHECK(syntax::is_yaml_file("t.yml", "{}"));
  CHECK(syntax::is_yaml_file("stack.template", "AWSTemplateFormatVersion: x"));
  CHECK_FALSE(syntax::is_yaml_file("stack.template", "  {\"AWSTemplateFormatVersion\": \"x\"}"));
  CHECK_FALSE(syntax::is_yaml_file("t.json", "a: b"));
}
