package fi.matala.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.ChatSetup;
import fi.matala.support.MlsBytes;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Only the citizen's client changes who is in the group: from staff the server takes application
 * messages only (a PrivateMessage with content type application), a Welcome only from the citizen,
 * and from nobody a message sent from outside the group (external proposals, joins, external
 * commits). Every refusal is an error frame, nothing is stored, and the chat goes on.
 */
class SenderRulesTest {
  TestServer server;
  byte[] group;
  String conv;
  WsClient citizen;
  WsClient worker;
  WsClient supervisor;
  String supervisorId;

  @BeforeEach
  void startServer() {
    server = TestServer.start();
  }

  /** A chat whose worker the citizen's client added (commit 0, Welcome), and a supervisor waiting to join. */
  void chatWithAWorkerAndAPendingJoiner() {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    chatWithAWorkerAndAPendingJoiner(random, MlsBytes.commit(random, 0), MlsBytes.welcome());
  }

  void chatWithAWorkerAndAPendingJoiner(byte[] groupId, String firstCommit, String welcome) {
    group = groupId;
    citizen = WsClient.connect(server.vertx, server.port);
    conv = ChatSetup.openChat(citizen, "mental-health", "fi", group).getString("conversation");
    worker = ChatSetup.staff(server, "worker", "device-rules-worker");
    String workerId = ChatSetup.authed(worker).getJsonObject("staff").getString("id");
    assertEquals("queue.taken", worker.request(new JsonObject().put("type", "queue.take")).getString("type"));
    citizen.expect("member.add");
    assertEquals(1L, ack(citizen, firstCommit));
    assertEquals(2L, ack(citizen, welcome, workerId));
    assertEquals("conversation.opened", worker.request(new JsonObject().put("type", "conversation.open")
        .put("conversation", conv).put("afterSeq", 0)).getString("type"));
    supervisor = ChatSetup.staff(server, "supervisor", "device-rules-supervisor");
    supervisorId = ChatSetup.authed(supervisor).getJsonObject("staff").getString("id");
    assertEquals("conversation.joining", supervisor.request(new JsonObject().put("type", "conversation.join")
        .put("conversation", conv)).getString("type"));
    citizen.expect(f -> "member.add".equals(f.getString("type"))
        && supervisorId.equals(f.getJsonObject("staff").getString("id")), "member.add for the supervisor");
  }

  @AfterEach
  void close() {
    List.of(citizen, worker, supervisor).stream().filter(Objects::nonNull).forEach(WsClient::close);
    server.close();
  }

  JsonObject send(WsClient ws, String data, String to) {
    JsonObject frame = new JsonObject().put("type", "msg.send").put("conversation", conv).put("data", data);
    return ws.request(to == null ? frame : frame.put("to", to));
  }

  long ack(WsClient ws, String data) {
    return ack(ws, data, null);
  }

  long ack(WsClient ws, String data, String to) {
    JsonObject answer = send(ws, data, to);
    assertEquals("msg.ack", answer.getString("type"), answer.encode());
    return answer.getLong("seq");
  }

  String refusal(WsClient ws, String data, String to) {
    JsonObject answer = send(ws, data, to);
    assertEquals("error", answer.getString("type"), answer.encode());
    assertTrue(answer.getString("message").length() > 0, answer.encode());
    return answer.getString("error");
  }

  /** Nothing refused was stored: the next accepted message takes the very next seq. */
  void nothingStoredSince(long lastSeq) {
    assertEquals(lastSeq + 1, ack(citizen, MlsBytes.application(group, 1, "after-refusals")));
  }

  @Test
  void staffApplicationMessagesStillGoThrough() {
    chatWithAWorkerAndAPendingJoiner();
    assertEquals(3L, ack(worker, MlsBytes.application(group, 1, "hello-from-worker")));
    assertEquals(3L, citizen.expect(f -> "msg".equals(f.getString("type")) && f.getLong("seq") == 3, "the message")
        .getLong("seq"));
  }

  @Test
  void aStaffCommitIsRefused() {
    chatWithAWorkerAndAPendingJoiner();
    assertEquals("staff_handshake", refusal(worker, MlsBytes.commit(group, 1), null));
    assertEquals("staff_handshake", refusal(worker, MlsBytes.publicMessage(group, 1, MlsBytes.MEMBER, 1, 3), null));
    nothingStoredSince(2);
    // the epoch is still free for the citizen's own commit
    assertEquals(4L, ack(citizen, MlsBytes.commit(group, 1)));
  }

