#pragma once
// Files compiled into the binary (cmake/embed_files.cmake).

#include <span>
#include <string_view>

namespace pipec::util {

struct EmbeddedFile {
  std::string_view name;  ///< path relative to the embedded folder
  std::string_view text;
};

/// The file named `name` in `files`, if present.
[[nodiscard]] inline const EmbeddedFile* find_embedded(std::span<const EmbeddedFile> files, std::string_view name) {
  for (const auto& f : files) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace pipec::util
