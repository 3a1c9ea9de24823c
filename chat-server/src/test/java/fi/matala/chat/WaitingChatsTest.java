package fi.matala.chat;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.auth.Role;
import fi.matala.auth.StaffPrincipal;
import fi.matala.chat.assignment.StaffAssignments;
import fi.matala.chat.queue.QueueFigures;
import fi.matala.support.ChatSetup;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The waiting chats staff see (staff.authed and queue.stats "waitingChats") and taking a specific
 * one: in queue order, never shown to citizens or the public, and never one chat to two workers.
 */
class WaitingChatsTest {
  TestServer server;
  ChatOperations chat;
  final List<WsClient> sockets = new ArrayList<>();

  @BeforeEach
  void start() {
    // room for more than the listed chats in one queue
    server = TestServer.start(Map.of("MATALA_QUEUE_MAX_WAITING", "100"));
    chat = server.platform.services().chat();
  }

  @AfterEach
  void stop() {
    sockets.forEach(WsClient::close);
    server.close();
  }

  static String groupId() {
    return Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes());
  }

  /** A citizen's socket with an open chat in the queue; returns the socket and the conversation id. */
  record Citizen(WsClient ws, String conversation) {}

  Citizen citizen(String queue, String lang) {
    WsClient ws = connect();
    JsonObject opened = ChatSetup.openChat(ws, queue, lang, UUID.randomUUID().toString().getBytes());
    return new Citizen(ws, opened.getString("conversation"));
  }

  WsClient connect() {
    WsClient ws = WsClient.connect(server.vertx, server.port);
    sockets.add(ws);
    return ws;
  }

  /** A signed-in staff socket with key packages on the server (so it can take chats). */
  WsClient staff(String username) {
    String device = "device-" + username + "-" + UUID.randomUUID().toString().substring(0, 8);
    WsClient ws = ChatSetup.staff(server, server.token(username), device, ChatSetup.keyPackages(username, 3));
    sockets.add(ws);
    return ws;
  }

  static List<String> ids(JsonArray waitingChats, String queue) {
    return waitingChats.stream().map(o -> (JsonObject) o).filter(o -> o.getString("queue").equals(queue))
        .map(o -> o.getString("conversation")).toList();
  }

  /** The next queue.stats whose waiting chats of this queue are exactly these (stats come after every change). */
  static JsonObject statsShowing(WsClient ws, String queue, List<String> expected) {
    Predicate<JsonObject> match = f -> "queue.stats".equals(f.getString("type"))
        && ids(f.getJsonArray("waitingChats"), queue).equals(expected);
    return ws.expect(match, "queue.stats listing " + expected + " in " + queue);
  }

  StaffPrincipal worker() {
    String id = UUID.randomUUID().toString();
    StaffPrincipal p = new StaffPrincipal(id, "w-" + id, "Worker " + id, Set.of(Role.WORKER));
    String device = "device-" + id.substring(0, 8);
    await(chat.keyPackages().store(id, device, List.of(new byte[64])));
    await(chat.keyPackages().deviceOnline(id, device, true));
    return p;
  }

  @Test
  void staffSeeTheWaitingChatsInQueueOrderWithNothingAboutTheCitizen() throws Exception {
    Citizen first = citizen("families", "fi");
    Thread.sleep(5);
    Citizen second = citizen("families", "sv");
    Thread.sleep(5);
    Citizen other = citizen("mental-health", "en");
    // a chat transferred back to a queue keeps its priority: it goes before older chats of that queue
    String urgent = await(chat.citizens().open("mental-health", "fi", groupId())).conversation().id();
    StaffPrincipal w = worker();
    assertEquals(urgent, await(chat.assignments().take(w, Optional.empty(), Optional.of(urgent))).conversation().id());
    await(chat.assignments().transfer(w, urgent, Optional.of("families"), Optional.empty()));

    WsClient worker = staff("worker");
    JsonArray list = ChatSetup.authed(worker).getJsonArray("waitingChats");
    assertEquals(List.of(urgent, first.conversation(), second.conversation()), ids(list, "families"));
    assertEquals(List.of(other.conversation()), ids(list, "mental-health"));
    JsonObject top = list.stream().map(o -> (JsonObject) o).filter(o -> o.getString("conversation").equals(urgent))
        .findFirst().orElseThrow();
    assertEquals(2, top.getInteger("priority"), "the priority it brought along");
    JsonObject sv = list.stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("conversation").equals(second.conversation())).findFirst().orElseThrow();
    assertEquals(Set.of("conversation", "queue", "position", "waitedSeconds", "lang"), sv.fieldNames(),
        "no content, nothing else about the citizen: " + sv.encode());
    assertEquals(3, sv.getInteger("position"));
    assertEquals("sv", sv.getString("lang"));
    assertTrue(sv.getLong("waitedSeconds") >= 0);
    assertNull(sv.getValue("priority"), "families has no priority");

    // every queue.stats carries the list too, and it follows the queue
    Citizen fourth = citizen("families", "en");
    JsonObject stats = statsShowing(worker, "families",
        List.of(urgent, first.conversation(), second.conversation(), fourth.conversation()));
    assertEquals(List.of(other.conversation()), ids(stats.getJsonArray("waitingChats"), "mental-health"));
  }

  @Test
  void citizensAndThePublicNeverSeeTheList() throws Exception {
    Citizen first = citizen("families", "fi");
    Citizen second = citizen("families", "fi");
    WsClient worker = staff("worker");
    statsShowing(worker, "families", List.of(first.conversation(), second.conversation()));
    Citizen third = citizen("families", "fi");
    statsShowing(worker, "families", List.of(first.conversation(), second.conversation(), third.conversation()));
    // the first citizen's connection got queue.position frames meanwhile; none names another chat
    first.ws().expect("queue.position");
    Thread.sleep(300);
    for (Citizen c : List.of(first, second, third)) {
      for (JsonObject f : c.ws().snapshot()) {
        String text = f.encode();
        assertFalse(text.contains("waitingChats"), "citizen frame with the list: " + text);
        for (Citizen others : List.of(first, second, third)) {
          if (others != c) {
            assertFalse(text.contains(others.conversation()), "another citizen's chat in " + text);
          }
        }
      }
    }
    String body = await(server.client.get("/api/public/queues").send()).bodyAsString();
    assertTrue(body.contains("\"waiting\":3"), "the public count is there: " + body);
    assertFalse(body.contains("waitingChats"), body);
    for (Citizen c : List.of(first, second, third)) {
      assertFalse(body.contains(c.conversation()), "a conversation id in the public list: " + body);
    }
  }

  @Test
  void takingASpecificChatThatIsNotFirst() {
    Citizen first = citizen("mental-health", "fi");
    Citizen second = citizen("mental-health", "en");
    WsClient worker = staff("worker");
    WsClient colleague = staff("worker2");
    statsShowing(colleague, "mental-health", List.of(first.conversation(), second.conversation()));

    JsonObject taken = worker.request(new JsonObject().put("type", "queue.take").put("conversation", second.conversation()));
    assertEquals("queue.taken", taken.getString("type"), taken.encode());
    assertEquals(second.conversation(), taken.getString("conversation"));
    assertEquals("en", taken.getString("lang"));
    assertEquals(second.conversation(), second.ws().expect("member.add").getString("conversation"),
        "the chosen citizen's client is asked to add the worker");

    // it leaves the list; the first is still first
    JsonObject stats = statsShowing(colleague, "mental-health", List.of(first.conversation()));
    assertEquals(1, stats.getJsonArray("waitingChats").getJsonObject(0).getInteger("position"));
    assertEquals(1, first.ws().expect(f -> "queue.position".equals(f.getString("type")) && f.getInteger("position") == 1,
        "position 1 for the first citizen").getInteger("position"));

    // a colleague whose list was out of date gets a clear error, and the chat stays with the first worker
    JsonObject late = colleague.request(new JsonObject().put("type", "queue.take").put("conversation", second.conversation()));
    assertEquals("error", late.getString("type"), late.encode());
    assertEquals("already_taken", late.getString("error"));
    JsonObject unknown = colleague.request(new JsonObject().put("type", "queue.take").put("conversation", "no-such-chat"));
    assertEquals("already_taken", unknown.getString("error"), unknown.encode());
    JsonObject bad = colleague.request(new JsonObject().put("type", "queue.take").put("conversation", 42));
    assertEquals("bad_frame", bad.getString("error"), bad.encode());
    assertFalse(colleague.isClosed(), "bad input gets an error frame, not a closed connection");
    assertEquals(first.conversation(), colleague.request(new JsonObject().put("type", "queue.take")).getString("conversation"),
        "take next still takes the first");
  }

  @Test
  void concurrentTakesOfOneSpecificChatGiveItToExactlyOne() {
    String decoy = await(chat.citizens().open("families", "fi", groupId())).conversation().id();
    String wanted = await(chat.citizens().open("families", "fi", groupId())).conversation().id();
    List<Future<StaffAssignments.Taken>> takes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      takes.add(chat.assignments().take(worker(), Optional.empty(), Optional.of(wanted)));
    }
    await(Future.join(takes).recover(e -> Future.succeededFuture()));
    List<Future<StaffAssignments.Taken>> won = takes.stream().filter(Future::succeeded).toList();
    assertEquals(1, won.size(), "exactly one worker got it");
    assertEquals(wanted, won.get(0).result().conversation().id());
    assertEquals(7, takes.stream().filter(f -> f.failed() && f.cause() instanceof ChatException e
        && e.code().equals("already_taken")).count(), "the others are told it was taken");
    JsonArray list = await(chat.figures().compute()).getJsonArray("waitingChats");
    assertEquals(List.of(decoy), ids(list, "families"), "the other chat still waits, first in line");
  }

  @Test
  void concurrentTakesOverTheSocketByThreeStaff() {
    Citizen wanted = citizen("substance-use", "fi");
    List<WsClient> staff = List.of(staff("worker"), staff("worker2"), staff("therapist"));
    for (WsClient ws : staff) {
      ws.send(new JsonObject().put("type", "queue.take").put("conversation", wanted.conversation()).put("rid", "t"));
    }
    List<JsonObject> answers = staff.stream().map(ws -> ws.expect(f -> "t".equals(f.getString("rid")), "take answer"))
        .toList();
    assertEquals(1, answers.stream().filter(a -> "queue.taken".equals(a.getString("type"))).count(), answers.toString());
    assertEquals(2, answers.stream().filter(a -> "already_taken".equals(a.getString("error"))).count(), answers.toString());
  }

  @Test
  void theChatLimitAppliesToASpecificChatAsToTakeNext() {
    StaffPrincipal w = worker();
    await(chat.keyPackages().store(w.id(), "device-more", List.of(new byte[64], new byte[64], new byte[64])));
    await(chat.keyPackages().deviceOnline(w.id(), "device-more", true));
    for (int i = 0; i < 3; i++) {
      await(chat.citizens().open("families", "fi", groupId()));
      await(chat.assignments().take(w, Optional.empty(), Optional.empty()));
    }
    String waiting = await(chat.citizens().open("families", "fi", groupId())).conversation().id();
    assertEquals("limit_reached", QueueOrderTest.awaitFailure(chat.assignments().take(w, Optional.empty(), Optional.of(waiting))).code());
    assertEquals(List.of(waiting), ids(await(chat.figures().compute()).getJsonArray("waitingChats"), "families"),
        "it still waits for someone else");
  }

  @Test
  void theListIsCappedPerQueue() {
    for (int i = 0; i < QueueFigures.WAITING_CHATS_PER_QUEUE + 2; i++) {
      await(chat.citizens().open("adult-social-work", "fi", groupId()));
    }
    JsonObject fig = await(chat.figures().compute());
    assertEquals(QueueFigures.WAITING_CHATS_PER_QUEUE, ids(fig.getJsonArray("waitingChats"), "adult-social-work").size());
    int waiting = fig.getJsonArray("queues").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("id").equals("adult-social-work")).findFirst().orElseThrow().getInteger("waiting");
    assertEquals(QueueFigures.WAITING_CHATS_PER_QUEUE + 2, waiting, "the count still tells them all");
  }
}
