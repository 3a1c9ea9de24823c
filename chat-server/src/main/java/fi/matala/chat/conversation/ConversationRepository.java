package fi.matala.chat.conversation;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
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
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Conversations in the "conversations" collection. Every state change is one conditional,
 * single-document update, so that two workers can never take the same chat and a transfer or end
 * races with nothing.
 *
 * <p>"Waiting" means queued <em>and attended</em>: a queued chat whose citizen has not been seen
 * for {@code detachAfter} ("citizenSeenAt", see CitizenAttendance) is out of the queue: not
 * counted, not listed, not taken, until the citizen resumes it.
 */
public final class ConversationRepository {
  private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

  private final MongoCollection<Document> conversations;
  private final Duration detachAfter;

  public ConversationRepository(Database db, Duration detachAfter) {
    this.conversations = db.collection("conversations");
    this.detachAfter = detachAfter;
  }

  /** Queued, and the citizen seen within detachAfter. */
  private Bson waitingFilter() {
    return Filters.and(Filters.eq("status", Conversation.Status.QUEUED.name()),
        Filters.gte("citizenSeenAt", new Date(System.currentTimeMillis() - detachAfter.toMillis())));
  }

  /** Whether a queued chat with this last-seen time is out of the queue (its citizen has been gone too long). */
  public boolean detached(Conversation c) {
    return c.citizenSeenAt() == null
        || c.citizenSeenAt().getTime() < System.currentTimeMillis() - detachAfter.toMillis();
  }

  public Future<Void> createIndexes() {
    return Reactive.single(conversations.createIndex(Indexes.ascending("status", "queue", "queuedAt")))
        .compose(i -> Reactive.single(conversations.createIndex(Indexes.ascending("expiresAt"))))
        .compose(i -> Reactive.single(conversations.createIndex(Indexes.ascending("assignedTo"))))
        .mapEmpty();
  }

  public Future<Conversation> create(String id, String queue, String lang, String groupId, String secretHash,
      int priority, Duration retention) {
    Instant now = Instant.now();
    Document doc = new Document("_id", id).append("queue", queue).append("lang", lang).append("groupId", groupId)
        .append("secretHash", secretHash).append("status", Conversation.Status.QUEUED.name())
        .append("priority", priority).append("createdAt", Date.from(now)).append("queuedAt", Date.from(now))
        .append("assignedTo", null).append("members", new Document()).append("pendingAdds", List.of())
        .append("expiresAt", Date.from(now.plus(retention))).append("citizenSeenAt", Date.from(now));
    return Reactive.single(conversations.insertOne(doc)).map(r -> Conversation.fromDocument(doc));
  }

  public Future<Optional<Conversation>> byId(String id) {
    return Reactive.first(conversations.find(Filters.eq("_id", id)).limit(1)).map(o -> o.map(Conversation::fromDocument));
  }

  /** The conversation only if the secret's hash matches (citizen resume). */
  public Future<Optional<Conversation>> byIdAndSecret(String id, String secretHash) {
    return Reactive.first(conversations.find(Filters.and(Filters.eq("_id", id), Filters.eq("secretHash", secretHash)))
        .limit(1)).map(o -> o.map(Conversation::fromDocument));
  }

