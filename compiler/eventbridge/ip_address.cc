#include "eventbridge/ip_address.h"

#include <vector>

namespace pipec::eventbridge {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// [0-9]+\.[0-9]+\.[0-9]+\.[0-9]+
bool looks_like_ipv4(std::string_view s) {
  int parts = 0;
  std::size_t i = 0;
  while (true) {
    const std::size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == start) return false;
    ++parts;
    if (i == s.size()) return parts == 4;
    if (s[i] != '.' || parts == 4) return false;
    ++i;
  }
}

// [0-9a-fA-F:]*:[0-9a-fA-F:]*
bool looks_like_ipv6(std::string_view s) {
  bool colon = false;
  for (const char c : s) {
    if (c == ':') colon = true;
    else if (!is_hex(c)) return false;
  }
  return colon;
}

// Four dotted decimal parts (looks_like_ipv4 has checked the shape), read
// as the JDK reads an IPv4 literal (IPAddressUtil.textToNumericFormatV4, as
// InetAddress.getByName uses it): leading zeros are decimal, not octal, so
// "10.0.0.01" and "010.000.000.001" are 10.0.0.1; a part past 255, or a
// literal longer than 15 characters ("0010.000.000.001"), is no literal, and
// InetAddress then takes it for a host name, which is no IP address.
std::optional<IpAddress> parse_ipv4(std::string_view s) {
  if (s.size() > 15) return std::nullopt;
  IpAddress a;
  a.size = 4;
  std::size_t i = 0;
  for (int part = 0; part < 4; ++part) {
    int value = 0;
    const std::size_t start = i;
    for (; i < s.size() && is_digit(s[i]); ++i) {
      value = value * 10 + (s[i] - '0');
      if (value > 255) return std::nullopt;
    }
    if (i == start) return std::nullopt;
    a.bytes[static_cast<std::size_t>(part)] = static_cast<std::uint8_t>(value);
    ++i;  // the dot
  }
  return a;
}

std::optional<IpAddress> parse_ipv6(std::string_view s) {
  // Groups of 1-4 hex digits separated by ':', at most one "::" standing for
  // one or more zero groups. (No embedded IPv4: the regex has no dots.)
  std::vector<std::uint16_t> head, tail;
  bool compressed = false;
  std::size_t i = 0;
  if (s.substr(0, 2) == "::") {
    compressed = true;
    i = 2;
  } else if (!s.empty() && s[0] == ':') {
    return std::nullopt;
  }
  while (i < s.size()) {
    const std::size_t start = i;
    unsigned value = 0;
    while (i < s.size() && is_hex(s[i])) value = value * 16 + static_cast<unsigned>(hex_value(s[i++]));
    if (i == start || i - start > 4) return std::nullopt;
    (compressed ? tail : head).push_back(static_cast<std::uint16_t>(value));
    if (i == s.size()) break;
    ++i;  // ':'
    if (i == s.size()) return std::nullopt;  // trailing single ':'
    if (s[i] == ':') {
      if (compressed) return std::nullopt;
      compressed = true;
      ++i;
    }
  }
  const std::size_t groups = head.size() + tail.size();
  if (compressed ? groups > 7 : groups != 8) return std::nullopt;
  IpAddress a;
  a.size = 16;
  std::size_t at = 0;
  for (const auto g : head) {
    a.bytes[at++] = static_cast<std::uint8_t>(g >> 8);
    a.bytes[at++] = static_cast<std::uint8_t>(g & 0xff);
  }
  at = 16 - 2 * tail.size();
  for (const auto g : tail) {
    a.bytes[at++] = static_cast<std::uint8_t>(g >> 8);
    a.bytes[at++] = static_cast<std::uint8_t>(g & 0xff);
  }
  // InetAddress turns IPv4-mapped addresses into IPv4 addresses.
  bool mapped = a.bytes[10] == 0xff && a.bytes[11] == 0xff;
  for (int k = 0; k < 10; ++k) mapped = mapped && a.bytes[static_cast<std::size_t>(k)] == 0;
  if (mapped) {
    IpAddress v4;
    v4.size = 4;
    for (int k = 0; k < 4; ++k) v4.bytes[static_cast<std::size_t>(k)] = a.bytes[static_cast<std::size_t>(12 + k)];
    return v4;
  }
  return a;
}

void to_digits(const IpAddress& a, std::array<std::uint8_t, 32>& out) {
  for (std::size_t k = 0; k < a.size; ++k) {
    out[2 * k] = a.bytes[k] >> 4;
    out[2 * k + 1] = a.bytes[k] & 0x0f;
  }
}

// Java's String.split("/"): every '/' splits, trailing empty parts dropped.
std::vector<std::string_view> split_slash(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = s.find('/', start);
    if (slash == std::string_view::npos) {
      parts.push_back(s.substr(start));
      break;
    }
    parts.push_back(s.substr(start, slash - start));
    start = slash + 1;
  }
  if (s.empty()) return parts;
  while (!parts.empty() && parts.back().empty()) parts.pop_back();
  return parts;
}

