package fi.matala.chat.presence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import fi.matala.storage.Database;
import fi.matala.storage.Reactive;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Staff presence: available, busy or away. A node refreshes its connected staff's entries
 * ({@link #HEARTBEAT}); an entry not refreshed for {@link #STALE} counts as away, so a crashed
 * node's staff do not stay "available" for ever.
 */
public final class PresenceRepository {
  public static final Duration HEARTBEAT = Duration.ofSeconds(30);
  public static final Duration STALE = Duration.ofSeconds(90);

  private final MongoCollection<Document> presence;

  public PresenceRepository(Database db) {
    this.presence = db.collection("presence");
  }

  public Future<Void> set(String staffId, String status) {
    Document d = new Document("_id", staffId).append("status", status).append("updatedAt", new Date());
    return Reactive.single(presence.replaceOne(Filters.eq("_id", staffId), d, new ReplaceOptions().upsert(true))).mapEmpty();
  }

  public Future<Void> touch(List<String> staffIds) {
    if (staffIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return Reactive.single(presence.updateMany(Filters.in("_id", staffIds),
        new Document("$set", new Document("updatedAt", new Date())))).mapEmpty();
  }

  /** Deletes entries not refreshed since the cutoff (the retention period): nobody has been connected there since. */
  public Future<Long> purgeStale(Date cutoff) {
    return Reactive.single(presence.deleteMany(Filters.lt("updatedAt", cutoff))).map(r -> r.getDeletedCount());
  }

  /** Staff ids currently available (fresh entries only). */
  public Future<List<String>> available() {
    Date fresh = new Date(System.currentTimeMillis() - STALE.toMillis());
    return Reactive.list(presence.find(Filters.and(Filters.eq("status", "available"), Filters.gt("updatedAt", fresh))))
        .map(docs -> docs.stream().map(d -> d.getString("_id")).toList());
  }
}
