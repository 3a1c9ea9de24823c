package fi.matala.audit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import fi.matala.auth.StaffPrincipal;
import fi.matala.storage.Database;
import fi.matala.storage.Reactive;
import io.vertx.core.Future;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/**
 * The record of staff actions on clients' conversations, statistics and accounts: who, what,
 * which target, when. Entries are inserted and never removed; the one change ever made to them
 * removes a conversation's id (when the conversation is deleted, or the entry is older than the
 * retention period), so that the record of what staff did stays and no longer points at a
 * citizen's chat. On a real MongoDB the application user holds insert, find and update, not
 * remove, on this collection (docs/operations.md). Entries never contain message content.
 */
public final class AuditLog {
  private final MongoCollection<Document> audit;

  public AuditLog(Database db) {
    this.audit = db.collection("audit");
  }

  /** Writes the entry durably; the action should not be reported done before this completes. */
  public Future<Void> record(String actorId, String actorUsername, String action, String targetType, String targetId,
      Document details) {
    Document entry = new Document("_id", UUID.randomUUID().toString())
        .append("at", new Date())
        .append("actorId", actorId)
        .append("actorUsername", actorUsername)
        .append("action", action)
        .append("targetType", targetType)
        .append("targetId", targetId)
        .append("details", details == null ? new Document() : details);
    return Reactive.single(audit.insertOne(entry)).mapEmpty();
  }

  public Future<Void> record(StaffPrincipal actor, String action, String targetType, String targetId, Document details) {
    return record(actor.id(), actor.username(), action, targetType, targetId, details);
  }

  static final String CONVERSATION_TARGET = "conversation";

  public Future<Void> createIndexes() {
    return Reactive.single(audit.createIndex(Indexes.ascending("targetId"))).mapEmpty();
  }

  /** Removes a deleted conversation's id from every entry that names it; the number of entries changed. */
  public Future<Long> forgetConversation(String conversation) {
    Date now = new Date();
    return Reactive.single(audit.updateMany(
            Filters.and(Filters.eq("targetType", CONVERSATION_TARGET), Filters.eq("targetId", conversation)),
            Updates.combine(Updates.unset("targetId"), Updates.set("targetForgottenAt", now))))
        .compose(t -> Reactive.single(audit.updateMany(Filters.eq("details.conversation", conversation),
                Updates.combine(Updates.unset("details.conversation"), Updates.set("targetForgottenAt", now))))
            .map(d -> t.getModifiedCount() + d.getModifiedCount()));
  }

  /** Removes conversation ids from entries written before the cutoff (the retention period). */
  public Future<Long> forgetConversationsBefore(Date cutoff) {
    Date now = new Date();
    return Reactive.single(audit.updateMany(Filters.and(Filters.lt("at", cutoff),
                Filters.eq("targetType", CONVERSATION_TARGET), Filters.exists("targetId")),
            Updates.combine(Updates.unset("targetId"), Updates.set("targetForgottenAt", now))))
        .compose(t -> Reactive.single(audit.updateMany(Filters.and(Filters.lt("at", cutoff),
                Filters.exists("details.conversation")),
                Updates.combine(Updates.unset("details.conversation"), Updates.set("targetForgottenAt", now))))
            .map(d -> t.getModifiedCount() + d.getModifiedCount()));
  }

  /** Newest first, for the admin's audit view and for tests. */
  public Future<List<Document>> recent(int limit, String targetId) {
    var filter = targetId == null ? new Document() : Filters.eq("targetId", targetId);
    return Reactive.list(audit.find(filter).sort(Sorts.descending("at")).limit(limit));
  }
}
