#include "aws/image_uri.h"

#include <algorithm>
#include <cctype>

namespace pipec::aws {

namespace {

bool all_of(std::string_view text, bool (*pred)(char)) { return !text.empty() && std::all_of(text.begin(), text.end(), pred); }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool hex(char c) { return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

}  // namespace

std::optional<EcrImageUri> split_ecr_image_uri(std::string_view uri) {
  const auto slash = uri.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view host = uri.substr(0, slash);
  // ACCOUNT.<service>.REGION.<suffix>
  static constexpr std::string_view kServices[] = {".dkr.ecr.", ".dkr.ecr-fips.", ".dkr-ecr.", ".dkr-ecr-fips."};
  static constexpr std::string_view kSuffixes[] = {".amazonaws.com.cn", ".amazonaws.com", ".on.aws"};
  for (const auto service : kServices) {
    const auto at = host.find(service);
    if (at == std::string_view::npos) continue;
    for (const auto suffix : kSuffixes) {
      if (!host.ends_with(suffix) || host.size() < at + service.size() + suffix.size()) continue;
      EcrImageUri out;
      out.account = host.substr(0, at);
      out.region_at = at + service.size();
      out.region = host.substr(out.region_at, host.size() - suffix.size() - out.region_at);
      std::string_view rest = uri.substr(slash + 1);
      out.repository_at = slash + 1;
      if (const auto d = rest.find('@'); d != std::string_view::npos) {
        out.digest = rest.substr(d + 1);
        out.digest_at = out.repository_at + d + 1;
        rest = rest.substr(0, d);
      }
      // The tag follows the last ':' after the last '/' (a registry port has none here).
      const auto last_slash = rest.rfind('/');
      const auto colon = rest.find(':', last_slash == std::string_view::npos ? 0 : last_slash);
      if (colon != std::string_view::npos) {
        out.tag = rest.substr(colon + 1);
        out.tag_at = out.repository_at + colon + 1;
        rest = rest.substr(0, colon);
      }
      out.repository = rest;
      return out;
    }
  }
  return std::nullopt;
}

namespace {

// One path component of a repository name: [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*.
bool repository_component(std::string_view c) {
  const auto alnum = [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'); };
  std::size_t i = 0;
  while (true) {
    const std::size_t run = i;
    while (i < c.size() && alnum(c[i])) ++i;
    if (i == run) return false;  // a separator must be followed by a letter or digit
    if (i == c.size()) return true;
    if (c[i] == '.') {
      ++i;
    } else if (c[i] == '_') {
      i += (i + 1 < c.size() && c[i + 1] == '_') ? 2 : 1;
    } else if (c[i] == '-') {
      while (i < c.size() && c[i] == '-') ++i;
    } else {
      return false;
    }
  }
}

}  // namespace

bool is_ecr_repository_name(std::string_view name) {
  // botocore ecr RepositoryName: components joined by '/', 2 to 256 characters.
  if (name.size() < 2 || name.size() > 256) return false;
  std::size_t start = 0;
  while (true) {
    const auto slash = name.find('/', start);
    if (!repository_component(name.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start))) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

std::vector<ImageUriProblem> check_ecr_image_uri(const EcrImageUri& uri) {
  std::vector<ImageUriProblem> out;
  if (!all_of(uri.account, digit) || uri.account.size() != 12) {
    out.push_back({uri.account_at, uri.account.size(),
                   all_of(uri.account, digit)
                       ? "account " + quoted(uri.account) + " has " + std::to_string(uri.account.size()) + " digits, expected 12"
                       : "account " + quoted(uri.account) + " is not an account ID, expected 12 digits"});
  }
  if (!is_ecr_repository_name(uri.repository)) {
    out.push_back({uri.repository_at, uri.repository.size(),
                   "repository " + quoted(uri.repository) +
                       " is not an ECR repository name: lowercase letters, digits, and '.', '_', '-' or '/' between them"});
  }
  if (uri.tag_at != 0) {
    const auto tag_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'; };
    const bool tag = !uri.tag.empty() && uri.tag.size() <= 128 && uri.tag[0] != '.' && uri.tag[0] != '-' &&
                     std::all_of(uri.tag.begin(), uri.tag.end(), tag_char);
    if (!tag) {
      out.push_back({uri.tag_at, uri.tag.size(),
                     "tag " + quoted(uri.tag) + " is not a tag: up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'"});
    }
  }
  if (uri.digest_at != 0) {
    const bool sha = uri.digest.starts_with("sha256:") && uri.digest.size() == 7 + 64 && all_of(uri.digest.substr(7), hex);
    if (!sha) {
      out.push_back({uri.digest_at, uri.digest.size(),
                     "digest " + quoted(uri.digest) + " is not sha256: followed by 64 hexadecimal digits"});
    }
  }
  return out;
}

namespace {

bool is_word(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_region_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }
bool is_path_char(char c) { return is_word(c) || c == '.' || c == '/' || c == '-'; }
bool is_tag_char(char c) { return is_word(c) || c == '.' || c == '-'; }
bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The length of the run of `text` from `at` whose bytes `in` accepts.
template <class Accepts>
std::size_t run(std::string_view text, std::size_t at, Accepts in) {
  std::size_t end = at;
  while (end < text.size() && in(text[end])) ++end;
  return end - at;
}

// Where the URI whose registry host has ".dkr.ecr" at `dot` ends, or 0 when
// none does. Every part is a run of bytes its successor cannot start with,
// so the longest run is the only one that can match: no backtracking.
std::size_t uri_end(std::string_view text, std::size_t dot) {
  std::size_t at = dot + std::string_view(".dkr.ecr").size();
  if (text.substr(at).starts_with("-fips.")) at += 5;
  if (!text.substr(at).starts_with(".")) return 0;
  ++at;
  const std::size_t region = run(text, at, is_region_char);
  if (region == 0) return 0;
  at += region;
  if (!text.substr(at).starts_with(".amazonaws.com")) return 0;
  at += std::string_view(".amazonaws.com").size();
  if (text.substr(at).starts_with(".cn/")) at += 3;
  if (!text.substr(at).starts_with("/")) return 0;
  ++at;
  const std::size_t path = run(text, at, is_path_char);
  if (path == 0) return 0;
  at += path;
  if (text.substr(at).starts_with(":")) {
    if (const std::size_t tag = run(text, at + 1, is_tag_char); tag > 0) at += 1 + tag;
  } else if (text.substr(at).starts_with("@sha256:")) {
    if (const std::size_t digest = run(text, at + 8, is_hex); digest > 0) at += 8 + digest;
  }
  return at;
}

}  // namespace

std::vector<UriInText> find_ecr_image_uris(std::string_view text) {
  std::vector<UriInText> out;
  std::size_t from = 0;  // where the previous URI ended
  for (std::size_t dot = text.find(".dkr.ecr"); dot != std::string_view::npos; dot = text.find(".dkr.ecr", dot + 1)) {
    // The account: the word before the dot, from its first byte after `from`.
    std::size_t start = dot;
    while (start > from && is_word(text[start - 1])) --start;
    if (start == dot) continue;
    const std::size_t end = uri_end(text, dot);
    if (end == 0) continue;
    out.push_back({start, end - start});
    from = end;
    dot = end - 1;
  }
  return out;
}

}  // namespace pipec::aws
