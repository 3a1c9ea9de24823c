package fi.matala.chat;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.ChatSetup;
import fi.matala.support.MlsBytes;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import fi.matala.storage.Reactive;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * member.refused: the citizen's client refused every device of a staff member it was asked to add.
 * Nobody may be left waiting: the worker's chat goes back to its queue in its old place, a joiner
 * is dropped, and a member who really joined cannot be undone this way.
 */
class MemberRefusedTest {
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A citizen's chat: its socket, id, secret and MLS group id. */
  record Citizen(WsClient ws, String conv, String secret, byte[] groupId) {}

  Citizen openChat() {
    byte[] groupId = new byte[16];
    new SecureRandom().nextBytes(groupId);
    WsClient ws = WsClient.connect(server.vertx, server.port);
    JsonObject opened = ChatSetup.openChat(ws, "mental-health", "fi", groupId);
    return new Citizen(ws, opened.getString("conversation"), opened.getString("secret"), groupId);
  }

  WsClient staff(String username, String device) {
    return ChatSetup.staff(server, username, device);
  }

  static JsonObject uploadFrame(String device, String marker) {
    return ChatSetup.uploadFrame(device, ChatSetup.keyPackages(marker, 2));
  }

  static String staffId(WsClient ws) {
    return ChatSetup.authed(ws).getJsonObject("staff").getString("id");
  }

  static JsonObject refuse(Citizen c, String staffId, String reason) {
    return c.ws().request(new JsonObject().put("type", "member.refused").put("conversation", c.conv())
        .put("staff", staffId).put("reason", reason));
  }

  /** The citizen's client adds the announced worker: commit, then the Welcome. */
  static void welcome(Citizen c, String staffId) {
    JsonObject commit = c.ws().request(new JsonObject().put("type", "msg.send").put("conversation", c.conv())
        .put("data", MlsBytes.commit(c.groupId(), 0)));
    assertEquals("msg.ack", commit.getString("type"), commit.encode());
    JsonObject w = c.ws().request(new JsonObject().put("type", "msg.send").put("conversation", c.conv())
        .put("data", MlsBytes.welcome()).put("to", staffId));
    assertEquals("msg.ack", w.getString("type"), w.encode());
  }

  Document stored(String conv) {
    return await(Reactive.first(server.platform.services().db().collection("conversations")
        .find(new Document("_id", conv)).limit(1))).orElseThrow();
  }

  @Test
  void aRefusedWorkersChatGoesBackToItsQueueInItsOldPlace() {
    Citizen first = openChat();
    Citizen second = openChat();
    WsClient worker = staff("worker", "device-refused-1");
    String workerId = staffId(worker);
    JsonObject taken = worker.request(new JsonObject().put("type", "queue.take"));
    assertEquals(first.conv(), taken.getString("conversation"), "the longest waiting chat is taken first");
    JsonObject add = first.ws().expect("member.add");
    assertEquals(workerId, add.getJsonObject("staff").getString("id"));

    JsonObject dropped = refuse(first, workerId, "identity_mismatch");
    assertEquals("member.dropped", dropped.getString("type"), dropped.encode());
    assertEquals("queued", dropped.getString("status"));
    assertEquals(workerId, dropped.getString("staff"));
    assertEquals(1, dropped.getInteger("position"), "the citizen keeps their place ahead of the later chat");

    JsonObject removed = worker.expect("conversation.removed");
    assertEquals(first.conv(), removed.getString("conversation"));
    assertEquals("refused", removed.getString("reason"));
    JsonObject send = worker.request(new JsonObject().put("type", "msg.send").put("conversation", first.conv())
        .put("data", MlsBytes.application(first.groupId(), 0, "too-late")));
    assertEquals("not_a_member", send.getString("error"), send.encode());

    worker.expect(f -> "queue.stats".equals(f.getString("type"))
        && f.getJsonArray("waitingChats").size() == 2
        && first.conv().equals(f.getJsonArray("waitingChats").getJsonObject(0).getString("conversation")),
        "queue.stats listing the refused chat first again");
    first.ws().expect(f -> "queue.position".equals(f.getString("type")) && f.getInteger("position") == 1,
        "the citizen's queue position again");

    Document doc = stored(first.conv());
    assertEquals("QUEUED", doc.getString("status"));
    assertEquals(null, doc.getString("assignedTo"));
    assertFalse(doc.get("members", Document.class).containsKey(workerId));
    assertTrue(doc.getList("pendingAdds", Document.class).isEmpty());
    // statistics: taken, then back to its queue (no content, nothing about the citizen)
    List<Document> events = await(Reactive.list(server.platform.services().db().collection("chat_events")
        .find(new Document("conversation", first.conv()))));
    assertEquals(List.of("queued", "taken", "transferred"), events.stream().map(e -> e.getString("type")).sorted().toList());
    Document back = events.stream().filter(e -> "transferred".equals(e.getString("type"))).findFirst().orElseThrow();
    assertEquals(true, back.getBoolean("refused"));
    assertEquals("mental-health", back.getString("queue"));

    // the next take (a colleague, or the same worker with a renewed device) gets it again
    WsClient worker2 = staff("worker2", "device-refused-2");
    assertEquals(first.conv(), worker2.request(new JsonObject().put("type", "queue.take")).getString("conversation"));
    List.of(first.ws(), second.ws(), worker, worker2).forEach(WsClient::close);
  }

