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

  /** A device not refreshed for this long counts as gone (its node stopped without saying so). */
  static final Duration DEVICE_STALE = Duration.ofSeconds(90);

  private final MongoCollection<Document> keyPackages;
  private final MongoCollection<Document> devices;

  public KeyPackageStore(Database db) {
    this.keyPackages = db.collection("key_packages");
    this.devices = db.collection("devices");
  }

  public static String deviceKey(String staffId, String device) {
    return staffId + "/" + device;
  }

  /** Whether a device has a live connection; only live devices' key packages are handed out. */
  public Future<Void> deviceOnline(String staffId, String device, boolean online) {
    Document d = new Document("_id", deviceKey(staffId, device)).append("staffId", staffId).append("device", device)
        .append("online", online).append("updatedAt", new Date());
    return Reactive.single(devices.replaceOne(Filters.eq("_id", d.getString("_id")), d,
        new com.mongodb.client.model.ReplaceOptions().upsert(true))).mapEmpty();
  }

  public Future<Void> touchDevices(List<String> keys) {
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    return Reactive.single(devices.updateMany(Filters.in("_id", keys),
        new Document("$set", new Document("updatedAt", new Date())))).mapEmpty();
  }

  private Future<List<String>> liveDevices(String staffId) {
    Date fresh = new Date(System.currentTimeMillis() - DEVICE_STALE.toMillis());
    return Reactive.list(devices.find(Filters.and(Filters.eq("staffId", staffId), Filters.eq("online", true),
            Filters.gt("updatedAt", fresh))))
        .map(docs -> docs.stream().map(d -> d.getString("device")).toList());
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

  /** Key packages of the staff member's connected devices. */
  public Future<Long> available(String staffId) {
    return liveDevices(staffId).compose(live -> live.isEmpty() ? Future.succeededFuture(0L)
        : Reactive.single(keyPackages.countDocuments(Filters.and(Filters.eq("staffId", staffId),
            Filters.in("device", live), Filters.gt("expiresAt", new Date())))));
  }

  /** Claims one key package for each of the staff member's connected devices that has one. */
  public Future<List<byte[]>> claim(String staffId) {
    return liveDevices(staffId)
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

  /** Forgets every unused key package of this staff member (their device certificates are out of date). */
  public Future<Long> forgetAll(String staffId) {
    return Reactive.single(keyPackages.deleteMany(Filters.eq("staffId", staffId))).map(r -> r.getDeletedCount());
  }

  /** Deletes device entries not refreshed since the cutoff (the retention period). */
  public Future<Long> purgeStaleDevices(Date cutoff) {
    return Reactive.single(devices.deleteMany(Filters.lt("updatedAt", cutoff))).map(r -> r.getDeletedCount());
  }

  /** Forgets the unused key packages of one device (its connection's session was ended). */
  public Future<Long> forgetDevice(String staffId, String device) {
    return Reactive.single(keyPackages.deleteMany(Filters.and(Filters.eq("staffId", staffId), Filters.eq("device", device))))
        .map(r -> r.getDeletedCount());
  }

  public Future<Long> purgeExpired(Date now) {
    return Reactive.single(keyPackages.deleteMany(Filters.lt("expiresAt", now))).map(r -> r.getDeletedCount());
  }
}
