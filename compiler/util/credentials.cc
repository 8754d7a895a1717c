#include "util/credentials.h"

#include <algorithm>

#include "util/byte_set.h"

namespace pipec::util {

namespace {

bool upper_or_digit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// A table: every byte of every file read is asked about.
constexpr ByteSet kBase64("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

bool base64(char c) { return kBase64.has(c); }

}  // namespace

std::vector<std::size_t> find_access_key_ids(std::string_view text) {
  std::vector<std::size_t> found;
  for (std::size_t i = text.find('A'); i != std::string_view::npos && i + kAccessKeyIdLength <= text.size(); i = text.find('A', i + 1)) {
    const std::string_view prefix = text.substr(i, 4);
    if (prefix != "AKIA" && prefix != "ASIA" && prefix != "ABIA" && prefix != "ACCA") continue;
    if (i > 0 && upper_or_digit(text[i - 1])) continue;
    const std::string_view key = text.substr(i, kAccessKeyIdLength);
    if (!std::all_of(key.begin(), key.end(), upper_or_digit)) continue;
    if (i + kAccessKeyIdLength < text.size() && upper_or_digit(text[i + kAccessKeyIdLength])) continue;
    found.push_back(i);
    i += kAccessKeyIdLength - 1;
  }
  return found;
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
  std::vector<std::size_t> found;
  constexpr std::size_t kLength = kSecretAccessKeyLength;
  // `from` starts a run, or follows a byte outside base64.
  std::size_t from = 0;
  while (from + kLength <= text.size()) {
    // A run of 40 that starts in [from, from + 40) covers from + 39: where
    // that byte is not base64, no run starts there (most text skips here,
    // 40 bytes at a time).
    if (!base64(text[from + kLength - 1])) {
      from += kLength;
      continue;
    }
    // The run through from + 39, from where it starts at or after `from`.
    std::size_t begin = from + kLength - 1;
    while (begin > from && base64(text[begin - 1])) --begin;
    std::size_t end = from + kLength;
    while (end < text.size() && base64(text[end])) ++end;
    // A run of exactly 40, optionally ending in base64's "=" padding.
    if (end - begin == kLength && looks_like_secret_access_key(text.substr(begin, kLength))) found.push_back(begin);
    from = end;
  }
  return found;
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
