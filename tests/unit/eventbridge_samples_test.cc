// The bundled ECR sample events (samples/ecr-events/): one per detail type,
// each a complete event, and the patterns a pipeline trigger uses pick out
// exactly the ones they should.

#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <set>

#include "eventbridge/ecr_samples.h"
#include "eventbridge/json_write.h"
#include "eventbridge/machine.h"
#include "eventbridge_support.h"
#include "model/ecr_events.h"
#include "model/ecr_sample_events.h"
#include "source/file_system.h"

using namespace pipec;
using namespace pipec::eventbridge;
using pipec::eventbridge::test::Json;

namespace {

std::map<std::string, std::unique_ptr<Json>> samples() {
  std::map<std::string, std::unique_ptr<Json>> out;
  for (const auto& f : model::ecr_sample_events()) {
    out.emplace(std::string(f.name), std::make_unique<Json>(std::string(f.text), std::string(f.name)));
  }
  return out;
}

// The sample names each pattern matches.
std::set<std::string> matched_by(const std::string& pattern) {
  const Json p{pattern};
  const auto compiled = pipec::eventbridge::test::compile(p);
  REQUIRE(compiled.ok());
  std::set<std::string> out;
  for (const auto& [name, event] : samples()) {
    if (match(compiled.pattern, event->doc()).matched) out.insert(name);
  }
  return out;
}

}  // namespace

TEST_CASE("one bundled sample per ECR detail type", "[eventbridge][samples]") {
  const auto all = samples();
  CHECK(all.size() == 8);
  CHECK(util::find_embedded(model::ecr_sample_events(), "image-action-push.json") != nullptr);
  std::set<std::string> detail_types;
  for (const auto& [name, event] : all) {
    INFO(name);
    REQUIRE(event->clean());
    const auto& doc = event->doc();
    // TestEventPattern's required fields (EBP-22).
    for (const char* field : {"id", "account", "source", "time", "region", "resources", "detail-type"}) {
      CHECK(doc.get(doc.root(), field) != syntax::kNoNode);
    }
    CHECK(doc.string(doc.get(doc.root(), "source")) == "aws.ecr");
    const auto type = doc.string(doc.get(doc.root(), "detail-type"));
    const auto* known = model::find_ecr_event_type(type);
    REQUIRE(known != nullptr);
    detail_types.insert(std::string(type));
    // Every detail field, nested ones included, is one ECR documents for the
    // type, holding what the model says, with a documented value.
    const std::function<void(syntax::NodeId, std::span<const model::EcrField>)> conforms =
        [&](syntax::NodeId object, std::span<const model::EcrField> fields) {
          for (const auto& m : doc.members(object)) {
            const auto field = std::find_if(fields.begin(), fields.end(),
                                            [&](const model::EcrField& f) { return f.name == m.key; });
            INFO(m.key);
            REQUIRE(field != fields.end());
            std::vector<syntax::NodeId> values{m.value};
            if (field->list) {
              REQUIRE(doc.is(m.value, syntax::NodeKind::array));
              values.assign(doc.items(m.value).begin(), doc.items(m.value).end());
            }
            for (const auto v : values) {
              switch (field->kind) {
                case model::EcrValueKind::object:
                  REQUIRE(doc.is(v, syntax::NodeKind::object));
                  conforms(v, field->fields);
                  break;
                case model::EcrValueKind::count:
                  REQUIRE(doc.is(v, syntax::NodeKind::number));
                  CHECK(std::stod(std::string(doc.node(v).text)) >= 1);
                  break;
                case model::EcrValueKind::string:
                  REQUIRE(doc.is(v, syntax::NodeKind::string));
                  if (!field->values.empty()) {
                    CHECK(std::find(field->values.begin(), field->values.end(), doc.string(v)) != field->values.end());
                  }
              }
            }
          }
          // A field every event carries is in this one.
          for (const auto& f : fields) {
            if (f.always) CHECK(doc.get(object, f.name) != syntax::kNoNode);
          }
        };
    conforms(doc.get(doc.root(), "detail"), known->fields);
  }
  // Every detail type ECR sends, except CloudTrail's.
  CHECK(detail_types == std::set<std::string>{"ECR Image Action", "ECR Image Scan", "ECR Pull Through Cache Action",
                                              "ECR Referrer Action", "ECR Replication Action", "ECR Scan Resource Change"});
}