  @Test
  void aStaffProposalIsRefused() {
    chatWithAWorkerAndAPendingJoiner();
    assertEquals("staff_handshake", refusal(worker, MlsBytes.proposal(group, 1), null));
    assertEquals("staff_handshake", refusal(worker, MlsBytes.publicMessage(group, 1, MlsBytes.MEMBER, 1, 2), null));
    nothingStoredSince(2);
  }

  @Test
  void aStaffWelcomeIsRefusedEvenForSomeoneWaitingToJoin() {
    chatWithAWorkerAndAPendingJoiner();
    assertEquals("staff_welcome", refusal(worker, MlsBytes.welcome(), supervisorId));
    assertEquals("staff_welcome", refusal(worker, MlsBytes.welcome(), null));
    nothingStoredSince(2);
    // the supervisor is still waiting for the citizen's Welcome, and gets it
    assertEquals(4L, ack(citizen, MlsBytes.commit(group, 1)));
    assertEquals(5L, ack(citizen, MlsBytes.welcome(), supervisorId));
  }

  @Test
  void externalProposalsJoinsAndExternalCommitsAreRefusedFromAnyone() {
    chatWithAWorkerAndAPendingJoiner();
    List<String> fromOutside = List.of(
        MlsBytes.publicMessage(group, 1, MlsBytes.EXTERNAL, 0, 2),
        MlsBytes.publicMessage(group, 1, MlsBytes.NEW_MEMBER_PROPOSAL, 0, 2),
        MlsBytes.publicMessage(group, 1, MlsBytes.NEW_MEMBER_COMMIT, 0, 3));
    for (String data : fromOutside) {
      assertEquals("external_sender", refusal(citizen, data, null));
      assertEquals("external_sender", refusal(worker, data, null));
    }
    nothingStoredSince(2);
  }

  @Test
  void theCitizensOwnHandshakesAndWelcomesStillGoThrough() {
    chatWithAWorkerAndAPendingJoiner();
    assertEquals(3L, ack(citizen, MlsBytes.proposal(group, 1)));
    assertEquals(4L, ack(citizen, MlsBytes.publicMessage(group, 1, MlsBytes.MEMBER, 0, 2)));
    assertEquals(5L, ack(citizen, MlsBytes.publicMessage(group, 1, MlsBytes.MEMBER, 0, 3)));
    assertEquals(6L, ack(citizen, MlsBytes.welcome(), supervisorId));
    assertEquals(7L, ack(citizen, MlsBytes.commit(group, 2)));
  }

  @Test
  void refusalsDoNotDisturbTheChat() {
    chatWithAWorkerAndAPendingJoiner();
    for (int i = 0; i < 5; i++) {
      refusal(worker, MlsBytes.commit(group, 1), null);
    }
    assertTrue(!worker.isClosed(), "refused messages are answered, not punished with a disconnect");
    assertEquals(3L, ack(worker, MlsBytes.application(group, 1, "still-talking")));
    assertEquals(4L, ack(citizen, MlsBytes.application(group, 1, "me-too")));
  }

  /** Real ts-mls messages of one chat (web-client/test/e2ee/sender-rules-fixtures.test.ts writes them). */
  static JsonObject realMessages() throws IOException {
    try (InputStream in = SenderRulesTest.class.getResourceAsStream("/mls/sender-rules.json")) {
      if (in == null) {
        throw new IOException("sender-rules.json missing from test resources");
      }
      JsonObject doc = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      JsonObject byName = new JsonObject().put("groupIdHex", doc.getString("groupIdHex"));
      doc.getJsonArray("messages").stream().map(JsonObject.class::cast).forEach(m -> byName.put(m.getString("name"),
          Base64.getEncoder().encodeToString(HexFormat.of().parseHex(m.getString("hex")))));
      return byName;
    }
  }

  @Test
  void realMessagesFromTsMlsAreSortedTheSameWay() throws IOException {
    JsonObject real = realMessages();
    chatWithAWorkerAndAPendingJoiner(HexFormat.of().parseHex(real.getString("groupIdHex")),
        real.getString("citizen_commit"), real.getString("citizen_welcome"));
    assertEquals(3L, ack(worker, real.getString("worker_application")));
    assertEquals(4L, ack(citizen, real.getString("citizen_application")));
    for (String name : List.of("worker_commit_private", "worker_proposal_private", "worker_self_update_private",
        "worker_update_public")) {
      assertEquals("staff_handshake", refusal(worker, real.getString(name), null), name);
    }
    assertEquals("staff_welcome", refusal(worker, real.getString("citizen_welcome"), supervisorId));
    for (String name : List.of("new_member_proposal", "external_proposal", "external_commit")) {
      assertEquals("external_sender", refusal(citizen, real.getString(name), null), name);
      assertEquals("external_sender", refusal(worker, real.getString(name), null), name);
    }
    nothingStoredSince(4);
  }
}
