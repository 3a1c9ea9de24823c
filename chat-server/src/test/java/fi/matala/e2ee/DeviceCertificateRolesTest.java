package fi.matala.e2ee;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.matala.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Device certificates are only for the roles that chat: an admin-only account has no key to put into a citizen's group. */
class DeviceCertificateRolesTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<Buffer> certify(String token) throws Exception {
    byte[] spki = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    return await(server.client.post("/api/devices/certificate").putHeader("Authorization", "Bearer " + token)
        .sendJsonObject(new JsonObject().put("device", "roles-test-device")
            .put("publicKey", Base64.getEncoder().encodeToString(raw))));
  }

  @Test
  void anAdminOnlyAccountGetsNoDeviceCertificate() throws Exception {
    HttpResponse<Buffer> refused = certify(server.token("admin"));
    assertEquals(403, refused.statusCode(), refused.bodyAsString());
    assertEquals("no_chat_role", refused.bodyAsJsonObject().getString("error"));
  }

  @Test
  void everyRoleThatChatsGetsOne() throws Exception {
    for (String user : new String[] {"worker", "therapist", "peer", "supervisor"}) {
      assertEquals(200, certify(server.token(user)).statusCode(), user);
    }
    // an admin who also chats is certified for the role they chat in
    HttpResponse<Buffer> created = await(server.client.post("/api/admin/staff")
        .putHeader("Authorization", "Bearer " + server.token("admin"))
        .sendJsonObject(new JsonObject().put("username", "lead-admin").put("password", "a-long-enough-pass")
            .put("displayName", "Liisa Lead").put("roles", new JsonArray().add("admin").add("supervisor"))));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals(200, certify(server.login("lead-admin", "a-long-enough-pass").getString("token")).statusCode());
  }
}
