package fi.matala.auth;

import static fi.matala.support.TestServer.DEMO_PASSWORD;
import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignInApiTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private HttpResponse<Buffer> login(String user, String password) {
    return await(server.client.post("/api/auth/login")
        .sendJsonObject(new JsonObject().put("username", user).put("password", password)));
  }

  private HttpResponse<Buffer> me(String token) {
    var req = server.client.get("/api/staff/me");
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    return await(req.send());
  }

  @Test
  void demoWorkerSignsInAndSeesThemself() {
    JsonObject session = server.login("worker", DEMO_PASSWORD);
    assertNotNull(session.getString("refreshToken"));
    assertTrue(session.getLong("expiresAt") > System.currentTimeMillis());
    assertEquals("worker", session.getJsonObject("staff").getString("username"));
    HttpResponse<Buffer> r = me(session.getString("token"));
    assertEquals(200, r.statusCode());
    JsonObject staff = r.bodyAsJsonObject();
    assertEquals("worker", staff.getString("username"));
    assertEquals("worker", staff.getJsonArray("roles").getString(0));
    assertFalse(staff.containsKey("passwordHash"));
  }

  @Test
  void meNeedsAValidToken() {
    assertEquals(401, me(null).statusCode());
    assertEquals("unauthorized", me(null).bodyAsJsonObject().getString("error"));
    String token = server.token("worker");
    String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertEquals(401, me(forged).statusCode());
    assertEquals(401, me("not-a-jwt").statusCode());
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameAnswer() {
    HttpResponse<Buffer> wrong = login("worker2", "wrong-password-123");
    HttpResponse<Buffer> unknown = login("nobody-here", "wrong-password-123");
    assertEquals(401, wrong.statusCode());
    assertEquals(401, unknown.statusCode());
    assertEquals(wrong.bodyAsString(), unknown.bodyAsString());
    assertEquals("invalid_credentials", wrong.bodyAsJsonObject().getString("error"));
  }

  @Test
  void repeatedFailuresAreRateLimited() throws InterruptedException {
    // seven failures, each after the wait it was told (the delays grow: 1 s, 2 s, then 4 s)
    for (int failures = 0; failures < 7; ) {
      HttpResponse<Buffer> r = login("therapist", "guess-" + failures + "-abcdefgh");
      if (r.statusCode() == 429) {
        Thread.sleep(Integer.parseInt(r.getHeader("Retry-After")) * 1000L + 50);
      } else {
        assertEquals(401, r.statusCode());
        failures++;
      }
    }
    HttpResponse<Buffer> limited = login("therapist", DEMO_PASSWORD);
    assertEquals(429, limited.statusCode(), "even the right password waits once the limit is reached");
    assertEquals("rate_limited", limited.bodyAsJsonObject().getString("error"));
    assertTrue(Integer.parseInt(limited.getHeader("Retry-After")) > 0);
    // other accounts are not locked by it
    assertEquals(200, login("peer", DEMO_PASSWORD).statusCode());
  }

  @Test
  void refreshRotatesAndAReplayedRefreshTokenFails() {
    JsonObject session = server.login("supervisor", DEMO_PASSWORD);
    String refresh = session.getString("refreshToken");
    HttpResponse<Buffer> r1 = await(server.client.post("/api/auth/refresh")
        .sendJsonObject(new JsonObject().put("refreshToken", refresh)));
    assertEquals(200, r1.statusCode());
    JsonObject renewed = r1.bodyAsJsonObject();
    assertNotEquals(refresh, renewed.getString("refreshToken"));
    assertEquals(200, me(renewed.getString("token")).statusCode());
    HttpResponse<Buffer> replay = await(server.client.post("/api/auth/refresh")
        .sendJsonObject(new JsonObject().put("refreshToken", refresh)));
    assertEquals(401, replay.statusCode());
  }

  @Test
  void logoutRevokesTheRefreshToken() {
    JsonObject session = server.login("worker", DEMO_PASSWORD);
    HttpResponse<Buffer> out = await(server.client.post("/api/auth/logout")
        .putHeader("Authorization", "Bearer " + session.getString("token"))
        .sendJsonObject(new JsonObject().put("refreshToken", session.getString("refreshToken"))));
    assertEquals(204, out.statusCode());
    HttpResponse<Buffer> r = await(server.client.post("/api/auth/refresh")
        .sendJsonObject(new JsonObject().put("refreshToken", session.getString("refreshToken"))));
    assertEquals(401, r.statusCode());
  }

  @Test
  void loginRejectsBadInputClearly() {
    HttpResponse<Buffer> notJson = await(server.client.post("/api/auth/login")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"username\":")));
    assertEquals(400, notJson.statusCode());
    assertEquals("malformed_json", notJson.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> wrongType = await(server.client.post("/api/auth/login")
        .sendJsonObject(new JsonObject().put("username", 42).put("password", "x")));
    assertEquals(400, wrongType.statusCode());
    assertEquals("wrong_type", wrongType.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> operator = await(server.client.post("/api/auth/login")
        .sendJsonObject(new JsonObject().put("username", new JsonObject().put("$ne", "x")).put("password", "x")));
    assertEquals(400, operator.statusCode());
    assertEquals("forbidden_key", operator.bodyAsJsonObject().getString("error"));
  }
}
