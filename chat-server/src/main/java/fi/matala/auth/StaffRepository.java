package fi.matala.auth;

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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Staff accounts in the "staff" collection; usernames are unique through an index. */
public final class StaffRepository {
  /** Thrown when a username is already in use. */
  public static final class UsernameTaken extends RuntimeException {
    UsernameTaken() {
      super("username taken", null, false, false);
    }
  }

  /** A staff member with the stored hash, for sign-in only. */
  public record Credentials(StaffMember member, String passwordHash) {}

  private final MongoCollection<Document> staff;

  public StaffRepository(Database db) {
    this.staff = db.collection("staff");
  }

  public Future<Void> createIndexes() {
    return Reactive.single(staff.createIndex(Indexes.ascending("username"), new IndexOptions().unique(true)))
        .mapEmpty();
  }

  public Future<Long> count() {
    return Reactive.single(staff.countDocuments());
  }

  public Future<Optional<Credentials>> credentials(String username) {
    return Reactive.first(staff.find(Filters.eq("username", username)).limit(1))
        .map(o -> o.map(d -> new Credentials(StaffMember.fromDocument(d), d.getString("passwordHash"))));
  }

  public Future<Optional<StaffMember>> byId(String id) {
    return Reactive.first(staff.find(Filters.eq("_id", id)).limit(1)).map(o -> o.map(StaffMember::fromDocument));
  }

  public Future<List<StaffMember>> list() {
    return Reactive.list(staff.find().sort(Sorts.ascending("username")))
        .map(docs -> docs.stream().map(StaffMember::fromDocument).toList());
  }

  public Future<StaffMember> create(String username, String displayName, List<Role> roles, String passwordHash) {
    String id = UUID.randomUUID().toString();
    Date now = new Date();
    Document doc = new Document("_id", id)
        .append("username", username)
        .append("displayName", displayName)
        .append("roles", roles.stream().map(Role::id).toList())
        .append("passwordHash", passwordHash)
        .append("disabled", false)
        .append("createdAt", now)
        .append("updatedAt", now);
    return Reactive.single(staff.insertOne(doc))
        .recover(e -> Future.failedFuture(isDuplicateKey(e) ? new UsernameTaken() : e))
        .map(r -> new StaffMember(id, username, displayName, List.copyOf(roles), false, 0));
  }

  /**
   * Changes the given fields in one atomic update; empty when no such staff member. New roles and
   * disabling also raise the session version in the same update, so that no access token issued
   * before the change (stating the old roles, or an account now disabled) is accepted again.
   */
  public Future<Optional<StaffMember>> update(String id, Optional<List<Role>> roles, Optional<Boolean> disabled,
      Optional<String> displayName) {
    List<Bson> sets = new ArrayList<>();
    roles.ifPresent(r -> sets.add(Updates.set("roles", r.stream().map(Role::id).toList())));
    disabled.ifPresent(d -> sets.add(Updates.set("disabled", d)));
    displayName.ifPresent(n -> sets.add(Updates.set("displayName", n)));
    if (roles.isPresent() || disabled.orElse(false)) {
      sets.add(Updates.inc("sessionVersion", 1));
    }
    sets.add(Updates.set("updatedAt", new Date()));
    return Reactive.first(staff.findOneAndUpdate(Filters.eq("_id", id), Updates.combine(sets),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(o -> o.map(StaffMember::fromDocument));
  }

  private static boolean isDuplicateKey(Throwable e) {
    return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
  }
}