  @Test
  void aRefusedJoinerIsDroppedAndTheWorkerStays() {
    Citizen c = openChat();
    WsClient worker = staff("worker", "device-refused-3");
    String workerId = staffId(worker);
    worker.request(new JsonObject().put("type", "queue.take"));
    c.ws().expect("member.add");
    welcome(c, workerId);

    WsClient supervisor = staff("supervisor", "device-refused-4");
    String supervisorId = staffId(supervisor);
    assertEquals("conversation.joining", supervisor.request(new JsonObject().put("type", "conversation.join")
        .put("conversation", c.conv())).getString("type"));
    assertEquals(supervisorId, c.ws().expect("member.add").getJsonObject("staff").getString("id"));

    JsonObject dropped = refuse(c, supervisorId, "invalid");
    assertEquals("member.dropped", dropped.getString("type"), dropped.encode());
    assertEquals("active", dropped.getString("status"));
    assertFalse(dropped.containsKey("position"));
    assertEquals("refused", supervisor.expect("conversation.removed").getString("reason"));

    Document doc = stored(c.conv());
    assertEquals("ACTIVE", doc.getString("status"));
    assertEquals(workerId, doc.getString("assignedTo"));
    assertFalse(doc.get("members", Document.class).containsKey(supervisorId));
    assertTrue(doc.getList("pendingAdds", Document.class).isEmpty());
    assertTrue(worker.drain("conversation.removed", 200).isEmpty(), "the worker keeps the chat");
    JsonObject send = worker.request(new JsonObject().put("type", "msg.send").put("conversation", c.conv())
        .put("data", MlsBytes.application(c.groupId(), 1, "still-here")));
    assertEquals("msg.ack", send.getString("type"), send.encode());
    List.of(c.ws(), worker, supervisor).forEach(WsClient::close);
  }

  @Test
  void aMemberWhoJoinedCannotBeRefused() {
    Citizen c = openChat();
    WsClient worker = staff("worker", "device-refused-5");
    String workerId = staffId(worker);
    worker.request(new JsonObject().put("type", "queue.take"));
    c.ws().expect("member.add");
    welcome(c, workerId);
    Document before = stored(c.conv());

    JsonObject error = refuse(c, workerId, "identity_mismatch");
    assertEquals("not_pending", error.getString("error"), error.encode());
    assertEquals("not_pending", refuse(c, "nobody-at-all", "invalid").getString("error"));
    assertEquals(before, stored(c.conv()), "nothing changed");
    assertTrue(worker.drain("conversation.removed", 200).isEmpty());
    List.of(c.ws(), worker).forEach(WsClient::close);
  }

