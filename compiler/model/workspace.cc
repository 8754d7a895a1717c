#include "model/workspace.h"

namespace pipec::model {

const Pipeline* Workspace::pipeline_named(std::string_view name) const {
  for (const auto& p : pipelines) {
    if (p.name && p.name->value == name) return &p;
  }
  return nullptr;
}

const LoadedFile* Workspace::file_of(source::FileId file) const {
  const source::FileId root = sources.to_root(source::Span{file, 0, 0}).file;
  for (const auto& f : files) {
    if (f.file == root) return &f;
  }
  return nullptr;
}

}  // namespace pipec::model
