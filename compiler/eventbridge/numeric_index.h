#pragma once
// Numeric ranges indexed for stabbing queries: which ranges hold x? A static
// segment tree over the ranges' endpoints (each a point and the open gaps
// between points), so a query costs O(log n + answers) whatever the number
// of ranges. Iterative, no recursion.

#include <cstdint>
#include <vector>

namespace pipec::eventbridge {

class NumericIndex {
 public:
  /// Low and high may be infinite (open-ended ranges).
  void add(double low, bool open_low, double high, bool open_high, std::uint32_t value);
  /// Call once after the last add().
  void build();
  [[nodiscard]] bool empty() const { return intervals_.empty(); }

  /// Calls visit(value) for every range holding x (a value may come more than
  /// once if it was added more than once).
  template <typename Visit>
  void stab(double x, Visit&& visit) const {
    if (nodes_.empty()) return;
    for (std::size_t p = unit_of(x) + units_; p >= 1; p >>= 1) {
      for (const auto v : nodes_[p]) visit(v);
    }
  }

 private:
  [[nodiscard]] std::size_t unit_of(double x) const;
  struct Interval {
    double low, high;
    bool open_low, open_high;
    std::uint32_t value;
  };
  std::vector<Interval> intervals_;
  std::vector<double> points_;                     ///< sorted finite endpoints
  std::size_t units_ = 0;                          ///< 2 * points + 1
  std::vector<std::vector<std::uint32_t>> nodes_;  ///< segment tree, leaves at [units_, 2 * units_)
};

}  // namespace pipec::eventbridge
