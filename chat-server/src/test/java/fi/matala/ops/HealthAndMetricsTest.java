package fi.matala.ops;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.storage.EmbeddedMongo;
import fi.matala.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthAndMetricsTest {

  @Test
  void healthIsUpWhileTheDatabaseAnswersAndDownWhenItDoesNot() throws Exception {
    // a database the test can take away: the platform reaches it through MONGO_URI like a real MongoDB
    EmbeddedMongo mongo = EmbeddedMongo.start(Files.createTempDirectory("matala-health-db"));
    try (TestServer server = TestServer.start(Map.of("MONGO_URI", mongo.connectionString()))) {
      HttpResponse<Buffer> up = await(server.client.get("/health").send());
      assertEquals(200, up.statusCode());
      assertEquals("UP", up.bodyAsJsonObject().getString("status"));
      mongo.close();
      HttpResponse<Buffer> down = await(server.client.get("/health").send());
      assertEquals(503, down.statusCode());
      assertEquals("DOWN", down.bodyAsJsonObject().getString("status"));
    } finally {
      mongo.close();
    }
  }

  static final String TOKEN = "metrics-token-for-the-test-0123456789";

  @Test
  void metricsArePrometheusTextWithHttpAndEventBusFiguresForTheTokenHolder() {
    try (TestServer server = TestServer.start(Map.of("MATALA_METRICS_TOKEN", TOKEN))) {
      await(server.client.get("/health").send());
      String token = server.token("admin");
      // an admin change publishes on the event bus, so its figures have something to count
      await(server.client.get("/api/admin/staff").putHeader("Authorization", "Bearer " + token).send());
      fi.matala.support.WsClient ws = fi.matala.support.WsClient.connect(server.vertx, server.port);
      HttpResponse<Buffer> r = await(server.client.get("/metrics").putHeader("Authorization", "Bearer " + TOKEN).send());
      ws.close();
      assertEquals(200, r.statusCode());
      assertTrue(r.getHeader("Content-Type").startsWith("text/plain"), r.getHeader("Content-Type"));
      String text = r.bodyAsString();
      assertTrue(text.contains("vertx_http_server_requests_total"), "HTTP figures");
      assertTrue(text.contains("vertx_eventbus_handlers"), "event-bus figures");
      assertTrue(text.contains("vertx_http_server_active_ws_connections") || text.contains("vertx_http_server_ws"),
          "WebSocket figures");
    }
  }

  @Test
  void withoutTheTokenMetricsAreRefused() {
    try (TestServer server = TestServer.start(Map.of("MATALA_METRICS_TOKEN", TOKEN))) {
      for (String auth : new String[] {null, "Bearer wrong-token", "Bearer " + TOKEN + "x", TOKEN,
          "Bearer " + server.token("admin")}) {
        var request = server.client.get("/metrics");
        if (auth != null) {
          request.putHeader("Authorization", auth);
        }
        HttpResponse<Buffer> r = await(request.send());
        assertEquals(401, r.statusCode(), "Authorization: " + auth);
        assertEquals("unauthorized", r.bodyAsJsonObject().getString("error"));
        assertFalse(r.bodyAsString().contains("vertx_"), r.bodyAsString());
      }
    }
  }

  @Test
  void withoutConfigurationMetricsAreNotServedOnThePublicPort() {
    try (TestServer server = TestServer.start()) {
      HttpResponse<Buffer> r = await(server.client.get("/metrics").send());
      assertEquals(404, r.statusCode());
      assertFalse(r.bodyAsString().contains("vertx_"), r.bodyAsString());
    }
  }

  @Test
  void aSeparateListenerServesMetricsAndThePublicPortDoesNot() {
    int metricsPort = TestServer.freePort();
    try (TestServer server = TestServer.start(Map.of("MATALA_METRICS_PORT", Integer.toString(metricsPort)))) {
      await(server.client.get("/health").send()); // something for the HTTP figures to count
      WebClient plain = WebClient.create(server.vertx);
      HttpResponse<Buffer> r = await(plain.get(metricsPort, "127.0.0.1", "/metrics").send());
      assertEquals(200, r.statusCode());
      assertTrue(r.bodyAsString().contains("vertx_http_server_requests_total"));
      assertEquals(404, await(plain.get(metricsPort, "127.0.0.1", "/health").send()).statusCode());
      assertEquals(404, await(server.client.get("/metrics").send()).statusCode());
    }
    // with a token set as well, the separate listener asks for it too
    int other = TestServer.freePort();
    try (TestServer server = TestServer.start(Map.of("MATALA_METRICS_PORT", Integer.toString(other),
        "MATALA_METRICS_TOKEN", TOKEN))) {
      WebClient plain = WebClient.create(server.vertx);
      assertEquals(401, await(plain.get(other, "127.0.0.1", "/metrics").send()).statusCode());
      assertEquals(200, await(plain.get(other, "127.0.0.1", "/metrics").putHeader("Authorization", "Bearer " + TOKEN)
          .send()).statusCode());
      assertEquals(404, await(server.client.get("/metrics").putHeader("Authorization", "Bearer " + TOKEN).send())
          .statusCode(), "never on the public port once a separate one is configured");
    }
  }
}
