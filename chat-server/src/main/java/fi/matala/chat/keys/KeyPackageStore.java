package fi.matala.chat.keys;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import fi.matala.storage.Database;
import fi.matala.storage.Reactive;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * One-time MLS key packages of staff devices. A key package is handed out at most once (claimed
 * by an atomic delete) and only while its device certificate can still be valid (24 h).
 */
public final class KeyPackageStore {
  public static final Duration LIFETIME = Duration.ofHours(24);

  private final MongoCollection<Document> keyPackages;

  public KeyPackageStore(Database db) {
    this.keyPackages = db.collection("key_packages");
  }

  public Future<Void> createIndexes() {
    return Reactive.single(keyPackages.createIndex(Indexes.ascending("staffId", "device"))).mapEmpty();
  }

  public Future<Long> store(String staffId, String device, List<byte[]> packages) {
    if (packages.isEmpty()) {
      return available(staffId);
    }
    Date now = new Date();
    Date expires = Date.from(Instant.now().plus(LIFETIME));
    List<Document> docs = new ArrayList<>();
    for (byte[] p : packages) {
      docs.add(new Document("_id", UUID.randomUUID().toString()).append("staffId", staffId).append("device", device)
          .append("data", new Binary(p)).append("createdAt", now).append("expiresAt", expires));
    }
    return Reactive.single(keyPackages.insertMany(docs)).compose(r -> available(staffId));
  }

  public Future<Long> available(String staffId) {
    return Reactive.single(keyPackages.countDocuments(
        Filters.and(Filters.eq("staffId", staffId), Filters.gt("expiresAt", new Date()))));
  }

  /** Claims one key package for each of the staff member's devices that has one. */
  public Future<List<byte[]>> claim(String staffId) {
    return Reactive.list(keyPackages.distinct("device",
            Filters.and(Filters.eq("staffId", staffId), Filters.gt("expiresAt", new Date())), String.class))
        .compose(devices -> {
          List<Future<Optional<Document>>> claims = new ArrayList<>();
          for (String device : devices) {
            claims.add(Reactive.first(keyPackages.findOneAndDelete(
                Filters.and(Filters.eq("staffId", staffId), Filters.eq("device", device), Filters.gt("expiresAt", new Date())),
                new com.mongodb.client.model.FindOneAndDeleteOptions().sort(Sorts.descending("createdAt")))));
          }
          return Future.all(claims).map(cf -> claims.stream().map(Future::result).flatMap(Optional::stream)
              .map(d -> d.get("data", Binary.class).getData()).toList());
        });
  }

  public Future<Long> purgeExpired(Date now) {
    return Reactive.single(keyPackages.deleteMany(Filters.lt("expiresAt", now))).map(r -> r.getDeletedCount());
  }
}
