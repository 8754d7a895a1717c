#include "util/credentials.h"

#include <algorithm>

#include "util/byte_set.h"

namespace pipec::util {

namespace {

// Tables: every byte of every file read is asked about.
constexpr ByteSet kUpperOrDigit("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
constexpr ByteSet kBase64("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

// Where the runs of bytes of `set` that are exactly `length` long start (a
// run as long as it goes: not part of a longer one), for those `wanted`
// takes.
template <typename Wanted>
std::vector<std::size_t> runs_of_exactly(std::string_view text, std::size_t length, const ByteSet& set, Wanted&& wanted) {
  std::vector<std::size_t> found;
  // No run starts before `from` that has not been looked at.
  std::size_t from = 0;
  while (from + length <= text.size()) {
    // A run of `length` that starts in [from, from + length) covers byte
    // from + length - 1: where that byte is not in the set, no run starts
    // there (most text skips here, `length` bytes at a time).
    if (!set.has(text[from + length - 1])) {
      from += length;
      continue;
    }
    // The run through that byte, from where it starts at or after `from`.
    std::size_t begin = from + length - 1;
    while (begin > from && set.has(text[begin - 1])) --begin;
    std::size_t end = from + length;
    while (end < text.size() && set.has(text[end])) ++end;
    if (end - begin == length && wanted(text.substr(begin, length))) found.push_back(begin);
    from = end;
  }
  return found;
}

}  // namespace

std::vector<std::size_t> find_access_key_ids(std::string_view text) {
  return runs_of_exactly(text, kAccessKeyIdLength, kUpperOrDigit, [](std::string_view id) {
    const std::string_view prefix = id.substr(0, 4);
    return prefix == "AKIA" || prefix == "ASIA" || prefix == "ABIA" || prefix == "ACCA";
  });
}

bool looks_like_secret_access_key(std::string_view value) {
  if (value.size() != kSecretAccessKeyLength) return false;
  bool upper = false, lower = false, digit = false;
  for (const char c : value) {
    if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= '0' && c <= '9') digit = true;
    else if (c != '/' && c != '+') return false;
  }
  return upper && lower && digit;
}

std::vector<std::size_t> find_secret_access_keys(std::string_view text) {
  // Optionally followed by base64's "=" padding, which is not in the set.
  return runs_of_exactly(text, kSecretAccessKeyLength, kBase64, looks_like_secret_access_key);
}

bool is_documentation_example(std::string_view value) { return value.find("EXAMPLE") != std::string_view::npos; }

void mask_credentials(std::string& text) {
  for (const std::size_t at : find_access_key_ids(text)) {
    if (is_documentation_example(std::string_view(text).substr(at, kAccessKeyIdLength))) continue;
    std::fill(text.begin() + static_cast<std::ptrdiff_t>(at + 4), text.begin() + static_cast<std::ptrdiff_t>(at + kAccessKeyIdLength), '*');
  }
  for (const std::size_t at : find_secret_access_keys(text)) {
    if (is_documentation_example(std::string_view(text).substr(at, kSecretAccessKeyLength))) continue;
    std::fill(text.begin() + static_cast<std::ptrdiff_t>(at), text.begin() + static_cast<std::ptrdiff_t>(at + kSecretAccessKeyLength), '*');
  }
}

}  // namespace pipec::util