TEST_CASE("trigger patterns pick the samples they should", "[eventbridge][samples]") {
  using S = std::set<std::string>;
  // The ECR source action's own rule (what CDK and the console create).
  CHECK(matched_by(R"({"source": ["aws.ecr"], "detail-type": ["ECR Image Action"],
                       "detail": {"action-type": ["PUSH"], "result": ["SUCCESS"], "repository-name": ["my-repository-name"],
                                  "image-tag": ["latest"]}})") == S{"image-action-push.json"});
  // ECR-03: a non-empty tag.
  CHECK(matched_by(R"({"detail-type": ["ECR Image Action"], "detail": {"image-tag": [{"anything-but": ""}]}})") ==
        S{"image-action-delete.json", "image-action-push.json"});
  // Seed 001's rule: completed replications only.
  CHECK(matched_by(R"({"detail-type": ["ECR Replication Action"], "source": ["aws.ecr"],
                       "detail": {"result": ["SUCCESS"], "action-type": ["REPLICATE"]}})") ==
        S{"replication-action-success.json"});
  // Critical findings from a scan.
  CHECK(matched_by(R"({"detail-type": ["ECR Image Scan"], "detail": {"finding-severity-counts": {"CRITICAL": [{"numeric": [">", 0]}]}}})") ==
        S{"image-scan.json"});
  // A repository changed to continuous scanning (an array of objects).
  CHECK(matched_by(R"({"detail": {"repositories": {"repository-name": ["repository-1"], "scan-frequency": ["CONTINUOUS_SCAN"]}}})")
            .empty());
  CHECK(matched_by(R"({"detail": {"repositories": {"repository-name": ["repository-2"], "scan-frequency": ["CONTINUOUS_SCAN"]}}})") ==
        S{"scan-resource-change.json"});
  // EBP-23: source alone catches every ECR event.
  CHECK(matched_by(R"({"source": ["aws.ecr"]})").size() == 8);
  // ECR-02: push events have no resources, so a pattern on them never fires.
  CHECK(matched_by(R"({"detail-type": ["ECR Image Action"], "resources": [{"prefix": "arn:aws:ecr:"}]})").empty());
}

TEST_CASE("seed 001's pattern matches its replication event", "[eventbridge][samples]") {
  source::DiskFileSystem fs;
  const std::string dir = std::string(PIPEC_SOURCE_DIR) + "/samples/001-replication-trigger/";
  const Json pattern{fs.read(dir + "fixed/event-pattern.json").text};
  const Json event{fs.read(dir + "replication-event.json").text};
  const auto compiled = pipec::eventbridge::test::compile(pattern);
  REQUIRE(compiled.ok());
  CHECK(match(compiled.pattern, event.doc()).matched);
  // The mistake's "Success" does not.
  const Json wrong{R"({"source": ["aws.ecr"], "detail": {"result": ["Success"]}})"};
  const auto result = match(pipec::eventbridge::test::compile(wrong).pattern, event.doc());
  CHECK_FALSE(result.matched);
  CHECK(result.decisions.at(0).message.find("the case differs") != std::string::npos);
}

TEST_CASE("paths below detail lead through the ECR model", "[eventbridge][samples]") {
  const auto* scan = model::find_ecr_event_type("ECR Image Scan");
  REQUIRE(scan != nullptr);
  const std::vector<std::string> critical{"finding-severity-counts", "CRITICAL"};
  const auto found = model::find_ecr_field(*scan, critical);
  REQUIRE(found.field != nullptr);
  CHECK(found.field->kind == model::EcrValueKind::count);
  // A misspelt nested key: the first segment exists, the second does not.
  const std::vector<std::string> typo{"finding-severity-counts", "CRITCAL"};
  const auto missing = model::find_ecr_field(*scan, typo);
  CHECK(missing.field == nullptr);
  CHECK(missing.found == 1);
  CHECK(missing.parent != nullptr);
  CHECK(missing.siblings.size() == 6);
  // Below a string there is nothing.
  const std::vector<std::string> below{"scan-status", "code"};
  const auto leaf = model::find_ecr_field(*scan, below);
  CHECK(leaf.field == nullptr);
  CHECK(leaf.found == 1);
  CHECK(leaf.siblings.empty());
  // An object inside a list is walked like one outside it.
  const auto* change = model::find_ecr_field(*model::find_ecr_event_type("ECR Scan Resource Change"),
                                             std::vector<std::string>{"repositories", "scan-frequency"})
                           .field;
  REQUIRE(change != nullptr);
  CHECK(change->values.size() == 3);
}

