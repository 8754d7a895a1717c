#include "model/azure_tasks.h"

#include "model/workspace.h"
#include "util/ascii.h"

namespace pipec::model {

namespace {

using syntax::NodeId;
using syntax::NodeKind;

// Deeper than any real pipeline; the reader has already bounded nesting.
constexpr int kMaxDepth = 64;

void walk(Workspace& ws, const syntax::Document& doc, NodeId node, int depth) {
  if (depth > kMaxDepth) return;
  if (doc.is(node, NodeKind::array)) {
    for (const NodeId item : doc.items(node)) walk(ws, doc, item, depth + 1);
    return;
  }
  if (!doc.is(node, NodeKind::object)) return;
  const NodeId task = doc.get(node, "task");
  if (doc.is(task, NodeKind::string)) {
    AzureTask t;
    t.document = &doc;
    t.node = node;
    t.reference = Text{std::string(doc.node(task).text), doc.node(task).span, task};
    const std::string& text = t.reference.value;
    const auto at = text.find('@');
    t.name = text.substr(0, at);
    if (at != std::string::npos) t.version = text.substr(at + 1);
    t.inputs = doc.get(node, "inputs");
    ws.azure_tasks.push_back(std::move(t));
    return;
  }
  for (const auto& m : doc.members(node)) walk(ws, doc, m.value, depth + 1);
}

}  // namespace

bool AzureTask::is(std::string_view task) const {
  return util::equal_ignoring_ascii_case(name, task);
}

void lower_azure_tasks(Workspace& ws, const syntax::Document& doc) {
  if (doc.empty()) return;
  walk(ws, doc, doc.root(), 0);
}

}  // namespace pipec::model
