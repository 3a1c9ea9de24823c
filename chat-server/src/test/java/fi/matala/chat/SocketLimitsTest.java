package fi.matala.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.ChatSetup;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.http.UpgradeRejectedException;
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
 * The chat socket's own limits, with small configured values: connections per address, the
 * authentication deadline, the Origin check and resume throttling. Each also shows that normal
 * use stays within them.
 */
class SocketLimitsTest {
  static TestServer server;
  final List<WsClient> sockets = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of(
        "MATALA_WS_CONNECTIONS_PER_ADDRESS", "3",
        "MATALA_WS_AUTH_TIMEOUT", "PT2S",
        "MATALA_CITIZEN_RESUME_LIMIT", "10",
        "MATALA_QUEUE_MAX_WAITING_PER_ADDRESS", "50"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeSockets() throws InterruptedException {
    sockets.forEach(WsClient::close);
    sockets.clear();
    // the next test starts with every slot free (the server sees a close a moment after the client)
    long deadline = System.currentTimeMillis() + 5000;
    while (server.platform.services().socketGuards().connections().openFrom("127.0.0.1") > 0
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
  }

  WsClient connect() {
    WsClient ws = WsClient.connect(server.vertx, server.port);
    sockets.add(ws);
    return ws;
  }

  WsClient citizen() {
    WsClient ws = connect();
    ChatSetup.openChat(ws, "families", "fi", UUID.randomUUID().toString().getBytes());
    return ws;
  }

  static void assertRefused(UpgradeRejectedException e, int status, String code) {
    assertEquals(status, e.getStatus());
    JsonObject body = e.getBody().toJsonObject();
    assertEquals(code, body.getString("error"), body.encode());
    assertTrue(body.getString("message").length() > 0);
  }

  @Test
  void anAddressHoldsAtMostItsConnectionsAndGetsASlotBackWhenOneCloses() {
    WsClient first = citizen();
    citizen();
    citizen();
    assertRefused(WsClient.refused(server.vertx, server.port, Map.of()), 429, "too_many_connections");
    first.close();
    sockets.remove(first);
    long deadline = System.currentTimeMillis() + 5000;
    while (server.platform.services().socketGuards().connections().openFrom("127.0.0.1") > 2
        && System.currentTimeMillis() < deadline) {
      Thread.yield();
    }
    citizen();
  }

  @Test
  void signedInStaffDoNotUseUpTheirOfficesConnections() {
    // a whole team behind one office address: five consoles, then still room for three more sockets
    for (String user : List.of("worker", "worker2", "therapist", "peer", "supervisor")) {
      sockets.add(ChatSetup.staff(server, user, "device-" + user + "-limits"));
    }
    citizen();
    citizen();
    citizen();
    assertRefused(WsClient.refused(server.vertx, server.port, Map.of()), 429, "too_many_connections");
  }

  @Test
  void aSocketThatDoesNotAuthenticateInTimeIsClosedWith4408() {
    WsClient idle = connect();
    WsClient chatty = connect(); // frames, but never an authenticating one
    chatty.send(new JsonObject().put("type", "msg.send"));
    assertEquals("not_authenticated", chatty.expect("error").getString("error"));
    WsClient citizen = citizen();
    assertEquals((short) 4408, idle.awaitClose(6000));
    assertEquals((short) 4408, chatty.awaitClose(2000));
    assertNull(citizen.awaitClose(1000), "an opened chat stays connected past the deadline");
    assertFalse(citizen.isClosed());
  }

  @Test
  void onlyTheServicesOwnPagesMayOpenTheSocket() {
    String own = "https://127.0.0.1:" + server.port;
    assertRefused(WsClient.refused(server.vertx, server.port, Map.of("Origin", "https://evil.example")), 403,
        "forbidden_origin");
    assertRefused(WsClient.refused(server.vertx, server.port, Map.of("Origin", "null")), 403, "forbidden_origin");
    assertRefused(WsClient.refused(server.vertx, server.port, Map.of("Origin", "http://127.0.0.1:" + server.port)), 403,
        "forbidden_origin");
    WsClient ws = WsClient.connect(server.vertx, server.port, Map.of("Origin", own));
    sockets.add(ws);
    ChatSetup.openChat(ws, "families", "fi", UUID.randomUUID().toString().getBytes());
  }

  @Test
  void resumesAreThrottledPerAddressAndAWrongSecretCostsMore() throws Exception {
    WsClient opener = connect();
    JsonObject opened = ChatSetup.openChat(opener, "families", "fi", UUID.randomUUID().toString().getBytes());
    opener.close();
    sockets.remove(opener);
    JsonObject right = new JsonObject().put("type", "citizen.resume").put("conversation", opened.getString("conversation"))
        .put("secret", opened.getString("secret")).put("afterSeq", 0);
    // a page reconnecting after every network change: well within 10 a minute
    for (int i = 0; i < 5; i++) {
      try (WsClient ws = WsClient.connect(server.vertx, server.port)) {
        assertEquals("citizen.resumed", ws.request(right).getString("type"));
      }
    }
    // someone guessing: a wrong secret costs 5, all that is left, so the second guess is refused
    try (WsClient guesser = WsClient.connect(server.vertx, server.port)) {
      JsonObject wrong = right.copy().put("secret", "not-the-secret");
      assertEquals("unknown_conversation", guesser.request(wrong).getString("error"));
      assertEquals("rate_limited", guesser.request(wrong).getString("error"));
      assertEquals("rate_limited", guesser.request(right).getString("error"), "the address must wait now, whoever asks");
    }
    // 1 token back every 6 s: after a short wait (the debt of the guess paid) the right secret works again
    Thread.sleep(6500);
    try (WsClient ws = WsClient.connect(server.vertx, server.port)) {
      assertEquals("citizen.resumed", ws.request(right).getString("type"));
    }
  }
}
