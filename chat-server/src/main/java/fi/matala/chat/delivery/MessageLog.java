package fi.matala.chat.delivery;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import fi.matala.storage.Database;
import fi.matala.storage.Reactive;
import io.vertx.core.Future;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The delivery service's store: per conversation a gap-free sequence of opaque MLS messages.
 *
 * <p>A message's _id is "conversation/seq", so inserting it both claims the seq and stores the
 * message in one atomic write; the writer first reads the highest seq, so seq n+1 can exist only
 * if n does, and readers never meet a hole. Two writers racing for the same seq: one wins, the
 * other re-reads and takes the next. A commit also carries the unique key "conversation#epoch",
 * so that exactly one commit per (group, epoch) is ever stored.
 */
public final class MessageLog {
  /** A commit for an epoch that already has one. */
  public static final class CommitConflict extends RuntimeException {
    public CommitConflict() {
      super("commit conflict", null, false, false);
    }
  }

  private static final int MAX_ATTEMPTS = 50;

  private final MongoCollection<Document> messages;
  /** Per-node hint of the next free seq, so the common case is one insert without a read. */
  private final Map<String, Long> nextSeqHint = new ConcurrentHashMap<>();

  public MessageLog(Database db) {
    this.messages = db.collection("messages");
  }

  public Future<Void> createIndexes() {
    return Reactive.single(messages.createIndex(Indexes.ascending("epochKey"), new IndexOptions().unique(true)))
        .compose(i -> Reactive.single(messages.createIndex(Indexes.ascending("expiresAt"))))
        .mapEmpty();
  }

  static String key(String conversation, long seq) {
    return conversation + "/" + String.format("%012d", seq);
  }

  /** What a new message is: everything but its seq. */
  public record Draft(String sender, String wire, String content, long epoch, byte[] data, String to, Date expiresAt) {
    boolean isCommit() {
      return "commit".equals(content);
    }
  }

  /** Stores the message durably and returns it with its seq. */
  public Future<StoredMessage> append(String conversation, Draft draft) {
    Long hint = nextSeqHint.get(conversation);
    Future<Long> start = hint != null ? Future.succeededFuture(hint) : lastSeq(conversation).map(s -> s + 1);
    return start.compose(seq -> attempt(conversation, draft, seq, 1));
  }

  private Future<StoredMessage> attempt(String conversation, Draft draft, long seq, int attempt) {
    Date at = new Date();
    Document doc = new Document("_id", key(conversation, seq)).append("conv", conversation).append("seq", seq)
        .append("sender", draft.sender()).append("wire", draft.wire()).append("content", draft.content())
        .append("epoch", draft.epoch()).append("data", new Binary(draft.data())).append("to", draft.to())
        .append("epochKey", draft.isCommit() ? conversation + "#" + draft.epoch() : key(conversation, seq))
        .append("at", at).append("expiresAt", draft.expiresAt());
    return Reactive.single(messages.insertOne(doc))
        .map(r -> {
          nextSeqHint.merge(conversation, seq + 1, Math::max);
          return new StoredMessage(conversation, seq, draft.sender(), draft.wire(), draft.content(), draft.epoch(),
              draft.data(), draft.to(), at);
        })
        .recover(e -> {
          if (!isDuplicate(e)) {
            return Future.failedFuture(e);
          }
          if (draft.isCommit() && e.getMessage() != null && e.getMessage().contains("epochKey")) {
            return Future.failedFuture(new CommitConflict());
          }
          if (attempt >= MAX_ATTEMPTS) {
            return Future.failedFuture(new IllegalStateException("could not claim a sequence number"));
          }
          return lastSeq(conversation).compose(last -> attempt(conversation, draft, last + 1, attempt + 1));
        });
  }

  /** Highest stored seq, 0 when the log is empty. */
  public Future<Long> lastSeq(String conversation) {
    return Reactive.first(messages.find(range(conversation, 0)).sort(Sorts.descending("_id")).limit(1))
        .map(o -> o.map(d -> d.getLong("seq")).orElse(0L));
  }

  /** Messages with seq greater than afterSeq, in order, at most limit. */
  public Future<List<StoredMessage>> after(String conversation, long afterSeq, int limit) {
    return Reactive.list(messages.find(range(conversation, afterSeq)).sort(Sorts.ascending("_id")).limit(limit))
        .map(docs -> docs.stream().map(StoredMessage::fromDocument).toList());
  }

  /** Whether a commit for this epoch is stored. */
  public Future<Boolean> hasCommit(String conversation, long epoch) {
    return Reactive.first(messages.find(Filters.eq("epochKey", conversation + "#" + epoch)).limit(1))
        .map(Optional::isPresent);
  }

  public Future<Long> deleteConversation(String conversation) {
    nextSeqHint.remove(conversation);
    return Reactive.single(messages.deleteMany(range(conversation, 0))).map(r -> r.getDeletedCount());
  }

  public Future<Long> purgeExpired(Date now) {
    return Reactive.single(messages.deleteMany(Filters.lt("expiresAt", now))).map(r -> r.getDeletedCount());
  }

  private static org.bson.conversions.Bson range(String conversation, long afterSeq) {
    return Filters.and(Filters.gt("_id", key(conversation, afterSeq)), Filters.lt("_id", conversation + "/~"));
  }

  private static boolean isDuplicate(Throwable e) {
    return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
  }
}
