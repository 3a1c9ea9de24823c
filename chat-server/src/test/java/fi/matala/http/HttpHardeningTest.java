package fi.matala.http;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input of any kind gets a 4xx JSON error, and every response carries the security headers. */
class HttpHardeningTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertJsonError(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("application/json"), r.getHeader("Content-Type"));
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(code, body.getString("error"));
    assertNotNull(body.getString("message"));
    assertFalse(r.bodyAsString().contains("Exception"), "no stack trace or exception names: " + r.bodyAsString());
  }

  private HttpResponse<Buffer> postRaw(String path, String contentType, Buffer body) {
    var req = server.client.post(path);
    if (contentType != null) {
      req.putHeader("Content-Type", contentType);
    }
    return await(req.sendBuffer(body));
  }

  @Test
  void malformedJson() {
    assertJsonError(postRaw("/api/auth/login", "application/json", Buffer.buffer("{nope")), 400, "malformed_json");
    assertJsonError(postRaw("/api/auth/login", "application/json", Buffer.buffer("[1,2]")), 400, "malformed_json");
    assertJsonError(postRaw("/api/auth/login", "application/json", Buffer.buffer("")), 400, "empty_body");
    assertJsonError(postRaw("/api/auth/login", "application/json", Buffer.buffer(new byte[] {(byte) 0xff, 0, 1})), 400,
        "malformed_json");
  }

  @Test
  void wrongContentType() {
    assertJsonError(postRaw("/api/auth/login", "text/plain", Buffer.buffer("{}")), 415, "unsupported_media_type");
    assertJsonError(postRaw("/api/auth/login", null, Buffer.buffer("{}")), 415, "unsupported_media_type");
  }

  @Test
  void missingAndMistypedFields() {
    assertJsonError(postRaw("/api/auth/login", "application/json", Buffer.buffer("{\"username\":\"a\"}")), 400,
        "missing_field");
    assertJsonError(postRaw("/api/auth/login", "application/json",
        Buffer.buffer("{\"username\":[\"a\"],\"password\":\"b\"}")), 400, "wrong_type");
    assertJsonError(postRaw("/api/auth/login", "application/json",
        Buffer.buffer("{\"username\":\"" + "a".repeat(100) + "\",\"password\":\"b\"}")), 400, "too_long");
  }

  @Test
  void operatorKeysNeverReachAQuery() {
    assertJsonError(postRaw("/api/auth/refresh", "application/json",
        Buffer.buffer("{\"refreshToken\":{\"$gt\":\"\"}}")), 400, "forbidden_key");
    assertJsonError(postRaw("/api/auth/login", "application/json",
        Buffer.buffer("{\"username\":\"a\",\"password\":\"b\",\"x\":[{\"a.b\":1}]}")), 400, "forbidden_key");
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      deep.append("{\"a\":");
    }
    deep.append("1").append("}".repeat(40));
    assertJsonError(postRaw("/api/auth/login", "application/json", Buffer.buffer(deep.toString())), 400, "too_deep");
  }

  @Test
  void oversizedBody() {
    Buffer big = Buffer.buffer("{\"username\":\"" + "x".repeat(200_000) + "\",\"password\":\"p\"}");
    HttpResponse<Buffer> r = postRaw("/api/auth/login", "application/json", big);
    assertJsonError(r, 413, "body_too_large");
  }

  @Test
  void unknownRoutesAndMethods() {
    assertJsonError(await(server.client.get("/api/no/such/thing").send()), 404, "not_found");
    assertJsonError(await(server.client.get("/no-such-page.html").send()), 404, "not_found");
    HttpResponse<Buffer> r = await(server.client.request(HttpMethod.DELETE, "/api/auth/login").send());
    assertTrue(r.statusCode() == 404 || r.statusCode() == 405, "status " + r.statusCode());
    assertEquals("application/json; charset=utf-8", r.getHeader("Content-Type"));
  }

  @Test
  void securityHeadersOnEveryResponse() {
    for (HttpResponse<Buffer> r : new HttpResponse[] {
        await(server.client.get("/health").send()),
        await(server.client.get("/api/nothing").send()),
        await(server.client.get("/staff/").send()),
        postRaw("/api/auth/login", "application/json", Buffer.buffer("{"))}) {
      String csp = r.getHeader("Content-Security-Policy");
      assertNotNull(csp);
      assertTrue(csp.contains("script-src 'self'"), csp);
      assertFalse(csp.contains("unsafe-inline"), csp);
      assertTrue(csp.contains("connect-src 'self';"), "ciphertext and keys may only go back to this server: " + csp);
      assertTrue(r.getHeader("Strict-Transport-Security").startsWith("max-age="));
      assertEquals("nosniff", r.getHeader("X-Content-Type-Options"));
      assertEquals("no-referrer", r.getHeader("Referrer-Policy"));
    }
    assertTrue(await(server.client.get("/staff/").send()).getHeader("Content-Security-Policy")
        .contains("frame-ancestors 'none'"));
  }
}
