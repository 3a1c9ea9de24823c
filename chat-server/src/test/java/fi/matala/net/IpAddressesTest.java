package fi.matala.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpAddressesTest {
  static InetAddress ip(String s) {
    return IpAddresses.parse(s).orElseThrow(() -> new AssertionError("not parsed: " + s));
  }

  @Test
  void literalsOnlyNeverNames() {
    assertEquals("203.0.113.7", ip("203.0.113.7").getHostAddress());
    assertEquals("203.0.113.7", ip(" 203.0.113.7:8080 ").getHostAddress());
    assertEquals("2001:db8:0:0:0:0:0:1", ip("[2001:db8::1]:443").getHostAddress());
    for (String bad : new String[] {"localhost", "example.org", "256.1.1.1", "1.2.3", "", "unknown", "::g", "[::1",
        "1.2.3.4.5", "2001:db8::1%eth0"}) {
      assertTrue(IpAddresses.parse(bad).isEmpty(), bad);
    }
  }

  @Test
  void ipv6CountsPerSlash64AndIpv4PerAddress() {
    assertEquals("2001:db8:1:2::/64", IpAddresses.limitKey(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
    assertEquals(IpAddresses.limitKey(ip("2001:db8:1:2::1")), IpAddresses.limitKey(ip("2001:db8:1:2::2")));
    assertFalse(IpAddresses.limitKey(ip("2001:db8:1:2::1")).equals(IpAddresses.limitKey(ip("2001:db8:1:3::1"))));
    assertEquals("192.0.2.1", IpAddresses.limitKey(ip("::ffff:192.0.2.1")));
  }

  @Test
  void ranges() {
    IpRange ten = IpRange.parse("10.0.0.0/8").orElseThrow();
    assertTrue(ten.contains(ip("10.255.0.1")));
    assertFalse(ten.contains(ip("11.0.0.1")));
    assertFalse(ten.contains(ip("::1")));
    IpRange odd = IpRange.parse("192.0.2.128/25").orElseThrow();
    assertTrue(odd.contains(ip("192.0.2.200")));
    assertFalse(odd.contains(ip("192.0.2.100")));
    assertTrue(IpRange.parse("2001:db8::/32").orElseThrow().contains(ip("2001:db8:ffff::1")));
    assertTrue(IpRange.parse("192.0.2.1").orElseThrow().contains(ip("192.0.2.1")));
    assertTrue(IpRange.parse("10.0.0.0/33").isEmpty());
    assertTrue(IpRange.parse("proxy.internal").isEmpty());
    assertTrue(IpRange.parse("10.0.0.0/x").isEmpty());
  }
}
