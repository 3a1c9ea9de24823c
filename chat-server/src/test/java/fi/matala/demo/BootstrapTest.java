package fi.matala.demo;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.matala.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** First start on an empty database: demo content, or the configured first admin and no demo accounts. */
@ExtendWith(VertxExtension.class)
class BootstrapTest {

  @Test
  void aRealInstallationGetsItsAdminAndNoDemoAccounts(Vertx vertx, VertxTestContext ctx) throws Exception {
    try (TestServer server = TestServer.start(Map.of("MATALA_ADMIN_USER", "kunta-admin",
        "MATALA_ADMIN_PASSWORD", "a-real-admin-password"))) {
      assertEquals(List.of("Created the first admin 'kunta-admin'. Sign in at /staff/ and add staff."),
          server.platform.bootstrapLines());
      String token = server.login("kunta-admin", "a-real-admin-password").getString("token");
      var staff = await(server.client.get("/api/admin/staff").putHeader("Authorization", "Bearer " + token).send())
          .bodyAsJsonObject().getJsonArray("staff");
      assertEquals(1, staff.size());
      assertEquals(401, await(server.client.post("/api/auth/login").sendJsonObject(new JsonObject()
          .put("username", "worker").put("password", TestServer.DEMO_PASSWORD))).statusCode());
      assertEquals(4, await(server.client.get("/api/public/queues").send()).bodyAsJsonObject()
          .getJsonArray("queues").size(), "the standard queues exist");
    }
    ctx.completeNow();
  }

  @Test
  void demoContentIsCreatedOnceAndKeptOverRestarts(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path dir = Files.createTempDirectory("matala-demo");
    try (TestServer first = TestServer.start(dir, Map.of())) {
      assertEquals(8, first.platform.bootstrapLines().size(), first.platform.bootstrapLines().toString());
      first.login("supervisor", TestServer.DEMO_PASSWORD);
      // two demo admins: the request inbox key takes one to propose and another to approve
      assertEquals("  admin2 (admin)", first.platform.bootstrapLines().get(7));
      first.login("admin2", TestServer.DEMO_PASSWORD);
      assertEquals(404, await(first.client.get("/api/public/inbox-key").send()).statusCode(), "no inbox key until two admins set one");
    }
    try (TestServer again = TestServer.start(dir, Map.of())) {
      assertEquals(List.of(), again.platform.bootstrapLines(), "nothing seeded twice");
      again.login("supervisor", TestServer.DEMO_PASSWORD);
    }
    ctx.completeNow();
  }
}
