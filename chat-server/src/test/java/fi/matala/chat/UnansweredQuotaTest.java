package fi.matala.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import fi.matala.support.ChatSetup;
import fi.matala.support.MlsBytes;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a citizen may store before anyone answers: here 3 messages and 100 KiB
 * (MATALA_UNANSWERED_MAX_MESSAGES, _BYTES); then "quota_exceeded". What adding a worker takes is
 * never refused, and once a worker has joined the chat goes on without the quota.
 */
class UnansweredQuotaTest {
  static TestServer server;
  final List<WsClient> sockets = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("MATALA_UNANSWERED_MAX_MESSAGES", "3",
        "MATALA_UNANSWERED_MAX_BYTES", Integer.toString(100 * 1024)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeSockets() {
    sockets.forEach(WsClient::close);
    sockets.clear();
  }

  record Chat(WsClient ws, String conversation, byte[] group) {}

  Chat open() {
    WsClient ws = WsClient.connect(server.vertx, server.port);
    sockets.add(ws);
    byte[] group = UUID.randomUUID().toString().getBytes();
    String conv = ChatSetup.openChat(ws, "mental-health", "fi", group).getString("conversation");
    return new Chat(ws, conv, group);
  }

  static JsonObject send(WsClient ws, String conv, String data) {
    return ws.request(new JsonObject().put("type", "msg.send").put("conversation", conv).put("data", data));
  }

  static String bytes(byte[] group, int size) {
    return MlsBytes.privateMessage(group, 0, 1, new byte[size]);
  }

  @Test
  void aCitizenNobodyAnsweredYetMayStoreOnlySoMuch() {
    Chat chat = open();
    for (int i = 1; i <= 3; i++) {
      JsonObject ack = send(chat.ws(), chat.conversation(), MlsBytes.application(chat.group(), 0, "before-anyone-" + i));
      assertEquals("msg.ack", ack.getString("type"), ack.encode());
    }
    JsonObject refused = send(chat.ws(), chat.conversation(), MlsBytes.application(chat.group(), 0, "one-too-many"));
    assertEquals("quota_exceeded", refused.getString("error"), refused.encode());
    assertFalse(chat.ws().isClosed(), "refused with an error frame, not a disconnect");

    // a worker takes the chat: the commit adding them and their Welcome still go through
    WsClient worker = ChatSetup.staff(server, "worker", "device-worker-quota");
    sockets.add(worker);
    assertEquals("queue.taken", worker.request(new JsonObject().put("type", "queue.take")
        .put("conversation", chat.conversation())).getString("type"));
    String workerId = chat.ws().expect("member.add").getJsonObject("staff").getString("id");
    assertEquals("msg.ack", send(chat.ws(), chat.conversation(), MlsBytes.commit(chat.group(), 0)).getString("type"));
    JsonObject welcome = chat.ws().request(new JsonObject().put("type", "msg.send").put("conversation", chat.conversation())
        .put("data", MlsBytes.welcome()).put("to", workerId));
    assertEquals("msg.ack", welcome.getString("type"), welcome.encode());

    // answered: the conversation is not limited any more
    for (int i = 0; i < 5; i++) {
      JsonObject ack = send(chat.ws(), chat.conversation(), MlsBytes.application(chat.group(), 1, "answered-" + i));
      assertEquals("msg.ack", ack.getString("type"), ack.encode());
    }
  }

  @Test
  void bytesCountToo() {
    Chat chat = open();
    assertEquals("msg.ack", send(chat.ws(), chat.conversation(), bytes(chat.group(), 48_000)).getString("type"));
    assertEquals("msg.ack", send(chat.ws(), chat.conversation(), bytes(chat.group(), 48_000)).getString("type"));
    // a third of that size would pass 100 KiB; a small one still fits
    assertEquals("quota_exceeded", send(chat.ws(), chat.conversation(), bytes(chat.group(), 48_000)).getString("error"));
    assertEquals("msg.ack", send(chat.ws(), chat.conversation(), bytes(chat.group(), 1_000)).getString("type"));
  }

  @Test
  void aMessageThatIsNotStoredDoesNotUseUpTheQuota() {
    Chat chat = open();
    assertEquals("msg.ack", send(chat.ws(), chat.conversation(), MlsBytes.commit(chat.group(), 0)).getString("type"));
    // the same epoch again: counted, then refused at storage (one commit per epoch) and given back
    for (int i = 0; i < 4; i++) {
      assertEquals("commit_conflict", send(chat.ws(), chat.conversation(), MlsBytes.commit(chat.group(), 0))
          .getString("error"));
    }
    for (int i = 0; i < 2; i++) {
      assertEquals("msg.ack", send(chat.ws(), chat.conversation(), MlsBytes.application(chat.group(), 1, "fine-" + i))
          .getString("type"));
    }
    assertEquals("quota_exceeded", send(chat.ws(), chat.conversation(), MlsBytes.application(chat.group(), 1, "over"))
        .getString("error"));
  }
}
