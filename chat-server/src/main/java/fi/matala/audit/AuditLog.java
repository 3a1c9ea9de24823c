package fi.matala.audit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
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
 * The append-only record of staff actions on clients' conversations, statistics and accounts:
 * who, what, which target, when. This class only ever inserts; on a real MongoDB the application
 * user should hold insert and find, not update or remove, on this collection (docs/operations.md).
 * Entries never contain message content.
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

  /** Newest first, for the admin's audit view and for tests. */
  public Future<List<Document>> recent(int limit, String targetId) {
    var filter = targetId == null ? new Document() : Filters.eq("targetId", targetId);
    return Reactive.list(audit.find(filter).sort(Sorts.descending("at")).limit(limit));
  }
}
