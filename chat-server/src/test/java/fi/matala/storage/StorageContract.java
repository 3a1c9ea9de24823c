package fi.matala.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.audit.AuditLog;
import fi.matala.auth.RefreshTokens;
import fi.matala.auth.Role;
import fi.matala.auth.StaffMember;
import fi.matala.auth.StaffRepository;
import fi.matala.chat.events.ChatEvents;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the storage layer promises, checked against every database it runs on: the embedded
 * default and (where Docker exists) a real MongoDB replica set.
 */
abstract class StorageContract {
  private Database db;

  /** A connection string for a fresh, reachable database server. */
  abstract String uri();

  @BeforeEach
  void connect() {
    db = Database.connect(uri(), "contract_" + UUID.randomUUID().toString().replace("-", ""));
  }

  @AfterEach
  void disconnect() {
    db.close();
  }

  static <T> T await(Future<T> f) {
    try {
      return f.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  @Test
  void staffUsernamesAreUnique() {
    StaffRepository staff = new StaffRepository(db);
    await(staff.createIndexes());
    StaffMember m = await(staff.create("anna", "Anna", List.of(Role.WORKER), "hash"));
    CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> await(staff.create("anna", "Anna 2", List.of(Role.PEER), "hash2")));
    assertInstanceOf(StaffRepository.UsernameTaken.class, e.getCause());
    assertEquals("hash", await(staff.credentials("anna")).orElseThrow().passwordHash());
    assertEquals(m, await(staff.byId(m.id())).orElseThrow());
  }

  @Test
  void staffUpdateReturnsTheChangedAccount() {
    StaffRepository staff = new StaffRepository(db);
    StaffMember m = await(staff.create("bert", "Bert", List.of(Role.WORKER), "h"));
    StaffMember changed = await(staff.update(m.id(), Optional.of(List.of(Role.SUPERVISOR, Role.PEER)),
        Optional.of(true), Optional.empty())).orElseThrow();
    assertEquals(List.of(Role.SUPERVISOR, Role.PEER), changed.roles());
    assertTrue(changed.disabled());
    assertEquals("Bert", changed.displayName());
    assertTrue(await(staff.update("missing", Optional.empty(), Optional.of(true), Optional.empty())).isEmpty());
  }

  @Test
  void aRefreshTokenIsUsableExactlyOnceEvenUnderConcurrency() {
    RefreshTokens tokens = new RefreshTokens(db, Duration.ofHours(1));
    String token = await(tokens.issue("staff-1"));
    List<Future<Optional<String>>> attempts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      attempts.add(tokens.consume(token));
    }
    await(Future.join(attempts));
    long winners = attempts.stream().filter(f -> f.result().isPresent()).count();
    assertEquals(1, winners);
    assertTrue(await(tokens.consume("never-issued")).isEmpty());
  }

  @Test
  void expiredRefreshTokensAreRefusedAndPurged() throws Exception {
    RefreshTokens tokens = new RefreshTokens(db, Duration.ofMillis(1));
    String token = await(tokens.issue("staff-2"));
    Thread.sleep(20);
    assertTrue(await(tokens.purgeExpired()) >= 1);
    assertTrue(await(tokens.consume(token)).isEmpty());
  }

  @Test
  void conversationIdsLeaveEventsAndAuditEntriesWhichStay() {
    ChatEvents events = new ChatEvents(db);
    AuditLog audit = new AuditLog(db);
    await(events.record(ChatEvents.Type.QUEUED, "conv-a", "q", null));
    await(events.record(ChatEvents.Type.ENDED, "conv-a", "q", new Document("outcome", "advice")));
    await(events.record(ChatEvents.Type.QUEUED, "conv-b", "q", null));
    await(audit.record("s1", "worker", "conversation.take", "conversation", "conv-a", null));
    await(audit.record(null, "citizen", "member.refused", "staff", "s1", new Document("conversation", "conv-a")));
    await(audit.record("s1", "worker", "conversation.take", "conversation", "conv-b", null));

    assertEquals(2L, await(events.forget("conv-a")));
    assertEquals(2L, await(audit.forgetConversation("conv-a")));

    var eventDocs = await(Reactive.list(db.collection("chat_events").find()));
    assertEquals(3, eventDocs.size(), "the events stay as counts");
    assertEquals(List.of("conv-b"), eventDocs.stream().filter(d -> d.containsKey("conversation"))
        .map(d -> d.getString("conversation")).toList());
    var auditDocs = await(audit.recent(10, null));
    assertEquals(3, auditDocs.size(), "the audit entries stay");
    assertTrue(auditDocs.stream().noneMatch(d -> "conv-a".equals(d.getString("targetId"))
        || "conv-a".equals(d.get("details", Document.class).getString("conversation"))));
    assertEquals("s1", auditDocs.stream().filter(d -> d.getString("action").equals("member.refused")).findFirst()
        .orElseThrow().getString("targetId"), "a staff target is not a conversation id");

    Date future = new Date(System.currentTimeMillis() + 60_000);
    assertEquals(1L, await(events.forgetBefore(future)));
    assertEquals(1L, await(audit.forgetConversationsBefore(future)));
    assertEquals(0L, await(events.forgetBefore(future)), "idempotent");
  }

  @Test
  void auditEntriesAreKeptNewestFirst() throws Exception {
    AuditLog audit = new AuditLog(db);
    await(audit.record("a1", "admin", "staff.create", "staff", "t1", new Document("x", 1)));
    Thread.sleep(5);
    await(audit.record("a1", "admin", "staff.update", "staff", "t1", null));
    await(audit.record("a1", "admin", "staff.update", "staff", "other", null));
    List<Document> entries = await(audit.recent(10, "t1"));
    assertEquals(List.of("staff.update", "staff.create"), entries.stream().map(d -> d.getString("action")).toList());
    assertEquals("admin", entries.get(0).getString("actorUsername"));
    assertTrue(entries.get(0).getDate("at") != null);
  }
}
