#pragma once
// AWS credentials written in a document. Found when a file is loaded, not by
// a rule: whatever rules run, every renderer masks them (see
// diag::Redaction), and rule CP5001 reports them.

#include <string>
#include <vector>

#include "source/source_file.h"
#include "syntax/document.h"

namespace pipec::model {

struct Secret {
  enum class Kind { access_key_id, secret_access_key };
  Kind kind;
  source::Span span;  ///< the credential itself, inside its string
  std::string key;    ///< the member that holds it ("secret_key"), if any
  /// Bytes that may be shown: an access key ID's "AKIA" prefix, nothing of a secret.
  [[nodiscard]] std::size_t shown() const { return kind == Kind::access_key_id ? 4 : 0; }
};

[[nodiscard]] std::vector<Secret> find_secrets(const source::SourceSet& sources, const syntax::Document& document);

/// The same in the text of a file, whatever it is (a .pipe file, or the
/// comments, keys and strings of JSON inside JSON a document does not show
/// as values): access key IDs anywhere, secret keys on a line that names a
/// credential before them.
[[nodiscard]] std::vector<Secret> find_secrets_in_text(const source::SourceSet& sources, source::FileId file);

/// The secrets of a document, and those its text shows elsewhere (each once).
[[nodiscard]] std::vector<Secret> merge_secrets(std::vector<Secret> in_document, const std::vector<Secret>& in_text,
                                                const source::SourceSet& sources);

}  // namespace pipec::model
