package fi.matala.chat.retention;

import static fi.matala.support.ChatSetup.openChat;
import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import fi.matala.Services;
import fi.matala.chat.events.ChatEvents;
import fi.matala.storage.Reactive;
import fi.matala.support.ChatSetup;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deleting a conversation (the citizen's delete-now, or its retention) removes its id from the
 * statistics events and the audit log too, which keep anonymous counts and what staff did; the
 * retention job also removes conversation ids from anything older than the retention period and
 * deletes device and presence entries stale for as long. Checked with the real protocol and the
 * real job against rows in chat_events, audit, devices and presence.
 */
class ConversationErasureTest {
  private static final Duration RETENTION = Duration.ofDays(30);
  private static TestServer server;
  private static Services services;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    services = server.platform.services();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void deleteNowRemovesTheIdFromStatisticsAndAuditAtOnce() {
    WsClient worker = ChatSetup.staff(server, "worker", "device-erasure");
    WsClient citizen = WsClient.connect(server.vertx, server.port);
    String conv = openChat(citizen, "families", "fi", new byte[16]).getString("conversation");
    JsonObject taken = worker.request(new JsonObject().put("type", "queue.take").put("conversation", conv));
    assertEquals("queue.taken", taken.getString("type"), taken.encode());
    // what a refusal would have written about this chat, and another chat that is not deleted
    await(services.audit().record(null, "citizen", "member.refused", "staff", "some-staff",
        new Document("conversation", conv).append("reason", "invalid")));
    WsClient other = WsClient.connect(server.vertx, server.port);
    String otherConv = openChat(other, "families", "fi", new byte[16]).getString("conversation");
    assertEquals(2, count("chat_events", Filters.eq("conversation", conv)), "queued and taken");
    long anonymousBefore = count("chat_events", Filters.exists("conversation", false));

    JsonObject ended = citizen.request(new JsonObject().put("type", "citizen.end").put("conversation", conv)
        .put("delete", true));
    assertEquals(true, ended.getBoolean("deleted"), ended.encode());

    assertEquals(0, count("chat_events", Filters.eq("conversation", conv)));
    assertEquals(anonymousBefore + 3, count("chat_events", Filters.exists("conversation", false)),
        "queued, taken and ended are still counted, without the id");
    assertEquals(0, count("audit", Filters.or(Filters.eq("targetId", conv), Filters.eq("details.conversation", conv))));
    assertEquals(1, count("audit", Filters.and(Filters.eq("action", "conversation.take"),
        Filters.eq("actorUsername", "worker"), Filters.exists("targetForgottenAt"))), "what staff did is still recorded");
    assertEquals(0, count("messages", Filters.eq("conv", conv)) + count("conversations", Filters.eq("_id", conv)));
    assertEquals(1, count("chat_events", Filters.eq("conversation", otherConv)), "another chat keeps its id");
    worker.close();
    citizen.close();
    other.close();
  }

  @Test
  void retentionRemovesOldIdsAndStaleDevicesAndPresenceButKeepsWhatIsRecent() {
    Date now = new Date();
    Date old = new Date(now.getTime() - RETENTION.toMillis() - Duration.ofHours(1).toMillis());
    Date recent = new Date(now.getTime() - Duration.ofHours(1).toMillis());
    String expired = id("expired");
    String gone = id("gone"); // deleted long ago; an old trace of it survived (a crash, or a racing write)
    String live = id("live");
    insertConversation(expired, new Date(now.getTime() - 60_000));
    insertConversation(live, new Date(now.getTime() + RETENTION.toMillis()));
    insert("messages", new Document("_id", expired + "/000000000001").append("conv", expired).append("seq", 1L)
        .append("expiresAt", new Date(now.getTime() - 60_000)));
    insert("chat_events", event(expired, recent), event(gone, old), event(live, recent));
    Document expiredAudit = audit(expired, recent);
    Document goneAudit = audit(gone, old);
    insert("audit", expiredAudit, goneAudit, audit(live, recent),
        new Document("_id", id("refusal")).append("at", old).append("action", "member.refused")
            .append("targetType", "staff").append("targetId", "staff-7").append("details", new Document("conversation", gone)),
        new Document("_id", id("staff-change")).append("at", old).append("action", "staff.update")
            .append("targetType", "staff").append("targetId", "staff-7"));
    String staleDevice = id("staff") + "/old-laptop";
    String freshDevice = id("staff") + "/phone";
    insert("devices", new Document("_id", staleDevice).append("online", false).append("updatedAt", old),
        new Document("_id", freshDevice).append("online", false).append("updatedAt", recent));
    String stalePresence = id("left-last-year");
    String freshPresence = id("on-holiday");
    insert("presence", new Document("_id", stalePresence).append("status", "away").append("updatedAt", old),
        new Document("_id", freshPresence).append("status", "away").append("updatedAt", recent));

    await(services.retention().run(now));

    for (String conv : List.of(expired, gone)) {
      assertEquals(0, count("chat_events", Filters.eq("conversation", conv)), conv);
      assertEquals(0, count("audit", Filters.or(Filters.eq("targetId", conv), Filters.eq("details.conversation", conv))), conv);
    }
    assertEquals(0, count("conversations", Filters.eq("_id", expired)) + count("messages", Filters.eq("conv", expired)));
    assertEquals(1, count("chat_events", Filters.eq("conversation", live)), "recent events keep their id");
    assertEquals(1, count("audit", Filters.eq("targetId", live)), "recent audit entries keep their id");
    assertEquals(2, count("audit", Filters.eq("targetId", "staff-7")), "staff ids are not conversation ids");
    assertEquals(2, count("audit", Filters.and(Filters.in("_id", expiredAudit.get("_id"), goneAudit.get("_id")),
        Filters.eq("action", "conversation.open"), Filters.exists("targetForgottenAt"))), "what staff did is still recorded");
    assertEquals(List.of(freshDevice), ids("devices", Filters.in("_id", staleDevice, freshDevice)));
    assertEquals(List.of(freshPresence), ids("presence", Filters.in("_id", stalePresence, freshPresence)));
  }

  /**
   * A deletion stopped by a crash after any of its steps (0: none done … 3: all but the
   * conversation document) leaves the conversation document, and the retention job then finishes
   * the deletion once the conversation expires: nothing outlives the retention period.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void aDeletionACrashInterruptedIsFinishedByRetention(int stepsDone) {
    Date now = new Date();
    Date expiresAt = new Date(now.getTime() + Duration.ofDays(1).toMillis());
    String conv = id("interrupted");
    insertConversation(conv, expiresAt);
    insert("messages", new Document("_id", conv + "/000000000001").append("conv", conv).append("seq", 1L)
        .append("expiresAt", expiresAt));
    insert("chat_events", event(conv, now));
    insert("audit", audit(conv, now));
    if (stepsDone >= 1) {
      await(services.chat().log().deleteConversation(conv));
    }
    if (stepsDone >= 2) {
      await(new ChatEvents(services.db()).forget(conv));
    }
    if (stepsDone >= 3) {
      await(services.audit().forgetConversation(conv));
    }

    await(services.retention().run(new Date(expiresAt.getTime() + 60_000)));

    assertEquals(0, count("conversations", Filters.eq("_id", conv)) + count("messages", Filters.eq("conv", conv))
        + count("chat_events", Filters.eq("conversation", conv)) + count("audit", Filters.eq("targetId", conv)));
  }

  private static String id(String label) {
    return label + "-" + UUID.randomUUID();
  }

  private static Document event(String conv, Date at) {
    return new Document("_id", id("event")).append("type", "queued").append("conversation", conv)
        .append("queue", "families").append("at", at);
  }

  private static Document audit(String conv, Date at) {
    return new Document("_id", id("audit")).append("at", at).append("actorId", "staff-1").append("actorUsername", "worker")
        .append("action", "conversation.open").append("targetType", "conversation").append("targetId", conv)
        .append("details", new Document());
  }

  private static void insertConversation(String id, Date expiresAt) {
    insert("conversations", new Document("_id", id).append("queue", "families").append("lang", "fi")
        .append("status", "ENDED").append("members", new Document()).append("expiresAt", expiresAt));
  }

  private static void insert(String collection, Document... docs) {
    await(Reactive.single(collection(collection).insertMany(List.of(docs))));
  }

  private static long count(String collection, Bson filter) {
    return await(Reactive.single(collection(collection).countDocuments(filter)));
  }

  private static List<String> ids(String collection, Bson filter) {
    return await(Reactive.list(collection(collection).find(filter))).stream().map(d -> d.getString("_id")).toList();
  }

  private static MongoCollection<Document> collection(String name) {
    return services.db().collection(name);
  }
}
