package fi.matala.chat;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Opening hours close a queue honestly; presence follows the worker's connection. */
class QueueAdminAndPresenceTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<Buffer> patchQueue(String id, JsonObject body, String token) {
    return await(server.client.patch("/api/admin/queues/" + id).putHeader("Authorization", "Bearer " + token)
        .sendJsonObject(body));
  }

  static String status(String queue) {
    return await(server.client.get("/api/public/queues").send()).bodyAsJsonObject().getJsonArray("queues").stream()
        .map(o -> (JsonObject) o).filter(q -> q.getString("id").equals(queue)).findFirst().orElseThrow()
        .getString("status");
  }

  @Test
  void aClosedQueueSaysSoAndTakesNoChats() {
    String admin = server.token("admin");
    assertEquals("open", status("adult-social-work"));
    // open only on the day three days from now: certainly closed at this moment
    int otherDay = java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Helsinki")).getDayOfWeek().plus(3).getValue();
    JsonObject never = new JsonObject().put("openingHours", new JsonObject().put("tz", "Europe/Helsinki")
        .put("ranges", new JsonArray().add(new JsonObject().put("days", new JsonArray().add(otherDay))
            .put("from", "00:00").put("to", "23:59"))));
    HttpResponse<Buffer> r = patchQueue("adult-social-work", never, admin);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("closed", status("adult-social-work"));
    try (WsClient citizen = WsClient.connect(server.vertx, server.port)) {
      JsonObject refused = citizen.request(new JsonObject().put("type", "citizen.open").put("queue", "adult-social-work")
          .put("lang", "fi").put("groupId", Base64.getEncoder().encodeToString("closed-queue-group-1".getBytes())));
      assertEquals("queue_closed", refused.getString("error"), refused.encode());
    }
    assertEquals(200, patchQueue("adult-social-work", new JsonObject().putNull("openingHours"), admin).statusCode());
    assertEquals("open", status("adult-social-work"));
  }

  @Test
  void queueSettingsAreAdminOnlyAndValidated() {
    assertEquals(403, patchQueue("families", new JsonObject().put("priority", 5), server.token("worker")).statusCode());
    String admin = server.token("admin");
    assertEquals("invalid_priority", patchQueue("families", new JsonObject().put("priority", "high"), admin)
        .bodyAsJsonObject().getString("error"));
    assertEquals("invalid_hours", patchQueue("families", new JsonObject().put("openingHours",
        new JsonObject().put("tz", "Mars/Olympus")), admin).bodyAsJsonObject().getString("error"));
    assertEquals(404, patchQueue("no-such-queue", new JsonObject().put("priority", 1), admin).statusCode());
    HttpResponse<Buffer> ok = patchQueue("families", new JsonObject().put("priority", 7), admin);
    assertEquals(7, ok.bodyAsJsonObject().getInteger("priority"));
  }

  @Test
  void aWorkerBecomesAwayWhenTheirConnectionIsGone() throws Exception {
    String token = server.token("worker2");
    WsClient ws = WsClient.connect(server.vertx, server.port);
    ws.request(new JsonObject().put("type", "staff.auth").put("token", token).put("device", "presence-device-1"));
    assertEquals("available", presenceOf("worker2", token));
    assertEquals("busy", ws.request(new JsonObject().put("type", "presence.set").put("status", "busy")).getString("status"));
    assertEquals("unavailable", presenceOf("worker2", token), "busy is not available for transfers");
    ws.request(new JsonObject().put("type", "presence.set").put("status", "available"));
    ws.close();
    long deadline = System.currentTimeMillis() + 5000;
    while (!presenceOf("worker2", token).equals("unavailable") && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertEquals("unavailable", presenceOf("worker2", token));
  }

  static String presenceOf(String username, String token) {
    String name = username.equals("worker2") ? "Ville Vastaaja" : "Tiina Työntekijä";
    return await(server.client.get("/api/staff/directory").putHeader("Authorization", "Bearer " + token).send())
        .bodyAsJsonObject().getJsonArray("staff").stream().map(o -> (JsonObject) o)
        .filter(s -> s.getString("displayName").equals(name)).findFirst().orElseThrow().getString("presence");
  }
}
