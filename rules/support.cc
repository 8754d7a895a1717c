#include "rules/support.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "model/cloudformation.h"
#include "util/parallel.h"

namespace pipec::rules {

namespace {

// Where a CloudFormation job's errors are dropped: inside values given by
// intrinsic functions and, with scalars_as_strings, numbers and booleans
// (`values`); and at the key of an intrinsic function, for a property it
// lacks (`keys`: an object was expected, {"Fn::If": …} stands instead).
struct Unknowable {
  std::vector<source::Span> values, keys;
};

// Whether the value at `id` is one only a deployment knows: an intrinsic
// function, or with scalars_as_strings a number or boolean.
bool unknowable_value(const SchemaJob& job, syntax::NodeId id) {
  const auto kind = job.document->node(id).kind;
  return model::is_intrinsic(*job.document, id) ||
         (job.scalars_as_strings && (kind == syntax::NodeKind::number || kind == syntax::NodeKind::boolean));
}

Unknowable unknowable(const SchemaJob& job) {
  Unknowable out;
  if (!job.cloudformation) return out;
  const auto& doc = *job.document;
  std::vector<syntax::NodeId> pending{job.node};
  while (!pending.empty()) {
    const syntax::NodeId id = pending.back();
    pending.pop_back();
    if (id == syntax::kNoNode) continue;
    const auto& n = doc.node(id);
    if (unknowable_value(job, id)) {
      out.values.push_back(n.span);
      if (model::is_intrinsic(doc, id) && doc.owning_member(id) != nullptr) out.keys.push_back(doc.name_span(id));
      continue;
    }
    for (const auto& m : doc.members(id)) pending.push_back(m.value);
    for (const syntax::NodeId item : doc.items(id)) pending.push_back(item);
  }
  return out;
}

bool inside(source::Span span, const std::vector<source::Span>& spans) {
  return std::any_of(spans.begin(), spans.end(), [&](const source::Span& s) {
    return span.file == s.file && span.begin >= s.begin && span.end <= s.end;
  });
}

}  // namespace

void forward_issues(const check::Context& context, check::Reporter& out, syntax::IssueKind kind) {
  for (const auto& file : context.workspace.files) {
    for (const auto& issue : file.issues) {
      if (issue.kind != kind) continue;
      auto& f = out.report(issue.span, issue.message).with_label(issue.label);
      f.related = issue.related;
      f.help = issue.help;
    }
  }
}

// Each thread compiles the schemas it uses (a few milliseconds each): a
// second thread pays off only past a few dozen validations.
constexpr std::size_t kJobsPerThread = 24;

void report_schemas(const check::Context& context, check::Reporter& out, const std::vector<SchemaJob>& jobs) {
  std::vector<std::vector<schema::SchemaError>> results(jobs.size());
  util::parallel_for(jobs.size(), [&](std::size_t i) {
    const SchemaJob& job = jobs[i];
    if (!job.cloudformation) {
      results[i] = context.schemas.validate(job.schema, *job.document, job.node);
      return;
    }
    // The values unknowable() collects, as the checks meet them.
    const schema::Unknowable is_unknowable = [&](syntax::NodeId id) { return unknowable_value(job, id); };
    bool all_dropped = false;
    results[i] = context.schemas.validate(job.schema, *job.document, job.node, &is_unknowable, &all_dropped);
    if (results[i].empty()) return;
    const auto skip = unknowable(job);
    std::erase_if(results[i], [&](const schema::SchemaError& e) {
      if (inside(e.span, skip.values)) return true;
      // "missing required property" is reported at the key of the object that lacks it.
      const bool required = e.label.starts_with("needs ");
      return required && std::find(skip.keys.begin(), skip.keys.end(), e.span) != skip.keys.end();
    });
    if (all_dropped && !results[i].empty()) {
      // Only under PIPEC_CROSS_CHECK_SCHEMAS do errors come back with the claim.
      std::fprintf(stderr, "pipec: internal error: the validity checks said every error against %.*s would be dropped; "
                   "this one is not: %s\n", static_cast<int>(job.schema.size()), job.schema.data(),
                   results[i].front().message.c_str());
      std::abort();
    }
  }, kJobsPerThread);
  for (auto& errors : results) {
    for (auto& e : errors) {
      auto& f = out.report(e.span, std::move(e.message)).with_label(std::move(e.label));
      f.help = std::move(e.help);
    }
  }
}

void check_resources_against(const check::Context& context, check::Reporter& out, std::string_view type,
                             std::string_view schema) {
  std::vector<SchemaJob> jobs;
  for (const auto& file : context.workspace.files) {
    if (file.kind != model::Kind::cloudformation || file.document == nullptr || file.document->empty()) continue;
    for (const auto& r : model::template_resources(*file.document, type)) {
      jobs.push_back({schema, file.document, r.member->value});
    }
  }
  report_schemas(context, out, jobs);
}

void check_files_against(const check::Context& context, check::Reporter& out, model::Kind kind,
                         std::string_view schema) {
  std::vector<SchemaJob> jobs;
  for (const auto& file : context.workspace.files) {
    if (file.kind != kind || file.document == nullptr || file.document->empty()) continue;
    jobs.push_back({schema, file.document, file.document->root()});
  }
  report_schemas(context, out, jobs);
}

}  // namespace pipec::rules
