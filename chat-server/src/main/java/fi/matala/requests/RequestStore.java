package fi.matala.requests;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import fi.matala.storage.Database;
import fi.matala.storage.Reactive;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;

/** Sealed requests and their sealed answers; the citizen's only handle is the lookup derived from the return code. */
public final class RequestStore {
  /** Another request already uses this lookup (practically only a replay). */
  public static final class DuplicateLookup extends RuntimeException {
    DuplicateLookup() {
      super("duplicate lookup", null, false, false);
    }
  }

  private final MongoCollection<Document> requests;

  public RequestStore(Database db) {
    this.requests = db.collection("requests");
  }

  public Future<Void> createIndexes() {
    return Reactive.single(requests.createIndex(Indexes.ascending("lookup"), new IndexOptions().unique(true)))
        .compose(i -> Reactive.single(requests.createIndex(Indexes.ascending("expiresAt")))).mapEmpty();
  }

  public Future<String> create(String queue, String lang, String lookup, String keyId, Document sealed, Duration retention) {
    String id = UUID.randomUUID().toString();
    Instant now = Instant.now();
    Document d = new Document("_id", id).append("queue", queue).append("lang", lang).append("lookup", lookup)
        .append("keyId", keyId).append("sealed", sealed).append("status", "open").append("createdAt", Date.from(now))
        .append("expiresAt", Date.from(now.plus(retention)));
    return Reactive.single(requests.insertOne(d)).map(r -> id)
        .recover(e -> Future.failedFuture(e instanceof MongoWriteException w
            && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY ? new DuplicateLookup() : e));
  }

  public Future<Optional<Document>> byLookup(String lookup) {
    return Reactive.first(requests.find(Filters.eq("lookup", lookup)).limit(1));
  }

  public Future<Boolean> deleteByLookup(String lookup) {
    return Reactive.single(requests.deleteOne(Filters.eq("lookup", lookup))).map(r -> r.getDeletedCount() > 0);
  }

  public Future<List<Document>> recent(int limit) {
    return Reactive.list(requests.find().sort(Sorts.descending("createdAt")).limit(limit));
  }

  /** Stores the answer if the request is still open; empty when it is gone or already answered. */
  public Future<Optional<Document>> answer(String id, Document sealed, String staffId) {
    return Reactive.first(requests.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.eq("status", "open")),
        Updates.combine(Updates.set("status", "answered"), Updates.set("answer", sealed),
            Updates.set("answeredBy", staffId), Updates.set("answeredAt", new Date())),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
  }

  public Future<Optional<Document>> byId(String id) {
    return Reactive.first(requests.find(Filters.eq("_id", id)).limit(1));
  }

  public Future<Long> purgeExpired(Date now) {
    return Reactive.single(requests.deleteMany(Filters.lt("expiresAt", now))).map(r -> r.getDeletedCount());
  }
}
