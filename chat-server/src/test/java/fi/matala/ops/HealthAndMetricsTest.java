package fi.matala.ops;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.storage.EmbeddedMongo;
import fi.matala.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
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

  @Test
  void metricsArePrometheusTextWithHttpAndEventBusFigures() {
    try (TestServer server = TestServer.start()) {
      await(server.client.get("/health").send());
      String token = server.token("admin");
      // an admin change publishes on the event bus, so its figures have something to count
      await(server.client.get("/api/admin/staff").putHeader("Authorization", "Bearer " + token).send());
      fi.matala.support.WsClient ws = fi.matala.support.WsClient.connect(server.vertx, server.port);
      HttpResponse<Buffer> r = await(server.client.get("/metrics").send());
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
}
