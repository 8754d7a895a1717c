#include "eventbridge/ecr_samples.h"

#include <algorithm>

#include "eventbridge/match.h"
#include "model/ecr_sample_events.h"
#include "syntax/json/json_reader.h"

namespace pipec::eventbridge {

namespace {

constexpr std::string_view kSampleRepository = "my-repository-name";

bool tells_kind(const Field& field, const model::EcrEventType* type) {
  if (field.path == "source" || field.path == "detail-type") return true;
  if (type == nullptr || field.segments.size() < 2 || field.segments[0] != "detail") return false;
  const std::vector<std::string> below(field.segments.begin() + 1, field.segments.end());
  const auto found = model::find_ecr_field(*type, below);
  // A field events of the type never have: they never match (CP3004's finding).
  if (found.field == nullptr) return true;
  return !found.field->values.empty();
}

// ECR's repository names and image tags (ECR API Reference: CreateRepository
// repositoryName, PutImage imageTag), which need no escaping in JSON.
bool plain(std::string_view text, bool tag) {
  if (text.empty() || text.size() > (tag ? 300 : 256)) return false;
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || (!tag && c == '/') ||
           (tag && c >= 'A' && c <= 'Z');
  });
}

std::vector<EcrSample> read_ecr_samples(source::SourceSet& scratch) {
  std::vector<EcrSample> out;
  for (const auto& f : model::ecr_sample_events()) {
    const auto file = scratch.add(std::string(f.name), std::string(f.text));
    auto parsed = syntax::read_json(scratch, file);
    const auto& doc = parsed.document;
    if (doc.empty()) continue;
    const std::string detail_type(doc.string(doc.get(doc.root(), "detail-type")));
    out.push_back({std::string(f.name), detail_type, std::move(parsed.document)});
  }
  const auto rank = [](const EcrSample& s) {
    return s.name.find("push") != std::string::npos ? 0 : s.name.find("success") != std::string::npos ? 1 : 2;
  };
  std::stable_sort(out.begin(), out.end(), [&](const EcrSample& a, const EcrSample& b) { return rank(a) < rank(b); });
  return out;
}

}  // namespace

const std::vector<EcrSample>& ecr_samples() {
  // Two rules read them; parsing them is more of a one-template lint than
  // matching them. The source set outlives the documents' spans.
  static source::SourceSet sources;
  static const std::vector<EcrSample> samples = read_ecr_samples(sources);
  return samples;
}

bool ecr_sample_names_an_image(const EcrSample& sample) {
  const syntax::Document& e = sample.event;
  const auto detail = e.get(e.root(), "detail");
  return e.string(e.get(detail, "repository-name")) == kSampleRepository && e.is(e.get(detail, "image-tag"), syntax::NodeKind::string);
}

EcrSampleRewriter::EcrSampleRewriter(const EcrSample& sample) : event_(sample.event.subtree(sample.event.root())) {
  // The sample's document with its strings rewritten, rather than its text
  // rewritten and read again: both names need no escaping in JSON, so a
  // string's value is its text in the file.
  for (syntax::NodeId id = 0; id < event_.size(); ++id) {
    if (event_.is(id, syntax::NodeKind::string) && event_.node(id).text.find(kSampleRepository) != std::string_view::npos) {
      naming_repository_.push_back({id, event_.node(id).text});
    }
  }
  const syntax::NodeId tag = event_.get(event_.get(event_.root(), "detail"), "image-tag");
  if (event_.is(tag, syntax::NodeKind::string)) tag_ = tag;
}

const syntax::Document* EcrSampleRewriter::about(std::string_view repository, std::string_view tag) {
  if (!plain(repository, false) || !plain(tag, true) || tag_ == syntax::kNoNode) return nullptr;
  for (const auto& [id, sample_text] : naming_repository_) {
    scratch_.assign(sample_text);
    for (auto at = scratch_.find(kSampleRepository); at != std::string::npos;
         at = scratch_.find(kSampleRepository, at + repository.size())) {
      scratch_.replace(at, kSampleRepository.size(), repository);
    }
    event_.mutable_node(id).text = event_.keep(scratch_);
  }
  event_.mutable_node(tag_).text = event_.keep(tag);
  return &event_;
}

std::optional<syntax::Document> ecr_sample_about(const EcrSample& sample, std::string_view repository,
                                                 std::string_view tag) {
  if (!ecr_sample_names_an_image(sample)) return std::nullopt;
  EcrSampleRewriter rewriter(sample);
  if (rewriter.about(repository, tag) == nullptr) return std::nullopt;
  return std::move(rewriter).take();
}

std::vector<const EcrSample*> samples_of_kinds(const CompiledPattern& pattern) {
  // One explainer for every sample, judging with the pattern's branches each
  // cut down to the fields that tell its kind: the fields and their order
  // stay, so the branches judge as the pattern's own would with the other
  // fields removed. Samples of one type share their branches.
  Explainer explainer(pattern);
  std::vector<std::pair<const model::EcrEventType*, std::vector<Branch>>> kinds;
  std::vector<const EcrSample*> out;
  for (const auto& sample : ecr_samples()) {
    const model::EcrEventType* type = model::find_ecr_event_type(sample.detail_type);
    auto kind = std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == type; });
    if (kind == kinds.end()) {
      std::vector<Branch> branches = pattern.branches;
      for (auto& b : branches) {
        std::erase_if(b.fields, [&](std::uint32_t index) { return !tells_kind(pattern.fields[index], type); });
      }
      kind = kinds.insert(kinds.end(), {type, std::move(branches)});
    }
    if (explainer.accepts(sample.event, kind->second)) out.push_back(&sample);
  }
  return out;
}

}  // namespace pipec::eventbridge
