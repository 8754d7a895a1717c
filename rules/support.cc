#include "rules/support.h"

#include "util/parallel.h"

namespace pipec::rules {

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

void report_schemas(const check::Context& context, check::Reporter& out, const std::vector<SchemaJob>& jobs) {
  std::vector<std::vector<schema::SchemaError>> results(jobs.size());
  util::parallel_for(jobs.size(), [&](std::size_t i) {
    results[i] = context.schemas.validate(jobs[i].schema, *jobs[i].document, jobs[i].node);
  });
  for (auto& errors : results) {
    for (auto& e : errors) {
      auto& f = out.report(e.span, std::move(e.message)).with_label(std::move(e.label));
      f.help = std::move(e.help);
    }
  }
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
