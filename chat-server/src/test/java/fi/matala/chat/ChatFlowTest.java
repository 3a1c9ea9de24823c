package fi.matala.chat;

import static fi.matala.support.ChatSetup.keyPackage;
import static fi.matala.support.ChatSetup.openChat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.ChatSetup;
import fi.matala.support.MlsBytes;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A whole conversation through the real WebSocket protocol: open, take, messages, reconnect, transfer, end. */
class ChatFlowTest {
  TestServer server;
  byte[] groupId = new byte[16];

  @BeforeEach
  void start() {
    server = TestServer.start();
    new SecureRandom().nextBytes(groupId);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  WsClient staff(String username, String device) {
    return ChatSetup.staff(server, username, device);
  }

  JsonObject send(WsClient ws, String conversation, String data) {
    return ws.request(new JsonObject().put("type", "msg.send").put("conversation", conversation).put("data", data));
  }

  @Test
  void aConversationFromOpenToEnd() {
    WsClient citizen = WsClient.connect(server.vertx, server.port);
    JsonObject opened = openChat(citizen, "mental-health", "fi", groupId);
    String conv = opened.getString("conversation");
    String secret = opened.getString("secret");
    assertEquals(1, opened.getInteger("position"));
    assertTrue(opened.getLong("estimatedWaitSeconds") >= 0);

    WsClient worker = staff("worker", "device-worker-1");
    JsonObject stats = worker.expect(f -> "queue.stats".equals(f.getString("type"))
        && f.getJsonArray("queues").stream().anyMatch(q -> ((JsonObject) q).getString("id").equals("mental-health")
            && ((JsonObject) q).getInteger("waiting") == 1), "queue.stats showing the waiting chat");
    assertNotNull(stats);

    JsonObject taken = worker.request(new JsonObject().put("type", "queue.take"));
    assertEquals("queue.taken", taken.getString("type"), taken.encode());
    assertEquals(conv, taken.getString("conversation"));

    JsonObject add = citizen.expect("member.add");
    assertEquals("worker", add.getJsonObject("staff").getString("role"));
    assertEquals("Tiina Työntekijä", add.getJsonObject("staff").getString("displayName"));
    assertEquals(1, add.getJsonArray("keyPackages").size(), "one key package per device");
    assertTrue(List.of(keyPackage("worker-1"), keyPackage("worker-2")).contains(add.getJsonArray("keyPackages").getString(0)));
    String workerId = add.getJsonObject("staff").getString("id");

    // the citizen's client commits the Add and sends the Welcome
    assertEquals(1L, send(citizen, conv, MlsBytes.commit(groupId, 0)).getLong("seq"));
    JsonObject welcomeAck = citizen.request(new JsonObject().put("type", "msg.send").put("conversation", conv)
        .put("data", MlsBytes.welcome()).put("to", workerId));
    assertEquals(2L, welcomeAck.getLong("seq"), welcomeAck.encode());

    assertEquals("conversation.opened", worker.request(new JsonObject().put("type", "conversation.open")
        .put("conversation", conv).put("afterSeq", 0)).getString("type"));
    JsonObject welcome = worker.expect("msg");
    assertEquals(2L, welcome.getLong("seq"), "the worker's first message is its Welcome, not the commit before it");
    assertEquals("welcome", welcome.getString("wire"));

    assertEquals(3L, send(citizen, conv, MlsBytes.application(groupId, 1, "hello-from-citizen")).getLong("seq"));
    JsonObject m3 = worker.expect("msg");
    assertEquals(3L, m3.getLong("seq"));
    assertEquals("citizen", m3.getString("sender"));
    assertEquals("application", m3.getString("content"));

    assertEquals(4L, send(worker, conv, MlsBytes.application(groupId, 1, "hello-from-worker")).getLong("seq"));
    List<Long> citizenSeqs = citizen.drain("msg", 300).stream().map(f -> f.getLong("seq")).toList();
    assertEquals(List.of(1L, 3L, 4L), citizenSeqs, "the citizen sees everything but the Welcome, in order");

    // exactly one commit per epoch (commits come from the citizen's client only: SenderRulesTest)
    JsonObject conflict = send(citizen, conv, MlsBytes.commit(groupId, 0));
    assertEquals("commit_conflict", conflict.getString("error"), conflict.encode());
    assertEquals("stale_epoch", send(citizen, conv, MlsBytes.commit(groupId, 7)).getString("error"));

    // the citizen's page reloads: a new socket resumes after the last seq it processed
    citizen.close();
    send(worker, conv, MlsBytes.application(groupId, 1, "while-you-were-away"));
    WsClient again = WsClient.connect(server.vertx, server.port);
    JsonObject resumed = again.request(new JsonObject().put("type", "citizen.resume").put("conversation", conv)
        .put("secret", secret).put("afterSeq", 3));
    assertEquals("citizen.resumed", resumed.getString("type"), resumed.encode());
    assertEquals("active", resumed.getString("status"));
    send(again, conv, MlsBytes.application(groupId, 1, "back-again"));
    List<Long> afterResume = again.drain("msg", 400).stream().map(f -> f.getLong("seq")).toList();
    assertEquals(List.of(4L, 5L, 6L), afterResume, "nothing lost, nothing twice");

    // transfer to a colleague
    WsClient worker2 = staff("worker2", "device-worker-2");
    worker2.expect("queue.stats");
    String worker2Id = worker2.snapshot().get(0).getJsonObject("staff").getString("id");
    JsonObject transferred = worker.request(new JsonObject().put("type", "conversation.transfer")
        .put("conversation", conv).put("toStaff", worker2Id));
    assertEquals("conversation.transferred", transferred.getString("type"), transferred.encode());
    assertEquals(conv, worker.expect("conversation.removed").getString("conversation"));
    assertEquals(conv, worker2.expect("conversation.assigned").getString("conversation"));
    JsonObject add2 = again.expect("member.add");
    assertEquals(worker2Id, add2.getJsonObject("staff").getString("id"));
    assertEquals(List.of(workerId), add2.getJsonArray("remove").getList());
    assertEquals(7L, send(again, conv, MlsBytes.commit(groupId, 1)).getLong("seq"));
    assertEquals(8L, again.request(new JsonObject().put("type", "msg.send").put("conversation", conv)
        .put("data", MlsBytes.welcome()).put("to", worker2Id)).getLong("seq"));
    send(again, conv, MlsBytes.application(groupId, 2, "to-the-new-worker"));
    worker2.request(new JsonObject().put("type", "conversation.open").put("conversation", conv).put("afterSeq", 0));
    List<Long> worker2Seqs = worker2.drain("msg", 400).stream().map(f -> f.getLong("seq")).toList();
    assertEquals(List.of(8L, 9L), worker2Seqs, "the new worker sees only what came after it joined");
    List<Long> worker1Late = worker.drain("msg", 100).stream().map(f -> f.getLong("seq")).filter(s -> s > 6).toList();
    assertTrue(worker1Late.isEmpty(), "the old worker sees nothing after the transfer: " + worker1Late);
    assertEquals("not_a_member", send(worker, conv, MlsBytes.application(groupId, 2, "still-here?")).getString("error"));

    // end with an anonymous outcome
    assertEquals("unknown_outcome", worker2.request(new JsonObject().put("type", "conversation.end")
        .put("conversation", conv).put("outcome", "gossip")).getString("error"));
    assertEquals("conversation.ended", worker2.request(new JsonObject().put("type", "conversation.end")
        .put("conversation", conv).put("outcome", "advice")).getString("type"));
    JsonObject status = again.expect("conversation.status");
    assertEquals("ended", status.getString("status"));
    assertEquals("conversation_ended", send(again, conv, MlsBytes.application(groupId, 2, "late")).getString("error"));
    assertFalse(again.isClosed());
    again.close();
    worker.close();
    worker2.close();
  }

  @Test
  void supervisorsAndPeersJoinOnlyThroughTheCitizensClient() {
    WsClient citizen = WsClient.connect(server.vertx, server.port);
    JsonObject opened = openChat(citizen, "mental-health", "fi", groupId);
    String conv = opened.getString("conversation");
    WsClient worker = staff("worker", "device-join-worker");
    worker.request(new JsonObject().put("type", "queue.take"));
    citizen.expect("member.add");

    var listed = fi.matala.support.TestServer.await(server.client.get("/api/conversations")
        .putHeader("Authorization", "Bearer " + server.token("supervisor")).send());
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    JsonObject entry = listed.bodyAsJsonObject().getJsonArray("conversations").getJsonObject(0);
    assertEquals(conv, entry.getString("conversation"));
    assertEquals("Tiina Työntekijä", entry.getJsonArray("members").getJsonObject(0).getString("displayName"));
    assertEquals(403, fi.matala.support.TestServer.await(server.client.get("/api/conversations")
        .putHeader("Authorization", "Bearer " + server.token("worker2")).send()).statusCode());
    WsClient supervisor = staff("supervisor", "device-join-supervisor");
    JsonObject joining = supervisor.request(new JsonObject().put("type", "conversation.join").put("conversation", conv));
    assertEquals("conversation.joining", joining.getString("type"), joining.encode());
    JsonObject add = citizen.expect("member.add");
    assertEquals("join", add.getString("reason"));
    assertEquals("supervisor", add.getJsonObject("staff").getString("role"));
    assertEquals("Sanna Esihenkilö", add.getJsonObject("staff").getString("displayName"));
    // until the citizen's client adds them, they can neither read nor write
    assertEquals("not_a_member", supervisor.request(new JsonObject().put("type", "msg.send").put("conversation", conv)
        .put("data", MlsBytes.application(groupId, 0, "sneaky"))).getString("error"));
    assertTrue(supervisor.drain("msg", 200).isEmpty());

    WsClient peer = staff("peer", "device-join-peer");
    assertEquals("conversation.joining", peer.request(new JsonObject().put("type", "conversation.join")
        .put("conversation", conv)).getString("type"));
    assertEquals("peer", citizen.expect("member.add").getJsonObject("staff").getString("role"));
    WsClient worker2 = staff("worker2", "device-join-worker2");
    assertEquals("forbidden", worker2.request(new JsonObject().put("type", "conversation.join")
        .put("conversation", conv)).getString("error"));

    // the citizen was away: on resume every pending addition is asked for again, none lost
    citizen.close();
    WsClient back = WsClient.connect(server.vertx, server.port);
    back.request(new JsonObject().put("type", "citizen.resume").put("conversation", conv)
        .put("secret", opened.getString("secret")).put("afterSeq", 0));
    List<String> roles = back.drain("member.add", 300).stream()
        .map(f -> f.getJsonObject("staff").getString("role")).toList();
    assertEquals(List.of("worker", "supervisor", "peer"), roles);
    // adding the worker (commit + Welcome) settles that one only
    String workerId = back.snapshot().stream().filter(f -> "member.add".equals(f.getString("type"))).findFirst()
        .orElseThrow().getJsonObject("staff").getString("id");
    back.request(new JsonObject().put("type", "msg.send").put("conversation", conv).put("data", MlsBytes.commit(groupId, 0)));
    back.request(new JsonObject().put("type", "msg.send").put("conversation", conv).put("data", MlsBytes.welcome())
        .put("to", workerId));
    back.close();
    WsClient again = WsClient.connect(server.vertx, server.port);
    again.request(new JsonObject().put("type", "citizen.resume").put("conversation", conv)
        .put("secret", opened.getString("secret")).put("afterSeq", 2));
    assertEquals(List.of("supervisor", "peer"), again.drain("member.add", 300).stream()
        .map(f -> f.getJsonObject("staff").getString("role")).toList());
    again.close();
    for (WsClient c : List.of(worker, supervisor, peer, worker2)) {
      c.close();
    }
  }

  @Test
  void aJoinedSupervisorLeavesAndSeesNothingAfter() {
    WsClient citizen = WsClient.connect(server.vertx, server.port);
    JsonObject opened = openChat(citizen, "mental-health", "fi", groupId);
    String conv = opened.getString("conversation");
    WsClient worker = staff("worker", "device-leave-worker");
    worker.request(new JsonObject().put("type", "queue.take"));
    String workerId = citizen.expect("member.add").getJsonObject("staff").getString("id");
    send(citizen, conv, MlsBytes.commit(groupId, 0));
    citizen.request(new JsonObject().put("type", "msg.send").put("conversation", conv).put("data", MlsBytes.welcome())
        .put("to", workerId));

    WsClient supervisor = staff("supervisor", "device-leave-supervisor");
    supervisor.request(new JsonObject().put("type", "conversation.join").put("conversation", conv));
    String supervisorId = citizen.expect("member.add").getJsonObject("staff").getString("id");
    assertEquals(3L, send(citizen, conv, MlsBytes.commit(groupId, 1)).getLong("seq"));
    citizen.request(new JsonObject().put("type", "msg.send").put("conversation", conv).put("data", MlsBytes.welcome())
        .put("to", supervisorId));
    assertEquals(5L, send(citizen, conv, MlsBytes.application(groupId, 2, "before-leaving")).getLong("seq"));
    assertEquals(List.of(4L, 5L), supervisor.drain("msg", 400).stream().map(f -> f.getLong("seq")).toList());

    // the assigned worker cannot "leave": they transfer or end
    assertEquals("not_a_member", worker.request(new JsonObject().put("type", "conversation.leave")
        .put("conversation", conv)).getString("error"));
    JsonObject left = supervisor.request(new JsonObject().put("type", "conversation.leave").put("conversation", conv));
    assertEquals("conversation.left", left.getString("type"), left.encode());
    assertEquals("left", supervisor.expect("conversation.removed").getString("reason"));
    JsonObject removal = citizen.expect("member.add");
    assertEquals("leave", removal.getString("reason"));
    assertEquals(null, removal.getValue("staff"));
    assertEquals(List.of(supervisorId), removal.getJsonArray("remove").getList());

    send(citizen, conv, MlsBytes.application(groupId, 2, "after-leaving"));
    assertTrue(supervisor.drain("msg", 300).isEmpty(), "nothing reaches a member who left");
    assertEquals("not_a_member", send(supervisor, conv, MlsBytes.application(groupId, 2, "still-here")).getString("error"));
    assertEquals("not_a_member", supervisor.request(new JsonObject().put("type", "conversation.leave")
        .put("conversation", conv)).getString("error"), "leaving twice");
    assertEquals("not_a_member", supervisor.request(new JsonObject().put("type", "conversation.open")
        .put("conversation", conv).put("afterSeq", 0)).getString("error"));

    // a peer who leaves before the citizen's client added them is never added; the removal is asked for instead
    WsClient peer = staff("peer", "device-leave-peer");
    peer.request(new JsonObject().put("type", "conversation.join").put("conversation", conv));
    citizen.expect(f -> "member.add".equals(f.getString("type")) && f.getJsonObject("staff") != null, "peer add");
    assertEquals("conversation.left", peer.request(new JsonObject().put("type", "conversation.leave")
        .put("conversation", conv)).getString("type"));
    citizen.close();
    WsClient back = WsClient.connect(server.vertx, server.port);
    back.request(new JsonObject().put("type", "citizen.resume").put("conversation", conv)
        .put("secret", opened.getString("secret")).put("afterSeq", 6));
    List<JsonObject> pending = back.drain("member.add", 300);
    assertTrue(pending.stream().noneMatch(f -> f.getJsonObject("staff") != null), "the peer's addition was dropped");
    assertTrue(pending.stream().allMatch(f -> "leave".equals(f.getString("reason"))), pending.toString());
    // the citizen's removal commit settles the removals
    send(back, conv, MlsBytes.commit(groupId, 2));
    back.close();
    WsClient again = WsClient.connect(server.vertx, server.port);
    again.request(new JsonObject().put("type", "citizen.resume").put("conversation", conv)
        .put("secret", opened.getString("secret")).put("afterSeq", 7));
    assertTrue(again.drain("member.add", 300).isEmpty(), "nothing left to do");

    List<org.bson.Document> audit = TestServer.await(server.platform.services().audit().recent(50, conv));
    assertEquals(2L, audit.stream().filter(d -> "conversation.leave".equals(d.getString("action"))).count(), audit.toString());
    for (WsClient c : List.of(again, worker, supervisor, peer)) {
      c.close();
    }
  }

  @Test
  void onlyConnectedDevicesAreAddedToAConversation() {
    WsClient closedTab = staff("worker", "device-closed-tab");
    closedTab.close();
    WsClient openTab = staff("worker", "device-open-tab");
    JsonObject wrongDevice = openTab.request(new JsonObject().put("type", "keypackages.upload")
        .put("device", "device-closed-tab").put("keyPackages", new JsonArray().add(keyPackage("x"))));
    assertEquals("bad_frame", wrongDevice.getString("error"), "a connection uploads only for its own device");
    WsClient citizen = WsClient.connect(server.vertx, server.port);
    openChat(citizen, "families", "fi", groupId);
    assertEquals("queue.taken", openTab.request(new JsonObject().put("type", "queue.take")).getString("type"));
    JsonObject add = citizen.expect("member.add");
    assertEquals(1, add.getJsonArray("keyPackages").size(), "the closed tab's device is not added");
    citizen.close();
    openTab.close();
  }

  @Test
  void aCitizenCanEndAndDeleteTheirConversation() {
    WsClient citizen = WsClient.connect(server.vertx, server.port);
    JsonObject opened = openChat(citizen, "families", "sv", groupId);
    String conv = opened.getString("conversation");
    JsonObject ended = citizen.request(new JsonObject().put("type", "citizen.end").put("conversation", conv).put("delete", true));
    assertEquals(true, ended.getBoolean("deleted"), ended.encode());
    WsClient again = WsClient.connect(server.vertx, server.port);
    JsonObject resumed = again.request(new JsonObject().put("type", "citizen.resume").put("conversation", conv)
        .put("secret", opened.getString("secret")).put("afterSeq", 0));
    assertEquals("unknown_conversation", resumed.getString("error"));
    citizen.close();
    again.close();
  }
}
