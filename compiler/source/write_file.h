#pragma once
// Writing output files atomically: the bytes go to a temporary file in the
// same folder, which is renamed over the target only once complete, so a
// failed or interrupted run never leaves a half-written file.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pipec::source {

/// Returns an error message, or nothing on success.
[[nodiscard]] std::optional<std::string> write_file_atomically(const std::string& path, std::string_view text);

/// Removes a file; returns an error message, or nothing on success.
[[nodiscard]] std::optional<std::string> remove_file(const std::string& path);

}  // namespace pipec::source
