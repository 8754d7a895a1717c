#include "aws/arn.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace pipec::aws {

std::optional<Arn> split_arn(std::string_view text) {
  if (!text.starts_with("arn:")) return std::nullopt;
  std::string_view rest = text.substr(4);
  std::string_view fields[4];
  for (auto& field : fields) {
    const auto colon = rest.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    field = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  return Arn{fields[0], fields[1], fields[2], fields[3], rest};
}

bool is_account_id(std::string_view text) {
  return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string_view> iam_account(std::string_view text) {
  const auto arn = split_arn(text);
  if (!arn || arn->service != "iam" || !is_account_id(arn->account)) return std::nullopt;
  return arn->account;
}

namespace {

// Whether two patterns with no wildcard left outside their ends can match
// one text: can[i][j] says whether the rests a[i..] and b[j..] can. Filled
// from the ends, a row at a time (row i needs only row i + 1 and itself);
// ARNs are short, and longer ones are not judged.
bool overlap_table(std::string_view a, std::string_view b) {
  constexpr std::size_t kLongest = 2048;
  if (a.size() > kLongest || b.size() > kLongest) return true;
  std::array<char, kLongest + 1> rows[2];
  char* below = rows[0].data();  // row i + 1
  char* row = rows[1].data();    // row i
  const std::size_t m = b.size();
  for (std::size_t i = a.size() + 1; i-- > 0;) {
    const bool a_end = i == a.size();
    for (std::size_t j = m + 1; j-- > 0;) {
      const bool b_end = j == m;
      bool can = false;
      if (a_end && b_end) {
        can = true;
      } else if (!a_end && a[i] == '*') {
        // The star matches nothing more, or takes b's next character.
        can = below[j] || (!b_end && row[j + 1]);
      } else if (!b_end && b[j] == '*') {
        can = row[j + 1] || (!a_end && below[j]);
      } else if (!a_end && !b_end) {
        can = (a[i] == '?' || b[j] == '?' || a[i] == b[j]) && below[j + 1];
      }
      row[j] = can ? 1 : 0;
    }
    std::swap(row, below);
  }
  return below[0] != 0;
}

// How many characters a pattern starts or ends with before its first, or
// after its last, wildcard.
std::size_t literal_prefix(std::string_view p) { return std::min(p.find_first_of("*?"), p.size()); }
std::size_t literal_suffix(std::string_view p) {
  const auto last = p.find_last_of("*?");
  return last == std::string_view::npos ? p.size() : p.size() - last - 1;
}

}  // namespace

bool patterns_overlap(std::string_view a, std::string_view b) {
  // Characters before any wildcard in either pattern must be the same in
  // both, and are then of no more interest; so are those after the last.
  // Most pairs of ARNs differ there (service, Region, account).
  const std::size_t front = std::min(literal_prefix(a), literal_prefix(b));
  if (a.substr(0, front) != b.substr(0, front)) return false;
  a.remove_prefix(front);
  b.remove_prefix(front);
  const std::size_t back = std::min(literal_suffix(a), literal_suffix(b));
  if (a.substr(a.size() - back) != b.substr(b.size() - back)) return false;
  a.remove_suffix(back);
  b.remove_suffix(back);
  if (a.empty() || b.empty()) return a.find_first_not_of('*') == std::string_view::npos && b.find_first_not_of('*') == std::string_view::npos;
  return overlap_table(a, b);
}

}  // namespace pipec::aws
