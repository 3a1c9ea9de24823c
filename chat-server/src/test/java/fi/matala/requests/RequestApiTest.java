package fi.matala.requests;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sealed requests: stored and relayed as opaque boxes, readable back only with the code's lookup. */
class RequestApiTest {
  static TestServer server;
  static final SecureRandom RANDOM = new SecureRandom();

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String b64(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  static JsonObject sealed() {
    return new JsonObject().put("v", 1).put("epk", b64(32)).put("iv", b64(12)).put("ct", b64(300));
  }

  static String lookup() throws Exception {
    byte[] code = new byte[16];
    RANDOM.nextBytes(code);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(code));
  }

  static HttpResponse<Buffer> post(String path, JsonObject body, String token) {
    var req = server.client.post(path);
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    return await(req.sendJsonObject(body));
  }

  static HttpResponse<Buffer> get(String path, String token) {
    var req = server.client.get(path);
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    return await(req.send());
  }

  /** One admin proposes, another approves (InboxKeyApprovalTest has the rules). */
  static String setInboxKey() {
    HttpResponse<Buffer> r = post("/api/admin/inbox-key/proposals", new JsonObject().put("publicKey", b64(32))
        .put("wrappedPrivateKey", new JsonObject().put("v", 1).put("kdf", "PBKDF2-SHA256").put("iterations", 600000)
            .put("salt", b64(16)).put("iv", b64(12)).put("ct", b64(48))), server.token("admin"));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    String keyId = r.bodyAsJsonObject().getString("keyId");
    HttpResponse<Buffer> approved = post("/api/admin/inbox-key/proposals/" + keyId + "/approve", new JsonObject(),
        server.token("admin2"));
    assertEquals(200, approved.statusCode(), approved.bodyAsString());
    return keyId;
  }

  @Test
  void aRequestIsSealedStoredAnsweredAndDeleted() throws Exception {
    String keyId = setInboxKey();
    JsonObject pub = get("/api/public/inbox-key", null).bodyAsJsonObject();
    assertEquals(keyId, pub.getString("keyId"));

    String lookup = lookup();
    JsonObject request = sealed();
    WsClient console = WsClient.connect(server.vertx, server.port);
    console.request(new JsonObject().put("type", "staff.auth").put("token", server.token("worker")).put("device", "requests-dev"));
    HttpResponse<Buffer> created = post("/api/public/requests", new JsonObject().put("queue", "families").put("lang", "fi")
        .put("lookup", lookup).put("keyId", keyId).put("sealed", request), null);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    console.expect("requests.changed");
    assertEquals(409, post("/api/public/requests", new JsonObject().put("queue", "families").put("lang", "fi")
        .put("lookup", lookup).put("keyId", keyId).put("sealed", sealed()), null).statusCode());
    assertEquals("open", get("/api/public/requests/" + lookup, null).bodyAsJsonObject().getString("status"));

    String worker = server.token("worker");
    JsonObject listed = get("/api/requests", worker).bodyAsJsonObject().getJsonArray("requests").stream()
        .map(o -> (JsonObject) o).filter(r -> r.getJsonObject("sealed").equals(request)).findFirst().orElseThrow();
    assertFalse(listed.containsKey("lookup"), "staff never see the citizen's handle");
    assertEquals(keyId, listed.getString("keyId"));
    JsonObject answer = sealed();
    assertEquals(200, post("/api/requests/" + listed.getString("id") + "/answer", new JsonObject().put("sealed", answer), worker)
        .statusCode());
    assertEquals("already_answered", post("/api/requests/" + listed.getString("id") + "/answer",
        new JsonObject().put("sealed", sealed()), worker).bodyAsJsonObject().getString("error"));

    JsonObject status = get("/api/public/requests/" + lookup, null).bodyAsJsonObject();
    assertEquals("answered", status.getString("status"));
    assertEquals(answer, status.getJsonObject("answer"));

    assertEquals(204, await(server.client.delete("/api/public/requests/" + lookup).send()).statusCode());
    assertEquals(404, get("/api/public/requests/" + lookup, null).statusCode());

    List<Document> audit = await(server.platform.services().audit().recent(20, listed.getString("id")));
    assertTrue(audit.stream().anyMatch(d -> "request.answer".equals(d.getString("action"))));
    console.close();
  }

  @Test
  void badRequestsAreRefusedClearly() throws Exception {
    String keyId = setInboxKey();
    JsonObject ok = new JsonObject().put("queue", "families").put("lang", "fi").put("lookup", lookup())
        .put("keyId", keyId).put("sealed", sealed());
    assertEquals("invalid_lookup", post("/api/public/requests", ok.copy().put("lookup", "short"), null)
        .bodyAsJsonObject().getString("error"));
    assertEquals("invalid_sealed", post("/api/public/requests", ok.copy().put("sealed", sealed().put("v", 2)), null)
        .bodyAsJsonObject().getString("error"));
    assertEquals("invalid_sealed", post("/api/public/requests", ok.copy().put("sealed", sealed().put("epk", b64(31))), null)
        .bodyAsJsonObject().getString("error"));
    assertEquals("invalid_sealed", post("/api/public/requests", ok.copy().put("sealed", sealed().put("extra", 1)), null)
        .bodyAsJsonObject().getString("error"));
    assertEquals("unknown_queue", post("/api/public/requests", ok.copy().put("queue", "nope"), null)
        .bodyAsJsonObject().getString("error"));
    assertEquals("unknown_key", post("/api/public/requests", ok.copy().put("keyId", "nope"), null)
        .bodyAsJsonObject().getString("error"));
    assertEquals("unknown_language", post("/api/public/requests", ok.copy().put("lang", "de"), null)
        .bodyAsJsonObject().getString("error"));
    assertEquals("invalid_lookup", get("/api/public/requests/not-a-lookup", null).bodyAsJsonObject().getString("error"));
    assertEquals(404, get("/api/public/requests/" + lookup(), null).statusCode());
  }

  @Test
  void onlyWorkersReadRequestsAndOnlyAdminsSetTheKey() {
    assertEquals(401, get("/api/requests", null).statusCode());
    assertEquals(403, get("/api/requests", server.token("peer")).statusCode());
    assertEquals(403, get("/api/inbox-keys", server.token("supervisor")).statusCode());
    assertEquals(200, get("/api/inbox-keys", server.token("therapist")).statusCode());
    assertEquals(403, post("/api/admin/inbox-key/proposals", new JsonObject(), server.token("worker")).statusCode());
    assertEquals(401, post("/api/admin/inbox-key/proposals", new JsonObject(), null).statusCode());
  }
}