// Java's Integer.parseInt: optional sign, decimal digits, 32-bit range.
std::optional<long long> parse_java_int(std::string_view s) {
  std::size_t i = 0;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    i = 1;
  }
  if (i == s.size()) return std::nullopt;
  long long value = 0;
  for (; i < s.size(); ++i) {
    if (!is_digit(s[i])) return std::nullopt;
    value = value * 10 + (s[i] - '0');
    if (value > 2147483648LL) return std::nullopt;
  }
  if (negative) value = -value;
  if (value > 2147483647LL) return std::nullopt;
  return value;
}

}  // namespace

std::optional<IpAddress> parse_ip(std::string_view text) {
  if (looks_like_ipv4(text)) return parse_ipv4(text);
  if (looks_like_ipv6(text)) return parse_ipv6(text);
  return std::nullopt;
}

IpRange exact_ip_range(const IpAddress& address) {
  // As CIDR.ipToRangeIfPossible: [ip, ip+1) on the last hex digit, or
  // (ip-1, ip] when that digit is already F.
  IpRange r;
  r.digits = static_cast<std::uint8_t>(address.size * 2);
  to_digits(address, r.low);
  r.high = r.low;
  const std::size_t last = r.digits - 1u;
  if (r.low[last] == 0x0f) {
    r.low[last] = 0x0e;
    r.open_low = true;
  } else {
    r.high[last] = static_cast<std::uint8_t>(r.high[last] + 1);
    r.open_high = true;
  }
  return r;
}

CidrResult parse_cidr(std::string_view text) {
  const auto parts = split_slash(text);
  if (parts.size() != 2) return {std::nullopt, "Malformed CIDR, one '/' required"};
  const auto bits = parse_java_int(parts[1]);
  if (!bits) return {std::nullopt, "Malformed CIDR, mask bits must be an integer"};
  if (*bits < 0) return {std::nullopt, "Malformed CIDR, mask bits must not be negative"};
  std::optional<IpAddress> address;
  if (looks_like_ipv4(parts[0]) || looks_like_ipv6(parts[0])) {
    address = parse_ip(parts[0]);
    if (!address) return {std::nullopt, "Invalid IP address: " + std::string(parts[0])};
  } else {
    return {std::nullopt, "Nonstandard IP address: " + std::string(parts[0])};
  }
  if (address->size == 4 && *bits > 31) return {std::nullopt, "IPv4 mask bits must be < 32"};
  if (address->size == 16 && *bits > 127) return {std::nullopt, "IPv6 mask bits must be < 128"};

  IpAddress low = *address, high = *address;
  const int total = address->size * 8;
  for (int bit = static_cast<int>(*bits); bit < total; ++bit) {
    const auto byte = static_cast<std::size_t>(bit / 8);
    const auto mask = static_cast<std::uint8_t>(0x80 >> (bit % 8));
    low.bytes[byte] = static_cast<std::uint8_t>(low.bytes[byte] & ~mask);
    high.bytes[byte] = static_cast<std::uint8_t>(high.bytes[byte] | mask);
  }
  IpRange r;
  r.digits = static_cast<std::uint8_t>(address->size * 2);
  to_digits(low, r.low);
  to_digits(high, r.high);
  return {r, {}};
}

bool ip_in_range(const IpAddress& address, const IpRange& range) {
  // event-ruler's byte machine walks the value's digits: a match is found as
  // soon as a digit puts the value strictly inside, or at the range's last
  // digit when the value equals a closed bound.
  std::array<std::uint8_t, 32> v{};
  to_digits(address, v);
  const std::size_t m = address.size * 2u;
  const std::size_t n = range.digits;
  std::size_t fork = 0;
  while (fork < n && range.low[fork] == range.high[fork]) ++fork;
  if (fork == n) return false;  // never built: a range holds two addresses at least
  for (std::size_t k = 0; k < fork; ++k) {
    if (k >= m || v[k] != range.low[k]) return false;
  }
  if (fork >= m) return false;
  const auto d = v[fork];
  if (d > range.low[fork] && d < range.high[fork]) return true;
  const bool bottom = d == range.low[fork];
  if (!bottom && d != range.high[fork]) return false;
  const auto& bound = bottom ? range.low : range.high;
  const bool open = bottom ? range.open_low : range.open_high;
  if (fork == n - 1) return !open;
  for (std::size_t k = fork + 1; k < n; ++k) {
    if (k >= m) return false;
    const bool inside = bottom ? v[k] > bound[k] : v[k] < bound[k];
    if (k == n - 1) return inside || (v[k] == bound[k] && !open);
    if (inside) return true;
    if (v[k] != bound[k]) return false;
  }
  return false;
}

std::string format_ip(const IpAddress& a) {
  std::string out;
  if (a.size == 4) {
    for (std::size_t k = 0; k < 4; ++k) {
      if (k) out.push_back('.');
      out += std::to_string(a.bytes[k]);
    }
    return out;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t k = 0; k < 16; k += 2) {
    if (k) out.push_back(':');
    const unsigned group = (static_cast<unsigned>(a.bytes[k]) << 8) | a.bytes[k + 1];
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      const unsigned digit = (group >> shift) & 0xf;
      if (digit || started || shift == 0) {
        out.push_back(kHex[digit]);
        started = true;
      }
    }
  }
  return out;
}

}  // namespace pipec::eventbridge
