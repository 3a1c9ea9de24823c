package fi.matala.chat;

import static fi.matala.support.TestServer.DEMO_PASSWORD;
import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import fi.matala.storage.EmbeddedMongo;
import fi.matala.storage.Reactive;
import fi.matala.support.ChatSetup;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disabling a staff member or changing their roles ends their live chat sessions at once, on every
 * node, and their key packages go: a disabled person cannot stay in a chat connection until the
 * token runs out, and nobody keeps working under roles they no longer have.
 */
class StaffSessionEndTest {
  static final String PASSWORD = "a-long-enough-pass";
  static final long WITHIN_A_SECOND = 1_000;

  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A new worker (so that tests do not share accounts); returns their login response. */
  JsonObject newWorker(TestServer on, String username) {
    HttpResponse<Buffer> created = await(on.client.post("/api/admin/staff")
        .putHeader("Authorization", "Bearer " + on.token("admin"))
        .sendJsonObject(new JsonObject().put("username", username).put("password", PASSWORD)
            .put("displayName", "Raili Rajattu").put("roles", new JsonArray().add("worker"))));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return on.login(username, PASSWORD);
  }

  HttpResponse<Buffer> patch(TestServer on, String id, JsonObject body) {
    return await(on.client.patch("/api/admin/staff/" + id)
        .putHeader("Authorization", "Bearer " + on.token("admin")).sendJsonObject(body));
  }

  long keyPackagesOf(TestServer on, String staffId) {
    return await(Reactive.single(on.platform.services().db().collection("key_packages")
        .countDocuments(new Document("staffId", staffId))));
  }

  static JsonObject staffAuth(WsClient ws, String token, String device) {
    return ws.request(new JsonObject().put("type", "staff.auth").put("token", token).put("device", device));
  }

  @Test
  void disablingClosesTheirOpenConnectionWithinASecondAndTheirKeyPackagesGo() {
    JsonObject session = newWorker(server, "raili");
    String id = session.getJsonObject("staff").getString("id");
    // a tab closed earlier left key packages behind (never offered while it is offline, but still stored)
    ChatSetup.staff(server, session.getString("token"), "device-raili-0", ChatSetup.keyPackages("raili0", 2)).close();
    WsClient console = ChatSetup.staff(server, session.getString("token"), "device-raili-1", ChatSetup.keyPackages("raili", 3));
    WsClient otherTab = ChatSetup.staff(server, session.getString("token"), "device-raili-2", ChatSetup.keyPackages("raili2", 2));
    WsClient colleague = ChatSetup.staff(server, "worker", "device-colleague-1");
    assertEquals(7, keyPackagesOf(server, id));

    assertEquals(200, patch(server, id, new JsonObject().put("disabled", true)).statusCode());
    assertEquals((short) 4403, console.awaitClose(WITHIN_A_SECOND), "closed with 'account disabled'");
    assertEquals("account disabled", console.closeReason());
    assertEquals((short) 4403, otherTab.awaitClose(WITHIN_A_SECOND), "every connection of theirs");
    assertEquals(0, keyPackagesOf(server, id), "none of their devices can be added to a chat");

    // the token they still hold no longer signs a connection in
    WsClient again = WsClient.connect(server.vertx, server.port);
    assertEquals("unauthorized", staffAuth(again, session.getString("token"), "device-raili-3").getString("error"));
    // nobody else was touched
    assertFalse(colleague.isClosed());
    assertEquals("presence.ok", colleague.request(new JsonObject().put("type", "presence.set").put("status", "busy"))
        .getString("type"));
    List.of(again, colleague).forEach(WsClient::close);
  }

