package fi.matala.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.ChatSetup;
import fi.matala.support.MlsBytes;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.List;
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

  /** A chat whose worker the citizen's client added (commit 0, Welcome), and a supervisor waiting to join. */
  @BeforeEach
  void chatWithAWorkerAndAPendingJoiner() {
    server = TestServer.start();
    group = new byte[16];
    new SecureRandom().nextBytes(group);
    citizen = WsClient.connect(server.vertx, server.port);
    conv = ChatSetup.openChat(citizen, "mental-health", "fi", group).getString("conversation");
    worker = ChatSetup.staff(server, "worker", "device-rules-worker");
    String workerId = ChatSetup.authed(worker).getJsonObject("staff").getString("id");
    assertEquals("queue.taken", worker.request(new JsonObject().put("type", "queue.take")).getString("type"));
    citizen.expect("member.add");
    assertEquals(1L, ack(citizen, MlsBytes.commit(group, 0)));
    assertEquals(2L, ack(citizen, MlsBytes.welcome(), workerId));
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
    List.of(citizen, worker, supervisor).forEach(WsClient::close);
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
    assertEquals(3L, ack(worker, MlsBytes.application(group, 1, "hello-from-worker")));
    assertEquals(3L, citizen.expect(f -> "msg".equals(f.getString("type")) && f.getLong("seq") == 3, "the message")
        .getLong("seq"));
  }

  @Test
  void aStaffCommitIsRefused() {
    assertEquals("staff_handshake", refusal(worker, MlsBytes.commit(group, 1), null));
    assertEquals("staff_handshake", refusal(worker, MlsBytes.publicMessage(group, 1, MlsBytes.MEMBER, 1, 3), null));
    nothingStoredSince(2);
    // the epoch is still free for the citizen's own commit
    assertEquals(4L, ack(citizen, MlsBytes.commit(group, 1)));
  }

  @Test
  void aStaffProposalIsRefused() {
    assertEquals("staff_handshake", refusal(worker, MlsBytes.proposal(group, 1), null));
    assertEquals("staff_handshake", refusal(worker, MlsBytes.publicMessage(group, 1, MlsBytes.MEMBER, 1, 2), null));
    nothingStoredSince(2);
  }

  @Test
  void aStaffWelcomeIsRefusedEvenForSomeoneWaitingToJoin() {
    assertEquals("staff_welcome", refusal(worker, MlsBytes.welcome(), supervisorId));
    assertEquals("staff_welcome", refusal(worker, MlsBytes.welcome(), null));
    nothingStoredSince(2);
    // the supervisor is still waiting for the citizen's Welcome, and gets it
    assertEquals(4L, ack(citizen, MlsBytes.commit(group, 1)));
    assertEquals(5L, ack(citizen, MlsBytes.welcome(), supervisorId));
  }

  @Test
  void externalProposalsJoinsAndExternalCommitsAreRefusedFromAnyone() {
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
    assertEquals(3L, ack(citizen, MlsBytes.proposal(group, 1)));
    assertEquals(4L, ack(citizen, MlsBytes.publicMessage(group, 1, MlsBytes.MEMBER, 0, 2)));
    assertEquals(5L, ack(citizen, MlsBytes.publicMessage(group, 1, MlsBytes.MEMBER, 0, 3)));
    assertEquals(6L, ack(citizen, MlsBytes.welcome(), supervisorId));
    assertEquals(7L, ack(citizen, MlsBytes.commit(group, 2)));
  }

  @Test
  void refusalsDoNotDisturbTheChat() {
    for (int i = 0; i < 5; i++) {
      refusal(worker, MlsBytes.commit(group, 1), null);
    }
    assertTrue(!worker.isClosed(), "refused messages are answered, not punished with a disconnect");
    assertEquals(3L, ack(worker, MlsBytes.application(group, 1, "still-talking")));
    assertEquals(4L, ack(citizen, MlsBytes.application(group, 1, "me-too")));
  }
}
