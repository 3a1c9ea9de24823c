package fi.matala.net;

import java.net.InetAddress;
import java.util.Optional;

/** An address or a CIDR range ("10.0.0.0/8", "2001:db8::/32", "192.0.2.10"): for trusted proxies. */
public record IpRange(byte[] network, int prefixBits) {

  /** Empty when the text is not an address literal with an optional, fitting /prefix. */
  public static Optional<IpRange> parse(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    Optional<InetAddress> address = IpAddresses.parse(slash < 0 ? s : s.substring(0, slash));
    if (address.isEmpty() || s.startsWith("[")) {
      return Optional.empty();
    }
    byte[] bytes = address.get().getAddress();
    int bits = bytes.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (bits < 0 || bits > bytes.length * 8) {
        return Optional.empty();
      }
    }
    return Optional.of(new IpRange(bytes, bits));
  }

  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    int full = prefixBits / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixBits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (network[full] & mask);
  }
}