  @Test
  void aRoleChangeClosesTheirConnectionsAndOnlyATokenWithTheNewRolesSignsInAgain() {
    JsonObject session = newWorker(server, "risto");
    String id = session.getJsonObject("staff").getString("id");
    WsClient console = ChatSetup.staff(server, session.getString("token"), "device-risto-1", ChatSetup.keyPackages("risto", 3));

    assertEquals(200, patch(server, id, new JsonObject().put("roles", new JsonArray().add("therapist"))).statusCode());
    assertEquals((short) 4409, console.awaitClose(WITHIN_A_SECOND), "closed with 'roles changed'");
    assertEquals("roles changed", console.closeReason());
    assertEquals("roles", console.expect("staff.changed").getString("reason"), "told why before the close");
    assertEquals(0, keyPackagesOf(server, id), "key packages certified for the old role are gone");

    // the old token states the old roles: refused for a connection and for the API
    WsClient stale = WsClient.connect(server.vertx, server.port);
    assertEquals("unauthorized", staffAuth(stale, session.getString("token"), "device-risto-2").getString("error"));
    HttpResponse<Buffer> me = await(server.client.get("/api/staff/me")
        .putHeader("Authorization", "Bearer " + session.getString("token")).send());
    assertEquals(401, me.statusCode());

    // the console's renewal: a refreshed token states the new roles and signs in
    HttpResponse<Buffer> refreshed = await(server.client.post("/api/auth/refresh")
        .sendJsonObject(new JsonObject().put("refreshToken", session.getString("refreshToken"))));
    assertEquals(200, refreshed.statusCode(), refreshed.bodyAsString());
    JsonObject authed = staffAuth(stale, refreshed.bodyAsJsonObject().getString("token"), "device-risto-2");
    assertEquals("staff.authed", authed.getString("type"), authed.encode());
    assertEquals(List.of("therapist"), authed.getJsonObject("staff").getJsonArray("roles").getList());
    stale.close();
  }

  @Test
  void renamingLeavesTheirSessionsAlone() {
    JsonObject session = newWorker(server, "rauni");
    String id = session.getJsonObject("staff").getString("id");
    WsClient console = ChatSetup.staff(server, session.getString("token"), "device-rauni-1", ChatSetup.keyPackages("rauni", 2));
    assertEquals(200, patch(server, id, new JsonObject().put("displayName", "Rauni R.")).statusCode());
    assertNull(console.awaitClose(300));
    assertEquals(2, keyPackagesOf(server, id));
    console.close();
  }

  @Test
  void aConnectionOnAnotherNodeIsClosedToo() throws Exception {
    // two nodes of one installation: one database, one event bus (as a cluster shares it)
    server.close();
    server = null;
    EmbeddedMongo db = EmbeddedMongo.start(Files.createTempDirectory("matala-shared-db"));
    TestServer nodeA = TestServer.start(Map.of("MONGO_URI", db.connectionString()));
    // the nodes of one installation share its keys (token signing, organisation CA)
    java.nio.file.Path dirB = Files.createTempDirectory("matala-node-b");
    try (var files = Files.walk(nodeA.dataDir)) {
      for (java.nio.file.Path from : files.toList()) {
        java.nio.file.Path to = dirB.resolve(nodeA.dataDir.relativize(from).toString());
        if (!Files.exists(to)) {
          Files.copy(from, to);
        }
      }
    }
    TestServer nodeB = TestServer.startOn(nodeA.vertx, dirB, Map.of("MONGO_URI", db.connectionString()));
    try {
      JsonObject session = newWorker(nodeA, "reijo");
      String id = session.getJsonObject("staff").getString("id");
      WsClient onB = ChatSetup.staff(nodeB, session.getString("token"), "device-reijo-1", ChatSetup.keyPackages("reijo", 2));

      assertEquals(200, patch(nodeA, id, new JsonObject().put("disabled", true)).statusCode());
      assertEquals((short) 4403, onB.awaitClose(WITHIN_A_SECOND), "the other node closed it at once");
      assertEquals(0, keyPackagesOf(nodeB, id));
      WsClient again = WsClient.connect(nodeB.vertx, nodeB.port);
      assertEquals("unauthorized", staffAuth(again, session.getString("token"), "device-reijo-2").getString("error"),
          "the other node no longer takes the token either");
      again.close();
      assertEquals("worker", nodeB.login("worker", DEMO_PASSWORD).getJsonObject("staff").getString("username"),
          "others still sign in there");
    } finally {
      nodeB.close();
      nodeA.close();
      db.close();
    }
  }
}
