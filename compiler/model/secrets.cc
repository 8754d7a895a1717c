#include "model/secrets.h"

#include <algorithm>

#include "syntax/decoded_string.h"
#include "util/ascii.h"
#include "util/credentials.h"

namespace pipec::model {

namespace {

bool names_a_credential(std::string_view text) {
  const std::string lower = util::ascii_lowered(text);
  return lower.find("secret") != std::string::npos || lower.find("key") != std::string::npos ||
         lower.find("credential") != std::string::npos || lower.find("password") != std::string::npos ||
         lower.find("token") != std::string::npos;
}

// A secret access key under a key whose name says it is a credential (the
// value first: most values are not 40 characters long).
bool looks_like_secret(std::string_view key, std::string_view value) {
  return util::looks_like_secret_access_key(value) && names_a_credential(key);
}

}  // namespace

std::vector<Secret> find_secrets(const source::SourceSet& sources, const syntax::Document& document) {
  std::vector<Secret> out;
  const std::string_view text = sources.file(document.file()).text();
  for (syntax::NodeId id = 0; id < document.size(); ++id) {
    const auto& n = document.node(id);
    if (n.kind != syntax::NodeKind::string || util::is_documentation_example(n.text)) continue;
    const syntax::Member* owner = document.owning_member(id);
    const std::string_view key = owner != nullptr ? std::string_view(owner->key) : std::string_view();
    const auto keys = util::find_access_key_ids(n.text);
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
    for (const std::size_t at : keys) {
      out.push_back({Secret::Kind::access_key_id, span_of(at, util::kAccessKeyIdLength), std::string(key)});
    }
    if (secret) out.push_back({Secret::Kind::secret_access_key, span_of(0, util::kSecretAccessKeyLength), std::string(key)});
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
    for (const std::size_t at : util::find_access_key_ids(line)) {
      if (util::is_documentation_example(line.substr(at, util::kAccessKeyIdLength))) continue;
      out.push_back({Secret::Kind::access_key_id,
                     source::Span{file, static_cast<std::uint32_t>(line_start + at), static_cast<std::uint32_t>(line_start + at + util::kAccessKeyIdLength)},
                     ""});
    }
    // A 40-character secret after a word that names a credential, on the
    // same line: `secret_key "…"`, `let secret = "…"`, `"key": "…"`, a
    // comment, JSON inside a string.
    for (const std::size_t at : util::find_secret_access_keys(line)) {
      const std::string_view value = line.substr(at, util::kSecretAccessKeyLength);
      if (util::is_documentation_example(value) || !names_a_credential(line.substr(0, at))) continue;
      out.push_back({Secret::Kind::secret_access_key,
                     source::Span{file, static_cast<std::uint32_t>(line_start + at), static_cast<std::uint32_t>(line_start + at + util::kSecretAccessKeyLength)},
                     ""});
    }
    line_start = line_end + 1;
  }
  return out;
}

std::vector<Secret> merge_secrets(std::vector<Secret> in_document, const std::vector<Secret>& in_text,
                                  const source::SourceSet& sources) {
  for (const auto& t : in_text) {
    const source::Span text_root = sources.to_root(t.span);
    const bool known = std::any_of(in_document.begin(), in_document.end(), [&](const Secret& d) {
      const source::Span root = sources.to_root(d.span);
      return root.file == text_root.file && root.begin < text_root.end && text_root.begin < root.end;
    });
    if (!known) in_document.push_back(t);
  }
  return in_document;
}

}  // namespace pipec::model
