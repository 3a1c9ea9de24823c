package fi.matala.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals as they come from a socket or a proxy header, parsed without ever asking
 * DNS, and the key under which per-address limits count them: the address itself for IPv4, its
 * /64 network for IPv6 (one subscriber usually holds a whole /64, so counting single IPv6
 * addresses would let one client take as many slots as it likes).
 */
public final class IpAddresses {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private IpAddresses() {}

  /**
   * The address in a literal such as "203.0.113.7", "2001:db8::1", "[2001:db8::1]:443" or
   * "203.0.113.7:5678" (some proxies add the port); empty for anything else, never a name lookup.
   */
  public static Optional<InetAddress> parse(String literal) {
    if (literal == null) {
      return Optional.empty();
    }
    String s = literal.trim();
    if (s.startsWith("[")) {
      int end = s.indexOf(']');
      if (end < 0) {
        return Optional.empty();
      }
      s = s.substring(1, end);
    } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':') && s.contains(".")) {
      s = s.substring(0, s.indexOf(':')); // IPv4 with a port
    }
    if (IPV4.matcher(s).matches()) {
      for (String part : s.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return Optional.empty();
        }
      }
    } else if (!s.contains(":") || !IPV6.matcher(s).matches()) {
      return Optional.empty();
    }
    try {
      // only literals get here, and InetAddress does not resolve a literal
      return Optional.of(InetAddress.getByName(s));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** What per-address limits count: "203.0.113.7", or "2001:db8:1:2::/64" for any address in that /64. */
  public static String limitKey(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    byte[] b = address.getAddress();
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      key.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
    }
    return key.append(":/64").toString();
  }
}
