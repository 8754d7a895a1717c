#include "aws/arn.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
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
  // Row a.size(): the end of a, against the rests of b (stars alone).
  below[m] = 1;
  for (std::size_t j = m; j-- > 0;) below[j] = b[j] == '*' && below[j + 1];
  for (std::size_t i = a.size(); i-- > 0;) {
    const char c = a[i];
    char any = 0;
    if (c == '*') {
      // The star matches nothing more, or takes b's next character.
      row[m] = below[m];
      for (std::size_t j = m; j-- > 0;) row[j] = static_cast<char>(below[j] | row[j + 1]);
      any = row[0];
    } else {
      row[m] = 0;  // a character of a against the end of b
      for (std::size_t j = m; j-- > 0;) {
        const char d = b[j];
        row[j] = d == '*' ? static_cast<char>(row[j + 1] | below[j])
                          : static_cast<char>((c == d || c == '?' || d == '?') && below[j + 1]);
        any = static_cast<char>(any | row[j]);
      }
    }
    // A row with no way on leaves none for the rows above it.
    if (any == 0) return false;
    std::swap(row, below);
  }
  return below[0] != 0;
}

// The same question, one row of that table as the bits of a word: bit j
// of a row is can[i][j], so a row costs a few operations and one step per
// star of b instead of one step per character of b. For b shorter than 64
// characters (most ARN pairs that get this far).
bool overlap_bits(std::string_view a, std::string_view b) {
  const std::size_t m = b.size();
  using Row = std::uint64_t;
  const auto bit = [](std::size_t j) { return Row{1} << j; };
  // masks[c]: where b has the character c. Only the entries of characters
  // this reads are set.
  std::array<Row, 256> masks;
  for (const char c : a) masks[static_cast<unsigned char>(c)] = 0;
  for (const char d : b) masks[static_cast<unsigned char>(d)] = 0;
  masks['*'] = masks['?'] = 0;
  for (std::size_t j = 0; j < m; ++j) masks[static_cast<unsigned char>(b[j])] |= bit(j);
  const Row stars = masks['*'];
  const Row letters = (bit(m) - 1) & ~stars;  // where b has a character to match
  const Row any_letter = masks['?'];
  // Row a.size(): the end of a, against the rests of b (stars alone).
  Row below = bit(m);
  for (std::size_t j = m; j-- > 0 && b[j] == '*';) below |= bit(j);
  for (std::size_t i = a.size(); i-- > 0;) {
    const char c = a[i];
    Row row = 0;
    if (c == '*') {
      // The star matches nothing more, or takes b's next character: every
      // j at or before the last way on.
      if (below != 0) {
        const int last = 63 - std::countl_zero(below);
        row = last == 63 ? ~Row{0} : bit(static_cast<std::size_t>(last) + 1) - 1;
      }
    } else {
      const Row matching = c == '?' ? letters : (masks[static_cast<unsigned char>(c)] | any_letter) & letters;
      row = matching & (below >> 1);
      // A star of b matches nothing (the row's next bit) or takes c (below).
      for (Row s = stars; s != 0;) {
        const int j = 63 - std::countl_zero(s);
        s &= ~bit(static_cast<std::size_t>(j));
        if (((row >> (j + 1)) & 1) != 0 || ((below >> j) & 1) != 0) row |= bit(static_cast<std::size_t>(j));
      }
    }
    // A row with no way on leaves none for the rows above it.
    if (row == 0) return false;
    below = row;
  }
  return (below & 1) != 0;
}

// How many characters a pattern starts or ends with before its first, or
// after its last, wildcard.
// (A loop, not find_first_of("*?"), which searches the set for each
// character: this runs for every statement against every permission.)
bool wildcard(char c) { return c == '*' || c == '?'; }
std::size_t literal_prefix(std::string_view p) {
  std::size_t n = 0;
  while (n < p.size() && !wildcard(p[n])) ++n;
  return n;
}
std::size_t literal_suffix(std::string_view p) {
  std::size_t n = 0;
  while (n < p.size() && !wildcard(p[p.size() - 1 - n])) ++n;
  return n;
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
  const bool a_any = a.find_first_not_of('*') == std::string_view::npos;
  const bool b_any = b.find_first_not_of('*') == std::string_view::npos;
  if (a.empty() || b.empty()) return a_any && b_any;
  // Stars alone match every text, and every pattern matches some text: the
  // commonest pair left ("*" against a whole ARN) needs no table.
  if (a_any || b_any) return true;
  if (b.size() < 64) return overlap_bits(a, b);
  if (a.size() < 64) return overlap_bits(b, a);
  return overlap_table(a, b);
}

}  // namespace pipec::aws
