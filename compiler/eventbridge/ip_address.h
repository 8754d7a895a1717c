#pragma once
// IP addresses and CIDR blocks as event-ruler reads them (CIDR.java). A
// string is an IP address only if it looks like one to event-ruler's two
// regular expressions (four dotted decimal numbers; or hex digits and colons
// with at least one colon) and Java's InetAddress then parses it; an
// IPv4-mapped IPv6 address (::ffff:a00:1) becomes the IPv4 address, as
// InetAddress makes it.
//
// Ranges keep event-ruler's representation, a string of hex digits per
// address (8 for IPv4, 32 for IPv6), because its state machine compares
// digit by digit and stops as soon as a value is known to be inside: an IPv6
// address whose first 8 hex digits fall in an IPv4 block matches it. We keep
// that quirk so that answers are the same as EventBridge's.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pipec::eventbridge {

struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  std::uint8_t size = 0;  ///< 4 or 16
};

/// A range of addresses as hex digits (values 0-15), bounds open or closed.
struct IpRange {
  std::array<std::uint8_t, 32> low{}, high{};
  std::uint8_t digits = 0;  ///< 8 or 32
  bool open_low = false, open_high = false;
};

[[nodiscard]] std::optional<IpAddress> parse_ip(std::string_view text);

/// The one-address range event-ruler builds for an exact string that is an
/// IP address ("10.0.0.1" in a pattern matches "10.0.0.1" by address).
[[nodiscard]] IpRange exact_ip_range(const IpAddress& address);

struct CidrResult {
  std::optional<IpRange> range;
  std::string error;  ///< event-ruler's message when range is empty
};
/// "10.0.0.0/24", "2001:db8::/32". Note that event-ruler refuses /32 for
/// IPv4 and /128 for IPv6 (a range must hold two addresses at least).
[[nodiscard]] CidrResult parse_cidr(std::string_view text);

[[nodiscard]] bool ip_in_range(const IpAddress& address, const IpRange& range);

/// "10.0.0.1", "2001:db8:0:0:0:0:0:1" (uncompressed), for messages.
[[nodiscard]] std::string format_ip(const IpAddress& address);

}  // namespace pipec::eventbridge