  /** Atomically takes the best waiting chat among the queues: highest priority, then longest waiting. */
  public Future<Optional<Conversation>> takeNext(List<String> queues, Member taker) {
    Bson filter = Filters.and(waitingFilter(), Filters.in("queue", queues));
    return Reactive.first(conversations.findOneAndUpdate(filter, assign(taker),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)
                .sort(Sorts.orderBy(Sorts.descending("priority"), Sorts.ascending("queuedAt")))))
        .map(o -> o.map(Conversation::fromDocument));
  }

  /** Atomically takes this chat if it is still waiting. */
  public Future<Optional<Conversation>> take(String id, Member taker) {
    Bson filter = Filters.and(Filters.eq("_id", id), waitingFilter());
    return Reactive.first(conversations.findOneAndUpdate(filter, assign(taker), AFTER)).map(o -> o.map(Conversation::fromDocument));
  }

  private static Bson assign(Member taker) {
    return Updates.combine(
        Updates.set("status", Conversation.Status.ACTIVE.name()),
        Updates.set("assignedTo", taker.staffId()),
        Updates.set("members." + taker.staffId(), taker.toDocument()));
  }

  /** Undoes a take whose member could not be added (no key package after all): back to the queue. */
  public Future<Void> untake(String id, String staffId) {
    Bson filter = Filters.and(Filters.eq("_id", id), Filters.eq("assignedTo", staffId));
    return Reactive.single(conversations.updateOne(filter, Updates.combine(
        Updates.set("status", Conversation.Status.QUEUED.name()), Updates.set("assignedTo", null),
        Updates.unset("members." + staffId)))).mapEmpty();
  }

  /** Records what the citizen's client must do next: add these members (and remove those). */
  public Future<Optional<Conversation>> addPending(String id, Document pendingAdd) {
    return Reactive.first(conversations.findOneAndUpdate(Filters.eq("_id", id), Updates.push("pendingAdds", pendingAdd), AFTER))
        .map(o -> o.map(Conversation::fromDocument));
  }

  /** Removal-only requests are done once the citizen's client has committed after them. */
  public Future<Void> clearRemovalOnly(String id) {
    return Reactive.single(conversations.updateOne(Filters.eq("_id", id),
        Updates.pull("pendingAdds", new Document("staff", null)))).mapEmpty();
  }

  /** The Welcome for this staff member is stored at seq: from there on they may read. */
  public Future<Optional<Conversation>> welcomed(String id, String staffId, long seq) {
    Bson filter = Filters.and(Filters.eq("_id", id), Filters.exists("members." + staffId),
        Filters.eq("members." + staffId + ".leftSeq", null));
    return Reactive.first(conversations.findOneAndUpdate(filter, Updates.combine(
            Updates.set("members." + staffId + ".joinedSeq", seq),
            Updates.pull("pendingAdds", new Document("staff.id", staffId))), AFTER))
        .map(o -> o.map(Conversation::fromDocument));
  }

  /** What a refusal changed: the conversation after it, and whether it went back to its queue. */
  public record Refusal(Conversation conversation, boolean requeued) {}

  /**
   * The citizen's client refused every device of a staff member it was asked to add: their
   * pending addition and their member entry go. If they were the assigned worker the chat goes
   * back to its queue, keeping queuedAt and priority (its place). Matches only while that member
   * has no joinedSeq, so a refusal racing with a stored Welcome cannot undo a real join. Two
   * conditional updates with disjoint filters (assigned to them or not), each one atomic.
   */
  public Future<Optional<Refusal>> refuse(String id, String staffId) {
    Bson pending = Filters.and(Filters.eq("_id", id), Filters.ne("status", Conversation.Status.ENDED.name()),
        Filters.eq("pendingAdds.staff.id", staffId), Filters.exists("members." + staffId),
        Filters.eq("members." + staffId + ".joinedSeq", null));
    Bson drop = Updates.combine(Updates.pull("pendingAdds", new Document("staff.id", staffId)),
        Updates.unset("members." + staffId));
    Bson requeue = Updates.combine(drop, Updates.set("status", Conversation.Status.QUEUED.name()),
        Updates.set("assignedTo", null));
    return Reactive.first(conversations.findOneAndUpdate(Filters.and(pending, Filters.eq("assignedTo", staffId)),
            requeue, AFTER))
        .compose(assigned -> assigned.isPresent()
            ? Future.succeededFuture(assigned.map(d -> new Refusal(Conversation.fromDocument(d), true)))
            : Reactive.first(conversations.findOneAndUpdate(Filters.and(pending, Filters.ne("assignedTo", staffId)),
                drop, AFTER)).map(o -> o.map(d -> new Refusal(Conversation.fromDocument(d), false))));
  }

  /** Adds a staff member who will join when the citizen's client adds them (transfer target, supervisor, peer). */
  public Future<Optional<Conversation>> addMember(String id, Member member, boolean assign) {
    Bson filter = Filters.and(Filters.eq("_id", id), Filters.ne("status", Conversation.Status.ENDED.name()));
    Bson update = Updates.set("members." + member.staffId(), member.toDocument());
    if (assign) {
      update = Updates.combine(update, Updates.set("assignedTo", member.staffId()),
          Updates.set("status", Conversation.Status.ACTIVE.name()));
    }
    return Reactive.first(conversations.findOneAndUpdate(filter, update, AFTER)).map(o -> o.map(Conversation::fromDocument));
  }

  /** Ends a staff member's access from seq on; optionally puts the chat back in a queue. */
  public Future<Optional<Conversation>> release(String id, String staffId, long fromSeq, String requeueTo) {
    Bson filter = Filters.and(Filters.eq("_id", id), Filters.eq("assignedTo", staffId),
        Filters.eq("status", Conversation.Status.ACTIVE.name()));
    Bson update = Updates.set("members." + staffId + ".leftSeq", fromSeq);
    if (requeueTo != null) {
      update = Updates.combine(update, Updates.set("status", Conversation.Status.QUEUED.name()),
          Updates.set("queue", requeueTo), Updates.set("assignedTo", null));
    }
    return Reactive.first(conversations.findOneAndUpdate(filter, update, AFTER)).map(o -> o.map(Conversation::fromDocument));
  }

  /**
   * A supervisor or peer expert leaves: their access ends at fromSeq, and an addition of theirs
   * the citizen's client has not made yet is dropped. The assigned worker cannot leave this way
   * (they transfer or end the chat).
   */
  public Future<Optional<Conversation>> leave(String id, String staffId, long fromSeq) {
    Bson filter = Filters.and(Filters.eq("_id", id), Filters.ne("status", Conversation.Status.ENDED.name()),
        Filters.exists("members." + staffId), Filters.eq("members." + staffId + ".leftSeq", null),
        Filters.ne("assignedTo", staffId));
    return Reactive.first(conversations.findOneAndUpdate(filter, Updates.combine(
            Updates.set("members." + staffId + ".leftSeq", fromSeq),
            Updates.pull("pendingAdds", new Document("staff.id", staffId))), AFTER))
        .map(o -> o.map(Conversation::fromDocument));
  }

  public Future<Optional<Conversation>> end(String id, String outcome) {
    Bson filter = Filters.and(Filters.eq("_id", id), Filters.ne("status", Conversation.Status.ENDED.name()));
    return Reactive.first(conversations.findOneAndUpdate(filter, Updates.combine(
            Updates.set("status", Conversation.Status.ENDED.name()), Updates.set("endedAt", new Date()),
            Updates.set("outcome", outcome), Updates.set("pendingAdds", List.of())), AFTER))
        .map(o -> o.map(Conversation::fromDocument));
  }

  /** Waiting chats (id, queue, queuedAt, priority, lang only): for live queue figures, positions and the staff list. */
  public Future<List<Document>> waiting() {
    return Reactive.list(conversations.find(waitingFilter())
        .projection(Projections.include("queue", "queuedAt", "priority", "lang")));
  }

  /** The citizens of these conversations are connected now (only the time is stored; ended chats are left alone). */
  public Future<Void> seen(List<String> ids, Date at) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    return Reactive.single(conversations.updateMany(Filters.and(Filters.in("_id", ids),
        Filters.ne("status", Conversation.Status.ENDED.name())), Updates.set("citizenSeenAt", at))).mapEmpty();
  }

  /** Queued chats whose citizen was last seen in [from, to): they have just dropped out of their queue. */
  public Future<Long> countDroppedOut(Date from, Date to) {
    return Reactive.single(conversations.countDocuments(Filters.and(
        Filters.eq("status", Conversation.Status.QUEUED.name()),
        Filters.gte("citizenSeenAt", from), Filters.lt("citizenSeenAt", to))));
  }

  /**
   * Counts one more citizen message of this many bytes against the conversation's quota for the
   * time before anyone answers; false (and nothing counted) when it would go over either limit.
   * One conditional increment, so parallel sends cannot overshoot.
   */
  public Future<Boolean> countUnanswered(String id, int bytes, int maxMessages, long maxBytes) {
    Bson filter = Filters.and(Filters.eq("_id", id),
        Filters.or(Filters.exists("unansweredMessages", false), Filters.lt("unansweredMessages", maxMessages)),
        Filters.or(Filters.exists("unansweredBytes", false), Filters.lte("unansweredBytes", maxBytes - bytes)));
    return Reactive.single(conversations.updateOne(filter, Updates.combine(Updates.inc("unansweredMessages", 1),
        Updates.inc("unansweredBytes", bytes)))).map(r -> r.getMatchedCount() > 0);
  }

  /** Gives back what {@link #countUnanswered} counted for a message that was not stored after all. */
  public Future<Void> uncountUnanswered(String id, int bytes) {
    return Reactive.single(conversations.updateOne(Filters.eq("_id", id), Updates.combine(
        Updates.inc("unansweredMessages", -1), Updates.inc("unansweredBytes", -bytes)))).mapEmpty();
  }

  public Future<List<Conversation>> activeFor(String staffId) {
    return Reactive.list(conversations.find(Filters.and(Filters.ne("status", Conversation.Status.ENDED.name()),
            Filters.exists("members." + staffId), Filters.eq("members." + staffId + ".leftSeq", null))))
        .map(docs -> docs.stream().map(Conversation::fromDocument).toList());
  }

  /** Conversations not ended, newest first (for supervisors and peers to join). */
  public Future<List<Conversation>> open(int limit) {
    return Reactive.list(conversations.find(Filters.ne("status", Conversation.Status.ENDED.name()))
            .sort(Sorts.descending("queuedAt")).limit(limit))
        .map(docs -> docs.stream().map(Conversation::fromDocument).toList());
  }

  public Future<Long> countAssigned(String staffId) {
    return Reactive.single(conversations.countDocuments(Filters.and(Filters.eq("assignedTo", staffId),
        Filters.eq("status", Conversation.Status.ACTIVE.name()))));
  }

  public Future<Boolean> delete(String id) {
    return Reactive.single(conversations.deleteOne(Filters.eq("_id", id))).map(r -> r.getDeletedCount() > 0);
  }

  public Future<List<String>> expiredIds(Date now, int limit) {
    return Reactive.list(conversations.find(Filters.lt("expiresAt", now)).projection(Projections.include("_id")).limit(limit))
        .map(docs -> docs.stream().map(d -> d.getString("_id")).toList());
  }
}
