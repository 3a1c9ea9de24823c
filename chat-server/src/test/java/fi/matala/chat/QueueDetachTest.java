package fi.matala.chat;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import fi.matala.storage.Reactive;
import fi.matala.support.ChatSetup;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A waiting chat whose citizen has gone (disconnected longer than MATALA_QUEUE_DETACH_AFTER, here
 * 2 s) leaves the queue: it is not counted, listed or taken; a resume brings it back in its old
 * place, within the per-address limit. The server knows of the citizen's presence only a time.
 */
class QueueDetachTest {
  static final String QUEUE = "families";
  TestServer server;
  final List<WsClient> sockets = new ArrayList<>();

  @BeforeEach
  void start() {
    server = TestServer.start(Map.of("MATALA_QUEUE_DETACH_AFTER", "PT2S",
        "MATALA_QUEUE_MAX_WAITING_PER_ADDRESS", "2",
        // the test plays citizens at several addresses through a "proxy" on loopback
        "MATALA_TRUSTED_PROXIES", "127.0.0.1"));
  }

  @AfterEach
  void stop() {
    sockets.forEach(WsClient::close);
    server.close();
  }

  WsClient connectFrom(String address) {
    WsClient ws = WsClient.connect(server.vertx, server.port, Map.of("X-Forwarded-For", address));
    sockets.add(ws);
    return ws;
  }

  record Citizen(WsClient ws, String conversation, String secret) {}

  Citizen open(String address) {
    WsClient ws = connectFrom(address);
    JsonObject opened = ChatSetup.openChat(ws, QUEUE, "fi", UUID.randomUUID().toString().getBytes());
    return new Citizen(ws, opened.getString("conversation"), opened.getString("secret"));
  }

  JsonObject resume(WsClient ws, Citizen c) {
    return ws.request(new JsonObject().put("type", "citizen.resume").put("conversation", c.conversation())
        .put("secret", c.secret()).put("afterSeq", 0));
  }

  static List<String> waitingIn(JsonObject stats) {
    return stats.getJsonArray("waitingChats").stream().map(o -> (JsonObject) o)
        .filter(o -> QUEUE.equals(o.getString("queue"))).map(o -> o.getString("conversation")).toList();
  }

  static int waitingCount(JsonArray queues) {
    return queues.stream().map(o -> (JsonObject) o).filter(q -> QUEUE.equals(q.getString("id")))
        .findFirst().orElseThrow().getInteger("waiting");
  }

  static JsonObject statsShowing(WsClient staff, List<String> expected) {
    Predicate<JsonObject> match = f -> "queue.stats".equals(f.getString("type")) && waitingIn(f).equals(expected)
        && waitingCount(f.getJsonArray("queues")) == expected.size();
    return staff.expect(match, "queue.stats with exactly " + expected + " waiting");
  }

  int publicWaiting() {
    return waitingCount(await(server.client.get("/api/public/queues").send()).bodyAsJsonObject().getJsonArray("queues"));
  }

  @Test
  void aChatWhoseCitizenLeftDropsOutOfTheQueueAndRejoinsInItsOldPlace() throws Exception {
    WsClient worker = ChatSetup.staff(server, "worker", "device-worker-detach");
    sockets.add(worker);
    Citizen gone = open("198.51.100.1");
    Citizen stays = open("198.51.100.2");
    statsShowing(worker, List.of(gone.conversation(), stays.conversation()));

    gone.ws().close();
    // a reload or a short network drop is not leaving: the chat keeps counting for the detach time
    Thread.sleep(800);
    assertEquals(2, publicWaiting());

    // then it is out: figures, the list, positions, taking
    long closedAt = System.currentTimeMillis();
    statsShowing(worker, List.of(stays.conversation()));
    assertTrue(System.currentTimeMillis() - closedAt < 8000, "staff hear of it within moments");
    assertEquals(1, publicWaiting());
    stays.ws().expect(f -> "queue.position".equals(f.getString("type")) && f.getInteger("position") == 1,
        "the citizen who stayed moves up");
    JsonObject take = worker.request(new JsonObject().put("type", "queue.take").put("conversation", gone.conversation()));
    assertEquals("already_taken", take.getString("error"), "a chat nobody waits in is not offered: " + take.encode());

    // the citizen who stayed connected is still waiting long after the detach time
    Thread.sleep(2500);
    assertEquals(List.of(stays.conversation()), waitingIn(await(server.platform.services().chat().figures().compute())));

    // the citizen comes back: the chat rejoins where it was, before the one who came later
    WsClient back = connectFrom("198.51.100.1");
    JsonObject resumed = resume(back, gone);
    assertEquals("citizen.resumed", resumed.getString("type"), resumed.encode());
    assertEquals("queued", resumed.getString("status"));
    assertEquals(1, resumed.getInteger("position"), "its old place: " + resumed.encode());
    statsShowing(worker, List.of(gone.conversation(), stays.conversation()));
    stays.ws().expect(f -> "queue.position".equals(f.getString("type")) && f.getInteger("position") == 2,
        "back to second");
    JsonObject taken = worker.request(new JsonObject().put("type", "queue.take"));
    assertEquals(gone.conversation(), taken.getString("conversation"), taken.encode());
    assertEquals(gone.conversation(), back.expect("member.add").getString("conversation"));
  }

  @Test
  void presenceIsOnlyATime() {
    Citizen c = open("198.51.100.3");
    Document doc = await(Reactive.first(server.platform.services().db().collection("conversations")
        .find(Filters.eq("_id", c.conversation())))).orElseThrow();
    assertInstanceOf(Date.class, doc.get("citizenSeenAt"));
    Set<String> expected = Set.of("_id", "queue", "lang", "groupId", "secretHash", "status", "priority", "createdAt",
        "queuedAt", "assignedTo", "members", "pendingAdds", "expiresAt", "citizenSeenAt");
    assertEquals(expected, doc.keySet(), "nothing else is stored about the citizen: " + doc.toJson());
    assertFalse(doc.toJson().contains("198.51.100.3"), doc.toJson());
    assertFalse(doc.toJson().contains("127.0.0.1"), doc.toJson());
  }

  @Test
  void aChatRejoiningTheQueueCountsAgainstItsAddress() throws Exception {
    Citizen first = open("203.0.113.5");
    Citizen second = open("203.0.113.5");
    first.ws().close();
    second.ws().close();
    long deadline = System.currentTimeMillis() + 10_000;
    while (publicWaiting() > 0) {
      assertTrue(System.currentTimeMillis() < deadline, "the chats of the departed citizens drop out");
      Thread.sleep(200);
    }
    // gone chats do not hold the address's places, so two new ones fit
    open("203.0.113.5");
    open("203.0.113.5");
    JsonObject refused = resume(connectFrom("203.0.113.5"), first);
    assertEquals("rate_limited", refused.getString("error"), refused.encode());
    assertEquals(2, publicWaiting(), "nothing changed");
    // the same citizen from another network (their phone left the wifi) gets back in
    JsonObject resumed = resume(connectFrom("192.0.2.44"), first);
    assertEquals("citizen.resumed", resumed.getString("type"), resumed.encode());
    assertEquals(1, resumed.getInteger("position"));
    assertEquals(3, publicWaiting());
  }
}
