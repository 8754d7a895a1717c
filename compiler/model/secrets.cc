#include "model/secrets.h"

#include <algorithm>

#include "syntax/decoded_string.h"

namespace pipec::model {

namespace {

constexpr std::size_t kAccessKeyLength = 20;
constexpr std::size_t kSecretKeyLength = 40;

bool upper_or_digit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Offsets of AWS access key IDs in `text`: AKIA (long-term), ASIA (temporary),
// ABIA and ACCA prefixes and 16 more upper-case letters or digits, standing
// alone (not inside a longer run of such characters).
std::vector<std::size_t> access_keys(std::string_view text) {
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i + kAccessKeyLength <= text.size(); ++i) {
    const std::string_view prefix = text.substr(i, 4);
    if (prefix != "AKIA" && prefix != "ASIA" && prefix != "ABIA" && prefix != "ACCA") continue;
    if (i > 0 && upper_or_digit(text[i - 1])) continue;
    const std::string_view key = text.substr(i, kAccessKeyLength);
    if (!std::all_of(key.begin(), key.end(), upper_or_digit)) continue;
    if (i + kAccessKeyLength < text.size() && upper_or_digit(text[i + kAccessKeyLength])) continue;
    found.push_back(i);
    i += kAccessKeyLength - 1;
  }
  return found;
}

// A secret access key: 40 base64 characters, random enough to hold upper
// and lower case and digits (a SHA-1 in hex does not), under a key whose
// name says it is a credential.
bool looks_like_secret(std::string_view key, std::string_view value) {
  if (value.size() != kSecretKeyLength) return false;
  std::string lower(key);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool credential_name = lower.find("secret") != std::string::npos || lower.find("key") != std::string::npos ||
                               lower.find("credential") != std::string::npos || lower.find("password") != std::string::npos ||
                               lower.find("token") != std::string::npos;
  if (!credential_name) return false;
  bool upper = false, lower_case = false, digit = false;
  for (const char c : value) {
    if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= 'a' && c <= 'z') lower_case = true;
    else if (c >= '0' && c <= '9') digit = true;
    else if (c != '/' && c != '+') return false;
  }
  return upper && lower_case && digit;
}

// AWS's documentation keys (AKIAIOSFODNN7EXAMPLE and its secret) are
// placeholders, not leaks.
bool is_documentation_example(std::string_view value) { return value.find("EXAMPLE") != std::string_view::npos; }

}  // namespace

std::vector<Secret> find_secrets(const source::SourceSet& sources, const syntax::Document& document) {
  std::vector<Secret> out;
  const std::string_view text = sources.file(document.file()).text();
  for (syntax::NodeId id = 0; id < document.size(); ++id) {
    const auto& n = document.node(id);
    if (n.kind != syntax::NodeKind::string || is_documentation_example(n.text)) continue;
    const syntax::Member* owner = document.owning_member(id);
    const std::string key = owner != nullptr ? owner->key : "";
    const auto keys = access_keys(n.text);
    const bool secret = looks_like_secret(key, n.text);
    if (keys.empty() && !secret) continue;
    // Offsets through the decoded string, so escapes before the key count.
    const auto decoded = syntax::decode_string(text, document, id);
    if (decoded.text != n.text) continue;  // a repaired token: not what was written
    const auto span_of = [&](std::size_t at, std::size_t length) {
      // Where the text cannot be mapped byte by byte, the whole value is masked.
      if (!decoded.mapped) return n.span;
      return source::Span{document.file(), decoded.offsets[at], decoded.offsets[at + length]};
    };
    for (const std::size_t at : keys) out.push_back({Secret::Kind::access_key_id, span_of(at, kAccessKeyLength), key});
    if (secret) out.push_back({Secret::Kind::secret_access_key, span_of(0, kSecretKeyLength), key});
  }
  return out;
}

std::vector<Secret> find_secrets_in_text(const source::SourceSet& sources, source::FileId file) {
  std::vector<Secret> out;
  const std::string_view text = sources.file(file).text();
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    const std::size_t line_end = std::min(text.find('\n', line_start), text.size());
    const std::string_view line = text.substr(line_start, line_end - line_start);
    for (const std::size_t at : access_keys(line)) {
      if (is_documentation_example(line.substr(at, kAccessKeyLength))) continue;
      out.push_back({Secret::Kind::access_key_id,
                     source::Span{file, static_cast<std::uint32_t>(line_start + at), static_cast<std::uint32_t>(line_start + at + kAccessKeyLength)},
                     ""});
    }
    // "…40 characters…" after a word that names a credential.
    for (std::size_t q = line.find('"'); q != std::string_view::npos; q = line.find('"', q + 1)) {
      const std::size_t close = line.find('"', q + 1);
      if (close == std::string_view::npos) break;
      const std::string_view value = line.substr(q + 1, close - q - 1);
      // The name before the value: `secret_key "…"`, `let secret = "…"`, `"key": "…"`.
      std::string_view before = line.substr(0, q);
      while (!before.empty() && std::string_view(" \t=:\"").find(before.back()) != std::string_view::npos) {
        before.remove_suffix(1);
      }
      std::size_t word_start = before.size();
      while (word_start > 0 && (std::isalnum(static_cast<unsigned char>(before[word_start - 1])) ||
                                before[word_start - 1] == '_' || before[word_start - 1] == '-')) {
        --word_start;
      }
      const std::string_view key = before.substr(word_start);
      if (!is_documentation_example(value) && looks_like_secret(key, value)) {
        out.push_back({Secret::Kind::secret_access_key,
                       source::Span{file, static_cast<std::uint32_t>(line_start + q + 1), static_cast<std::uint32_t>(line_start + close)},
                       std::string(key)});
      }
      q = close;
    }
    line_start = line_end + 1;
  }
  return out;
}

}  // namespace pipec::model
