#pragma once
// The shapes of AWS credentials, for finding them in any text: an access
// key ID (AKIA, ASIA, ABIA or ACCA and 16 upper-case letters or digits) and
// a secret access key (40 base64 characters, random enough to hold upper
// and lower case and digits, which a SHA-1 in hex does not). AWS's
// documentation examples (…EXAMPLE…) are placeholders, not credentials.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pipec::util {

inline constexpr std::size_t kAccessKeyIdLength = 20;
inline constexpr std::size_t kSecretAccessKeyLength = 40;

/// Offsets of access key IDs in `text`, each standing alone (not inside a
/// longer run of upper-case letters and digits).
[[nodiscard]] std::vector<std::size_t> find_access_key_ids(std::string_view text);

/// Offsets of 40-character tokens that look like secret access keys (not
/// inside a longer run of base64 characters).
[[nodiscard]] std::vector<std::size_t> find_secret_access_keys(std::string_view text);

/// Whether `value` is exactly a secret access key's shape.
[[nodiscard]] bool looks_like_secret_access_key(std::string_view value);

/// Whether a credential-shaped value is one of AWS's documentation examples.
[[nodiscard]] bool is_documentation_example(std::string_view value);

/// `text` with every credential masked: an access key ID keeps its first
/// four characters, a secret access key none. The last line of defence of
/// every output pipec prints: a payload, a message or a frame that quotes
/// a credential from somewhere pipec did not look still shows none of it.
void mask_credentials(std::string& text);

}  // namespace pipec::util
