package fi.matala.admin;

import static fi.matala.support.TestServer.DEMO_PASSWORD;
import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StaffAdminApiTest {
  static TestServer server;
  static String adminToken;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    adminToken = server.token("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private HttpResponse<Buffer> create(String token, JsonObject body) {
    return await(server.client.post("/api/admin/staff").putHeader("Authorization", "Bearer " + token).sendJsonObject(body));
  }

  private HttpResponse<Buffer> patch(String id, JsonObject body) {
    return await(server.client.patch("/api/admin/staff/" + id)
        .putHeader("Authorization", "Bearer " + adminToken).sendJsonObject(body));
  }

  private static JsonObject newStaff(String username) {
    return new JsonObject().put("username", username).put("password", "a-long-enough-pass")
        .put("displayName", "Maija Meikäläinen").put("roles", new JsonArray().add("worker"));
  }

  @Test
  void adminCreatesAStaffMemberWhoCanSignIn() {
    HttpResponse<Buffer> r = create(adminToken, newStaff("maija"));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    assertEquals("Maija Meikäläinen", r.bodyAsJsonObject().getString("displayName"));
    JsonObject session = server.login("maija", "a-long-enough-pass");
    assertEquals(List.of("worker"), session.getJsonObject("staff").getJsonArray("roles").getList());
    assertEquals(409, create(adminToken, newStaff("maija")).statusCode());
  }

  @Test
  void onlyAdminsManageStaff() {
    String workerToken = server.token("worker");
    HttpResponse<Buffer> r = create(workerToken, newStaff("sneaky"));
    assertEquals(403, r.statusCode());
    assertEquals("forbidden", r.bodyAsJsonObject().getString("error"));
    assertEquals(401, await(server.client.get("/api/admin/staff").send()).statusCode());
  }

  @Test
  void invalidNewStaffIsRefusedWithReasons() {
    assertEquals("weak_password",
        create(adminToken, newStaff("short-pass").put("password", "short")).bodyAsJsonObject().getString("error"));
    assertEquals("invalid_username",
        create(adminToken, newStaff("Bad Name!")).bodyAsJsonObject().getString("error"));
    assertEquals("invalid_roles", create(adminToken, newStaff("norole").put("roles", new JsonArray().add("root")))
        .bodyAsJsonObject().getString("error"));
    assertEquals("invalid_roles", create(adminToken, newStaff("empty").put("roles", new JsonArray()))
        .bodyAsJsonObject().getString("error"));
  }

  @Test
  void disablingStopsTheAccountAtOnceAndReRoleTakesEffectAtNextSignIn() {
    JsonObject created = create(adminToken, newStaff("ville")).bodyAsJsonObject();
    String id = created.getString("id");
    String villeToken = server.login("ville", "a-long-enough-pass").getString("token");

    HttpResponse<Buffer> reRole = patch(id, new JsonObject().put("roles", new JsonArray().add("supervisor")));
    assertEquals(200, reRole.statusCode());
    JsonObject again = server.login("ville", "a-long-enough-pass");
    assertEquals(List.of("supervisor"), again.getJsonObject("staff").getJsonArray("roles").getList());

    assertEquals(200, patch(id, new JsonObject().put("disabled", true)).statusCode());
    HttpResponse<Buffer> me = await(server.client.get("/api/staff/me")
        .putHeader("Authorization", "Bearer " + villeToken).send());
    assertEquals(401, me.statusCode(), "an unexpired token of a disabled account no longer works");
    HttpResponse<Buffer> login = await(server.client.post("/api/auth/login")
        .sendJsonObject(new JsonObject().put("username", "ville").put("password", "a-long-enough-pass")));
    assertEquals(401, login.statusCode());
    HttpResponse<Buffer> refresh = await(server.client.post("/api/auth/refresh")
        .sendJsonObject(new JsonObject().put("refreshToken", again.getString("refreshToken"))));
    assertEquals(401, refresh.statusCode());

    assertEquals(200, patch(id, new JsonObject().put("disabled", false)).statusCode());
    assertEquals("ville", server.login("ville", "a-long-enough-pass").getJsonObject("staff").getString("username"));
  }

  @Test
  void adminCannotLockThemselvesOut() {
    String adminId = server.login("admin", DEMO_PASSWORD).getJsonObject("staff").getString("id");
    assertEquals("self_lockout", patch(adminId, new JsonObject().put("disabled", true)).bodyAsJsonObject().getString("error"));
    assertEquals(404, patch("no-such-id", new JsonObject().put("disabled", true)).statusCode());
    assertEquals("nothing_to_change", patch(adminId, new JsonObject()).bodyAsJsonObject().getString("error"));
  }

  @Test
  void nobodyChangesTheirOwnRolesAndTheAttemptIsAudited() {
    JsonObject created = create(adminToken, newStaff("second-admin").put("roles", new JsonArray().add("admin")))
        .bodyAsJsonObject();
    String id = created.getString("id");
    String ownToken = server.login("second-admin", "a-long-enough-pass").getString("token");
    HttpResponse<Buffer> grant = await(server.client.patch("/api/admin/staff/" + id)
        .putHeader("Authorization", "Bearer " + ownToken)
        .sendJsonObject(new JsonObject().put("roles", new JsonArray().add("admin").add("supervisor"))));
    assertEquals(403, grant.statusCode(), grant.bodyAsString());
    assertEquals("own_roles", grant.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> list = await(server.client.get("/api/admin/staff").putHeader("Authorization", "Bearer " + adminToken).send());
    JsonObject stored = list.bodyAsJsonObject().getJsonArray("staff").stream().map(o -> (JsonObject) o)
        .filter(m -> id.equals(m.getString("id"))).findFirst().orElseThrow();
    assertEquals(List.of("admin"), stored.getJsonArray("roles").getList(), "unchanged");
    List<Document> entries = await(server.platform.services().audit().recent(10, id));
    assertTrue(entries.stream().anyMatch(d -> "staff.update.refused".equals(d.getString("action"))
        && "second-admin".equals(d.getString("actorUsername"))), entries.toString());

    // another admin may, and the display name stays one's own to change
    assertEquals(200, patch(id, new JsonObject().put("roles", new JsonArray().add("admin").add("supervisor"))).statusCode());
    String renewed = server.login("second-admin", "a-long-enough-pass").getString("token");
    assertEquals(200, await(server.client.patch("/api/admin/staff/" + id).putHeader("Authorization", "Bearer " + renewed)
        .sendJsonObject(new JsonObject().put("displayName", "Toinen Ylläpitäjä"))).statusCode());
  }

  @Test
  void staffChangesAreAudited() {
    JsonObject created = create(adminToken, newStaff("auditee")).bodyAsJsonObject();
    patch(created.getString("id"), new JsonObject().put("roles", new JsonArray().add("peer")));
    List<Document> entries = await(server.platform.services().audit().recent(10, created.getString("id")));
    List<String> actions = entries.stream().map(d -> d.getString("action")).toList();
    assertTrue(actions.containsAll(List.of("staff.create", "staff.update")), actions.toString());
    assertTrue(entries.stream().allMatch(d -> "admin".equals(d.getString("actorUsername"))));
  }

  @Test
  void listShowsEveryRoleOfTheDemo() {
    HttpResponse<Buffer> r = await(server.client.get("/api/admin/staff").putHeader("Authorization", "Bearer " + adminToken).send());
    assertEquals(200, r.statusCode());
    List<String> names = r.bodyAsJsonObject().getJsonArray("staff").stream()
        .map(o -> ((JsonObject) o).getString("username")).toList();
    assertTrue(names.containsAll(List.of("worker", "worker2", "therapist", "peer", "supervisor", "admin")), names.toString());
  }
}
