#include "util/glob.h"

#include <vector>

namespace pipec::util {

namespace {

// A set `[…]` starting at glob[at] (the '['): whether `c` is in it, and where
// the set ends (one past ']'), or npos if it is not closed.
std::size_t match_set(std::string_view glob, std::size_t at, char c, bool& matched) {
  std::size_t i = at + 1;
  bool negate = false;
  if (i < glob.size() && (glob[i] == '!' || glob[i] == '^')) {
    negate = true;
    ++i;
  }
  bool in = false;
  bool first = true;
  for (; i < glob.size(); ++i) {
    if (glob[i] == ']' && !first) {
      matched = in != negate && c != '/';
      return i + 1;
    }
    first = false;
    if (i + 2 < glob.size() && glob[i + 1] == '-' && glob[i + 2] != ']') {
      if (glob[i] <= c && c <= glob[i + 2]) in = true;
      i += 2;
    } else if (glob[i] == c) {
      in = true;
    }
  }
  return std::string_view::npos;
}

// Whole-string match by dynamic programming over (glob position, path
// position): linear in their product however many stars a glob holds.
bool match_whole(std::string_view glob, std::string_view path) {
  const std::size_t n = path.size();
  // reach[j]: the glob prefix consumed so far matches path[0, j).
  std::vector<char> reach(n + 1, 0), next(n + 1, 0);
  reach[0] = 1;
  std::size_t g = 0;
  while (g < glob.size()) {
    std::fill(next.begin(), next.end(), 0);
    std::size_t step = 1;
    if (glob.compare(g, 3, "**/") == 0) {
      // Zero or more whole folders.
      step = 3;
      for (std::size_t j = 0; j <= n; ++j) {
        if (!reach[j]) continue;
        next[j] = 1;
        for (std::size_t k = j; k < n; ++k) {
          if (path[k] == '/') next[k + 1] = 1;
        }
      }
    } else if (glob.compare(g, 2, "**") == 0) {
      step = 2;
      for (std::size_t j = 0; j <= n; ++j) {
        if (!reach[j]) continue;
        for (std::size_t k = j; k <= n; ++k) next[k] = 1;
        break;
      }
    } else if (glob[g] == '*') {
      for (std::size_t j = 0; j <= n; ++j) {
        if (!reach[j]) continue;
        next[j] = 1;
        for (std::size_t k = j; k < n && path[k] != '/'; ++k) next[k + 1] = 1;
      }
    } else if (glob[g] == '?') {
      for (std::size_t j = 0; j < n; ++j) {
        if (reach[j] && path[j] != '/') next[j + 1] = 1;
      }
    } else if (glob[g] == '[') {
      std::size_t end = std::string_view::npos;
      for (std::size_t j = 0; j < n; ++j) {
        if (!reach[j]) continue;
        bool in = false;
        end = match_set(glob, g, path[j], in);
        if (end == std::string_view::npos) return false;
        if (in) next[j + 1] = 1;
      }
      if (end == std::string_view::npos) {
        bool unused = false;
        end = match_set(glob, g, '\0', unused);
        if (end == std::string_view::npos) return false;
      }
      step = end - g;
    } else {
      for (std::size_t j = 0; j < n; ++j) {
        if (reach[j] && path[j] == glob[g]) next[j + 1] = 1;
      }
    }
    reach.swap(next);
    g += step;
  }
  return reach[n] != 0;
}

}  // namespace

bool glob_matches(std::string_view glob, std::string_view path) {
  while (glob.starts_with("./")) glob.remove_prefix(2);
  const bool anchored = glob.starts_with('/');
  if (anchored) glob.remove_prefix(1);
  if (glob.ends_with('/')) glob.remove_suffix(1);
  if (glob.empty()) return false;
  // Without a '/', a glob names a file or folder in any folder.
  const bool any_folder = !anchored && glob.find('/') == std::string_view::npos;
  // The path itself and each folder it is in: a glob that matches a folder
  // takes everything under it.
  for (std::size_t from = 0;;) {
    const std::size_t slash = path.find('/', from);
    const std::string_view prefix = path.substr(0, slash);
    if (any_folder) {
      const auto last = prefix.rfind('/');
      if (match_whole(glob, last == std::string_view::npos ? prefix : prefix.substr(last + 1))) return true;
    } else if (match_whole(glob, prefix)) {
      return true;
    }
    if (slash == std::string_view::npos) break;
    from = slash + 1;
  }
  return false;
}

std::optional<std::string> glob_problem(std::string_view glob) {
  if (glob.empty()) return "an empty glob matches nothing";
  for (std::size_t i = 0; i < glob.size(); ++i) {
    if (glob[i] != '[') continue;
    bool unused = false;
    const std::size_t end = match_set(glob, i, '\0', unused);
    if (end == std::string_view::npos) return "'[' opens a set of characters that no ']' closes";
    i = end - 1;
  }
  return std::nullopt;
}

}  // namespace pipec::util
