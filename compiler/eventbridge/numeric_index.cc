#include "eventbridge/numeric_index.h"

#include <algorithm>
#include <cmath>

namespace pipec::eventbridge {

void NumericIndex::add(double low, bool open_low, double high, bool open_high, std::uint32_t value) {
  intervals_.push_back({low, high, open_low, open_high, value});
}

std::size_t NumericIndex::unit_of(double x) const {
  // Unit 2i+1 is the point points_[i]; unit 2i the open gap below it.
  const auto it = std::lower_bound(points_.begin(), points_.end(), x);
  const auto i = static_cast<std::size_t>(it - points_.begin());
  return it != points_.end() && *it == x ? 2 * i + 1 : 2 * i;
}

void NumericIndex::build() {
  points_.clear();
  for (const auto& iv : intervals_) {
    if (std::isfinite(iv.low)) points_.push_back(iv.low);
    if (std::isfinite(iv.high)) points_.push_back(iv.high);
  }
  std::sort(points_.begin(), points_.end());
  points_.erase(std::unique(points_.begin(), points_.end()), points_.end());
  units_ = 2 * points_.size() + 1;
  nodes_.assign(2 * units_, {});
  for (const auto& iv : intervals_) {
    std::size_t lo = 0, hi = units_ - 1;
    if (std::isfinite(iv.low)) lo = unit_of(iv.low) + (iv.open_low ? 1 : 0);
    if (std::isfinite(iv.high)) hi = unit_of(iv.high) - (iv.open_high ? 1 : 0);
    if (lo > hi) continue;
    // Canonical cover of [lo, hi] in the bottom-up segment tree.
    for (std::size_t l = lo + units_, r = hi + units_ + 1; l < r; l >>= 1, r >>= 1) {
      if (l & 1) nodes_[l++].push_back(iv.value);
      if (r & 1) nodes_[--r].push_back(iv.value);
    }
  }
}

}  // namespace pipec::eventbridge