  @Test
  void badRefusalsGetErrorFrames() {
    Citizen c = openChat();
    Citizen other = openChat();
    WsClient worker = staff("worker", "device-refused-6");
    String workerId = staffId(worker);
    worker.request(new JsonObject().put("type", "queue.take"));
    c.ws().expect("member.add");

    JsonObject base = new JsonObject().put("type", "member.refused").put("conversation", c.conv())
        .put("staff", workerId).put("reason", "identity_mismatch");
    assertEquals("bad_frame", c.ws().request(base.copy().put("reason", "because")).getString("error"));
    assertEquals("bad_frame", c.ws().request(base.copy().put("reason", 7)).getString("error"));
    assertEquals("bad_frame", c.ws().request(base.copy().put("staff", "../x")).getString("error"));
    assertEquals("bad_frame", c.ws().request(base.copy().put("staff", "x".repeat(65))).getString("error"));
    JsonObject noStaff = base.copy();
    noStaff.remove("staff");
    assertEquals("bad_frame", c.ws().request(noStaff).getString("error"));
    assertEquals("unknown_conversation", c.ws().request(base.copy().put("conversation", other.conv())).getString("error"));
    assertEquals("unknown_conversation", other.ws().request(base).getString("error"), "not the other citizen's to refuse");
    assertEquals("forbidden", worker.request(base).getString("error"), "staff do not refuse members");

    assertEquals("ACTIVE", stored(c.conv()).getString("status"), "nothing changed");
    assertEquals(workerId, stored(c.conv()).getString("assignedTo"));
    List.of(c.ws(), other.ws(), worker).forEach(WsClient::close);
  }

  @Test
  void aRefusalSentAgainAfterResumeChangesNothing() {
    Citizen c = openChat();
    WsClient worker = staff("worker", "device-refused-7");
    String workerId = staffId(worker);
    worker.request(new JsonObject().put("type", "queue.take"));
    c.ws().expect("member.add");
    assertEquals("member.dropped", refuse(c, workerId, "identity_mismatch").getString("type"));
    c.ws().close();

    WsClient again = WsClient.connect(server.vertx, server.port);
    JsonObject resumed = again.request(new JsonObject().put("type", "citizen.resume").put("conversation", c.conv())
        .put("secret", c.secret()).put("afterSeq", 0));
    assertEquals("queued", resumed.getString("status"), resumed.encode());
    assertEquals(1, resumed.getInteger("position"));
    assertTrue(again.drain("member.add", 200).isEmpty(), "the dropped addition is not asked for again");
    Citizen resumedChat = new Citizen(again, c.conv(), c.secret(), c.groupId());
    Document before = stored(c.conv());
    assertEquals("not_pending", refuse(resumedChat, workerId, "identity_mismatch").getString("error"));
    assertEquals(before, stored(c.conv()));
    assertEquals(1, worker.drain("conversation.removed", 200).size(), "the worker was told once");
    List.of(again, worker).forEach(WsClient::close);
  }

  @Test
  void aRoleChangeRetiresTheDevicesCertifiedForTheOldRole() {
    WsClient worker = staff("worker", "device-refused-8");
    String workerId = staffId(worker);
    Citizen c = openChat();
    var patched = await(server.client.patch("/api/admin/staff/" + workerId)
        .putHeader("Authorization", "Bearer " + server.token("admin"))
        .sendJsonObject(new JsonObject().put("roles", new JsonArray().add("worker").add("supervisor"))));
    assertEquals(200, patched.statusCode(), patched.bodyAsString());

    assertEquals("roles", worker.expect("staff.changed").getString("reason"));
    assertEquals((short) 4409, worker.awaitClose(5_000), "the connection signed in under the old roles is closed");
    long left = await(Reactive.single(server.platform.services().db().collection("key_packages")
        .countDocuments(new Document("staffId", workerId))));
    assertEquals(0, left, "key packages certified for the old role are never offered to a citizen");
    assertTrue(c.ws().drain("member.add", 200).isEmpty());

    // a fresh sign-in and device: offered again
    WsClient renewed = staff("worker", "device-refused-9");
    assertEquals(c.conv(), renewed.request(new JsonObject().put("type", "queue.take")).getString("conversation"));
    assertEquals(workerId, c.ws().expect("member.add").getJsonObject("staff").getString("id"));
    List.of(c.ws(), renewed).forEach(WsClient::close);
  }

  @Test
  void otherAccountChangesLeaveTheDevicesAlone() {
    WsClient worker = staff("worker", "device-refused-10");
    String workerId = staffId(worker);
    var patched = await(server.client.patch("/api/admin/staff/" + workerId)
        .putHeader("Authorization", "Bearer " + server.token("admin"))
        .sendJsonObject(new JsonObject().put("displayName", "Tiina T.")));
    assertEquals(200, patched.statusCode(), patched.bodyAsString());
    assertTrue(worker.drain("staff.changed", 300).isEmpty());
    assertEquals("keypackages.ok", worker.request(uploadFrame("device-refused-10", "more")).getString("type"));
    worker.close();
  }
}
