#include "rules/support.h"

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

void report_schema(const check::Context& context, check::Reporter& out, std::string_view schema,
                   const syntax::Document& document, syntax::NodeId node) {
  for (auto& e : context.schemas.validate(schema, document, node)) {
    auto& f = out.report(e.span, std::move(e.message)).with_label(std::move(e.label));
    f.help = std::move(e.help);
  }
}

void check_files_against(const check::Context& context, check::Reporter& out, model::Kind kind,
                         std::string_view schema) {
  for (const auto& file : context.workspace.files) {
    if (file.kind != kind || file.document == nullptr || file.document->empty()) continue;
    report_schema(context, out, schema, *file.document, file.document->root());
  }
}

}  // namespace pipec::rules
