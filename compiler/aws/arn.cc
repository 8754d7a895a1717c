#include "aws/arn.h"

#include <algorithm>
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

bool patterns_overlap(std::string_view a, std::string_view b) {
  // overlap[i][j]: the rests a[i..] and b[j..] can match one text. Filled
  // from the ends; ARNs are short, and longer ones are not judged.
  if (a.size() > 2048 || b.size() > 2048) return true;
  const std::size_t width = b.size() + 1;
  std::vector<char> overlap((a.size() + 1) * width, 0);
  const auto at = [&](std::size_t i, std::size_t j) -> char& { return overlap[i * width + j]; };
  for (std::size_t i = a.size() + 1; i-- > 0;) {
    for (std::size_t j = b.size() + 1; j-- > 0;) {
      const bool a_end = i == a.size(), b_end = j == b.size();
      bool can = false;
      if (a_end && b_end) {
        can = true;
      } else if (!a_end && a[i] == '*') {
        // The star matches nothing more, or takes b's next character.
        can = at(i + 1, j) || (!b_end && at(i, j + 1));
      } else if (!b_end && b[j] == '*') {
        can = at(i, j + 1) || (!a_end && at(i + 1, j));
      } else if (!a_end && !b_end) {
        can = (a[i] == '?' || b[j] == '?' || a[i] == b[j]) && at(i + 1, j + 1);
      }
      at(i, j) = can ? 1 : 0;
    }
  }
  return at(0, 0) != 0;
}

}  // namespace pipec::aws
