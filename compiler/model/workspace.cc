#include "model/workspace.h"

#include "model/pipeline_payload.h"

namespace pipec::model {

namespace {

// Length of the common folder prefix of two paths.
std::size_t shared_folders(std::string_view a, std::string_view b) {
  std::size_t shared = 0;
  for (std::size_t i = 0; i < a.size() && i < b.size() && a[i] == b[i]; ++i) {
    if (a[i] == '/') shared = i + 1;
  }
  return shared;
}

}  // namespace

const Pipeline* Workspace::pipeline_named(std::string_view name, source::FileId near) const {
  const std::string& here = sources.file(sources.to_root(source::Span{near, 0, 0}).file).path();
  const Pipeline* best = nullptr;
  std::size_t best_shared = 0;
  for (const auto& p : pipelines) {
    if (!p.name || p.name->value != name) continue;
    const std::size_t shared = shared_folders(here, sources.file(p.document->file()).path());
    if (best == nullptr || shared > best_shared) {
      best = &p;
      best_shared = shared;
    }
  }
  return best;
}

std::optional<Workspace::TargetedPipeline> Workspace::targeted_pipeline(const TargetSet& set, const Target& target) const {
  if (target.pipeline) return TargetedPipeline{&pipelines[target.pipeline->index], target.pipeline->span};
  if (!target.arn || set.document == nullptr) return std::nullopt;
  const auto name = pipeline_name_from_arn(target.arn->value);
  if (!name) return std::nullopt;
  const Pipeline* p = pipeline_named(*name, set.document->file());
  if (p == nullptr) return std::nullopt;
  return TargetedPipeline{p, target.arn->span};
}

std::optional<std::size_t> Workspace::event_rule_named(std::string_view name, source::FileId near) const {
  const std::string& here = sources.file(sources.to_root(source::Span{near, 0, 0}).file).path();
  std::optional<std::size_t> best;
  std::size_t best_shared = 0;
  for (std::size_t i = 0; i < event_rules.size(); ++i) {
    const auto& rule = event_rules[i];
    if (!rule.name || rule.name->value != name) continue;
    const source::FileId file = sources.to_root(rule.name->span).file;
    const std::size_t shared = shared_folders(here, sources.file(file).path());
    if (!best || shared > best_shared) {
      best = i;
      best_shared = shared;
    }
  }
  return best;
}

const LoadedFile* Workspace::file_of(source::FileId file) const {
  const source::FileId root = sources.to_root(source::Span{file, 0, 0}).file;
  for (const auto& f : files) {
    if (f.file == root) return &f;
  }
  return nullptr;
}

void Workspace::index_policies() {
  policies_by_role_.clear();
  for (std::size_t i = 0; i < policies.size(); ++i) {
    if (!policies[i].logical_id) continue;
    const source::FileId file = policies[i].logical_id->span.file;
    if (file >= policies_by_role_.size()) policies_by_role_.resize(static_cast<std::size_t>(file) + 1);
    for (const auto& role : policies[i].roles) {
      auto& indices = policies_by_role_[file][role];
      if (indices.empty() || indices.back() != i) indices.push_back(i);
    }
  }
  policies_indexed_ = policies.size();
  policies_index_built_ = true;
}

const std::vector<std::size_t>* Workspace::policies_of_role(source::FileId file, std::string_view role) const {
  static const std::vector<std::size_t> kNone;
  if (!policies_index_built_ || policies_indexed_ != policies.size()) return nullptr;
  if (file >= policies_by_role_.size()) return &kNone;
  const auto& roles = policies_by_role_[file];
  const auto it = roles.find(role);
  return it == roles.end() ? &kNone : &it->second;
}

}  // namespace pipec::model