TEST_CASE("a sample about another repository and tag is the sample's text with them written in") {
  // ecr_sample_about rewrites the parsed sample; the reference rewrites its
  // text, as a person would, and reads that.
  const auto rewritten_text = [](std::string text, const std::string& repository, const std::string& tag) {
    const std::string sample_repository = "my-repository-name";
    for (auto at = text.find(sample_repository); at != std::string::npos; at = text.find(sample_repository, at + repository.size())) {
      text.replace(at, sample_repository.size(), repository);
    }
    const std::string key = "\"image-tag\": \"";
    const auto begin = text.find(key) + key.size();
    text.replace(begin, text.find('"', begin) - begin, tag);
    return text;
  };
  std::size_t compared = 0;
  for (const auto& sample : ecr_samples()) {
    if (!ecr_sample_names_an_image(sample)) continue;
    // One rewriter for every image in turn, as CP3009 uses it: each image's
    // event holds no name of the one before.
    EcrSampleRewriter rewriter(sample);
    std::string_view original;
    for (const auto& f : model::ecr_sample_events()) {
      if (f.name == sample.name) original = f.text;
    }
    REQUIRE_FALSE(original.empty());
    for (const auto& [repository, tag] : std::vector<std::pair<std::string, std::string>>{
             {"web", "latest"}, {"team/app-1", "v1.2.3"}, {"my-repository-name-2", "my-repository-name"}}) {
      INFO(sample.name << " about " << repository << ":" << tag);
      const auto about = ecr_sample_about(sample, repository, tag);
      REQUIRE(about.has_value());
      const Json expected{rewritten_text(std::string(original), repository, tag)};
      std::string a, b;
      write_json(*about, about->root(), a);
      write_json(expected.doc(), expected.doc().root(), b);
      CHECK(a == b);
      const syntax::Document* reused = rewriter.about(repository, tag);
      REQUIRE(reused != nullptr);
      std::string c;
      write_json(*reused, reused->root(), c);
      CHECK(c == b);
      ++compared;
    }
    CHECK_FALSE(ecr_sample_about(sample, "Not Allowed", "latest").has_value());
    CHECK(rewriter.about("web", "Not Allowed!") == nullptr);
  }
  CHECK(compared >= 6);
}

TEST_CASE("the samples of a pattern's kinds are judged on the fields that tell kinds apart", "[eventbridge][samples]") {
  const auto kinds = [](const std::string& pattern) {
    const Json p{pattern};
    const auto compiled = pipec::eventbridge::test::compile(p);
    REQUIRE(compiled.ok());
    std::vector<std::string> out;
    for (const auto* s : samples_of_kinds(compiled.pattern)) out.push_back(s->name);
    return out;
  };
  using V = std::vector<std::string>;
  // The repository and the tag say which image, not which kind: a push to
  // another repository is a push.
  CHECK(kinds(R"({"source": ["aws.ecr"], "detail-type": ["ECR Image Action"],
                  "detail": {"action-type": ["PUSH"], "result": ["SUCCESS"], "repository-name": ["web"], "image-tag": ["v1"]}})") ==
        V{"image-action-push.json"});
  CHECK(kinds(R"({"detail-type": ["ECR Replication Action"], "detail": {"result": ["SUCCESS"], "repository-name": ["web"]}})") ==
        V{"replication-action-success.json"});
  // Every kind, in ecr_samples() order: a push first, then a replication.
  const auto every = kinds(R"({"source": ["aws.ecr"]})");
  REQUIRE(every.size() == 8);
  CHECK(every[0] == "image-action-push.json");
  // In an $or, each branch is cut down on its own.
  CHECK(kinds(R"({"$or": [{"detail-type": ["ECR Image Scan"]}, {"detail": {"action-type": ["DELETE"], "repository-name": ["web"]}}]})") ==
        V{"image-action-delete.json", "image-scan.json"});
  // A field events of the type never have tells its kind: nothing matches.
  CHECK(kinds(R"({"detail-type": ["ECR Image Action"], "detail": {"no-such-field": ["x"]}})").empty());
  CHECK(kinds(R"({"source": ["aws.s3"]})").empty());
}
