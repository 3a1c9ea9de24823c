package fi.matala.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.ChatSetup;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A queue cannot be filled from a couple of addresses: at most MATALA_QUEUE_MAX_WAITING_PER_ADDRESS
 * (here 2) waiting chats per client address (IPv6: per /64) and queue. The test reaches the
 * server through a "proxy" on loopback (MATALA_TRUSTED_PROXIES) to play several addresses.
 */
class WaitingPerAddressTest {
  static TestServer server;
  final List<WsClient> sockets = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("MATALA_QUEUE_MAX_WAITING_PER_ADDRESS", "2",
        "MATALA_QUEUE_MAX_WAITING", "30", "MATALA_TRUSTED_PROXIES", "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeSockets() {
    sockets.forEach(WsClient::close);
    sockets.clear();
  }

  WsClient connectFrom(String address) {
    WsClient ws = WsClient.connect(server.vertx, server.port, Map.of("X-Forwarded-For", address));
    sockets.add(ws);
    return ws;
  }

  JsonObject open(String address, String queue) {
    return connectFrom(address).request(ChatSetup.openFrame(queue, "fi", UUID.randomUUID().toString().getBytes()));
  }

  static void assertOpened(JsonObject answer) {
    assertEquals("citizen.opened", answer.getString("type"), answer.encode());
  }

  static void assertRefused(JsonObject answer) {
    assertEquals("rate_limited", answer.getString("error"), answer.encode());
    assertTrue(answer.getString("message").contains("waiting"), answer.encode());
  }

  @Test
  void twoWaitingChatsPerAddressAndQueue() {
    assertOpened(open("198.51.100.20", "mental-health"));
    assertOpened(open("198.51.100.20", "mental-health"));
    assertRefused(open("198.51.100.20", "mental-health"));
    // other queues and other addresses are not affected
    assertOpened(open("198.51.100.20", "substance-use"));
    assertOpened(open("198.51.100.21", "mental-health"));
  }

  @Test
  void aChatThatIsTakenNoLongerCounts() {
    assertOpened(open("198.51.100.30", "adult-social-work"));
    assertOpened(open("198.51.100.30", "adult-social-work"));
    assertRefused(open("198.51.100.30", "adult-social-work"));
    WsClient worker = ChatSetup.staff(server, "worker2", "device-worker2-per-address");
    sockets.add(worker);
    JsonObject taken = worker.request(new JsonObject().put("type", "queue.take").put("queue", "adult-social-work"));
    assertEquals("queue.taken", taken.getString("type"), taken.encode());
    // normal use: one of the two is being answered, so this address may queue another
    assertOpened(open("198.51.100.30", "adult-social-work"));
  }

  @Test
  void parallelOpensFromOneAddressDoNotSlipPastTheLimit() {
    List<WsClient> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(connectFrom("198.51.100.40"));
    }
    List<String> rids = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      String rid = "parallel-" + i;
      rids.add(rid);
      all.get(i).send(ChatSetup.openFrame("families", "sv", UUID.randomUUID().toString().getBytes()).put("rid", rid));
    }
    int opened = 0;
    for (int i = 0; i < all.size(); i++) {
      String rid = rids.get(i);
      JsonObject answer = all.get(i).expect(f -> rid.equals(f.getString("rid")), "answer " + rid);
      if ("citizen.opened".equals(answer.getString("type"))) {
        opened++;
      } else {
        assertRefused(answer);
      }
    }
    assertEquals(2, opened);
  }

  @Test
  void ipv6AddressesCountPerSlash64() {
    assertOpened(open("2001:db8:aa:1::1", "families"));
    assertOpened(open("2001:db8:aa:1:ffff:ffff:ffff:fffe", "families"));
    assertRefused(open("2001:db8:aa:1::77", "families"));
    assertOpened(open("2001:db8:aa:2::1", "families"));
  }

  @Test
  void aChatResumedOnANewSocketIsStillOneChat() {
    JsonObject opened = open("198.51.100.50", "substance-use");
    assertOpened(opened);
    for (int i = 0; i < 3; i++) {
      JsonObject resumed = connectFrom("198.51.100.50").request(new JsonObject().put("type", "citizen.resume")
          .put("conversation", opened.getString("conversation")).put("secret", opened.getString("secret"))
          .put("afterSeq", 0));
      assertEquals("citizen.resumed", resumed.getString("type"), resumed.encode());
    }
    assertOpened(open("198.51.100.50", "substance-use"));
    assertRefused(open("198.51.100.50", "substance-use"));
  }
}
