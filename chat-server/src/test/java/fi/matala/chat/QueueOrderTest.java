package fi.matala.chat;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.auth.Role;
import fi.matala.auth.StaffPrincipal;
import fi.matala.chat.assignment.StaffAssignments;
import fi.matala.support.TestServer;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Take next: highest queue priority first, then longest waiting; never one chat to two workers. */
class QueueOrderTest {
  TestServer server;
  ChatOperations chat;

  @BeforeEach
  void start() {
    server = TestServer.start();
    chat = server.platform.services().chat();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String open(String queue) {
    String group = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes());
    return await(chat.citizens().open(queue, "fi", group)).conversation().id();
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
  void priorityFirstThenOldestFirst() throws Exception {
    // demo queues: mental-health priority 2, substance-use 1, families 0
    String families1 = open("families");
    Thread.sleep(5);
    String substance1 = open("substance-use");
    Thread.sleep(5);
    String families2 = open("families");
    Thread.sleep(5);
    String mental1 = open("mental-health");
    Thread.sleep(5);
    String substance2 = open("substance-use");
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      order.add(await(chat.assignments().take(worker(), Optional.empty(), Optional.empty())).conversation().id());
    }
    assertEquals(List.of(mental1, substance1, substance2, families1, families2), order);
  }

  @Test
  void takingFromOneQueueOnlyAndASpecificChat() {
    String a = open("families");
    String b = open("mental-health");
    assertEquals(a, await(chat.assignments().take(worker(), Optional.of("families"), Optional.empty())).conversation().id());
    StaffPrincipal w = worker();
    assertEquals(b, await(chat.assignments().take(w, Optional.empty(), Optional.of(b))).conversation().id());
    assertEquals("already_taken", awaitFailure(chat.assignments().take(worker(), Optional.empty(), Optional.of(b))).code());
    assertEquals("nothing_waiting", awaitFailure(chat.assignments().take(worker(), Optional.empty(), Optional.empty())).code());
  }

  @Test
  void concurrentTakeNextNeverGivesOneChatToTwoWorkers() {
    int chats = 12;
    for (int i = 0; i < chats; i++) {
      open(i % 2 == 0 ? "families" : "adult-social-work");
    }
    List<StaffPrincipal> workers = new ArrayList<>();
    for (int i = 0; i < chats + 6; i++) {
      workers.add(worker());
    }
    List<Future<StaffAssignments.Taken>> takes = new ArrayList<>();
    for (StaffPrincipal w : workers) {
      takes.add(chat.assignments().take(w, Optional.empty(), Optional.empty()));
    }
    await(Future.join(takes).recover(e -> Future.succeededFuture()));
    List<String> taken = takes.stream().filter(Future::succeeded).map(f -> f.result().conversation().id()).toList();
    assertEquals(chats, taken.size(), "every chat taken once");
    assertEquals(chats, new HashSet<>(taken).size(), "no chat given twice");
    long nothing = takes.stream().filter(Future::failed)
        .filter(f -> f.cause() instanceof ChatException e && e.code().equals("nothing_waiting")).count();
    assertEquals(6, nothing, "the rest are told nobody is waiting");
  }

  @Test
  void aWorkerHasAChatLimit() {
    StaffPrincipal w = worker();
    await(chat.keyPackages().store(w.id(), "device-x", List.of(new byte[64], new byte[64], new byte[64], new byte[64])));
    await(chat.keyPackages().deviceOnline(w.id(), "device-x", true));
    for (int i = 0; i < 4; i++) {
      open("families");
    }
    for (int i = 0; i < 3; i++) {
      await(chat.assignments().take(w, Optional.empty(), Optional.empty()));
    }
    assertEquals("limit_reached", awaitFailure(chat.assignments().take(w, Optional.empty(), Optional.empty())).code());
  }

  @Test
  void aTakeThatCannotAddTheWorkerPutsTheChatBack() {
    String first = open("families");
    String second = open("families");
    String id = UUID.randomUUID().toString();
    StaffPrincipal oneKeyPackage = new StaffPrincipal(id, "w-" + id, "Worker", Set.of(Role.WORKER));
    await(chat.keyPackages().store(id, "device-only-one", List.of(new byte[64])));
    await(chat.keyPackages().deviceOnline(id, "device-only-one", true));
    Future<StaffAssignments.Taken> a = chat.assignments().take(oneKeyPackage, Optional.empty(), Optional.empty());
    Future<StaffAssignments.Taken> b = chat.assignments().take(oneKeyPackage, Optional.empty(), Optional.empty());
    await(Future.join(a, b).recover(e -> Future.succeededFuture()));
    assertEquals(1, (a.succeeded() ? 1 : 0) + (b.succeeded() ? 1 : 0), "only one key package: one chat");
    Future<StaffAssignments.Taken> failed = a.failed() ? a : b;
    assertEquals("no_key_packages", ((ChatException) failed.cause()).code());
    String taken = (a.succeeded() ? a : b).result().conversation().id();
    String other = taken.equals(first) ? second : first;
    assertEquals(other, await(chat.assignments().take(worker(), Optional.empty(), Optional.empty())).conversation().id(),
        "the other chat went back to the queue for someone else");
  }

  static ChatException awaitFailure(Future<?> f) {
    Object result;
    try {
      result = f.await(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ChatException c) {
          return c;
        }
      }
      throw new AssertionError("unexpected failure", e);
    }
    throw new AssertionError("expected a ChatException, got " + result);
  }
}
