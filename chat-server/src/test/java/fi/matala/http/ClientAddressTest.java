package fi.matala.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which address the per-address limits count, seen through the connection cap (here one socket
 * per address): the proxy header counts only when the TCP peer is a configured proxy, read from
 * the right past trusted proxies, and IPv6 addresses count per /64.
 */
class ClientAddressTest {
  final List<WsClient> sockets = new ArrayList<>();
  TestServer server;

  @AfterEach
  void stop() {
    sockets.forEach(WsClient::close);
    server.close();
  }

  void start(Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("MATALA_WS_CONNECTIONS_PER_ADDRESS", "1");
    server = TestServer.start(all);
  }

  void connects(String forwardedFor) {
    sockets.add(WsClient.connect(server.vertx, server.port, Map.of("X-Forwarded-For", forwardedFor)));
  }

  void refused(String forwardedFor) {
    assertEquals(429, WsClient.refused(server.vertx, server.port, Map.of("X-Forwarded-For", forwardedFor)).getStatus(),
        "counted as an address that has its connection already: " + forwardedFor);
  }

  @Test
  void theHeaderOfAnyoneButAConfiguredProxyIsIgnored() {
    start(Map.of());
    connects("198.51.100.1");
    // a client cannot claim to be somebody else: all of these are 127.0.0.1, whose one slot is taken
    refused("198.51.100.2");
    refused("2001:db8::1");
  }

  @Test
  void behindATrustedProxyTheClientIsTheFirstAddressNoTrustedProxyVouchesFor() {
    start(Map.of("MATALA_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8"));
    connects("198.51.100.1");
    refused("198.51.100.1");
    connects("198.51.100.2");
    // a chain through an inner proxy: the client is left of it
    connects("203.0.113.9, 10.1.2.3");
    refused("203.0.113.9");
    // whatever the client itself put in front is not believed
    refused("1.1.1.1, 203.0.113.9");
    refused("garbage, 203.0.113.9, 10.9.9.9");
    // a proxy that writes the port too
    refused("198.51.100.2:4711");
  }

  @Test
  void ipv6CountsPerSlash64() {
    start(Map.of("MATALA_TRUSTED_PROXIES", "127.0.0.1"));
    connects("2001:db8:1:2::1");
    refused("2001:db8:1:2:ffff::9");
    refused("[2001:db8:1:2::1234]:443");
    connects("2001:db8:1:3::1");
    // an IPv4-mapped IPv6 address is that IPv4 address
    connects("192.0.2.7");
    refused("::ffff:192.0.2.7");
  }
}
