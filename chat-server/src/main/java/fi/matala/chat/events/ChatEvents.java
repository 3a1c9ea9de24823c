package fi.matala.chat.events;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import fi.matala.storage.Database;
import fi.matala.storage.Reactive;
import io.vertx.core.Future;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What happened to chats, recorded as it happens, for supervisors' statistics: queued, taken,
 * transferred, ended. Never content, never who the citizen is; the conversation id links the
 * events of one chat while it exists, and is removed when the chat is deleted or its events are
 * older than the retention period: the events then stay as anonymous counts (type, queue, time,
 * wait, duration, outcome).
 */
public final class ChatEvents {
  public enum Type { QUEUED, TAKEN, TRANSFERRED, ENDED }

  private final MongoCollection<Document> events;

  public ChatEvents(Database db) {
    this.events = db.collection("chat_events");
  }

  public Future<Void> createIndexes() {
    return Reactive.single(events.createIndex(Indexes.ascending("queue", "type", "at")))
        .compose(i -> Reactive.single(events.createIndex(Indexes.ascending("conversation"))))
        .mapEmpty();
  }

  /** Records an event; without a conversation (null) it is an anonymous count from the start. */
  public Future<Void> record(Type type, String conversation, String queue, Document details) {
    Document d = new Document("_id", UUID.randomUUID().toString()).append("type", type.name().toLowerCase());
    if (conversation != null) {
      d.append("conversation", conversation);
    }
    d.append("queue", queue).append("at", new Date());
    if (details != null) {
      d.putAll(details);
    }
    return Reactive.single(events.insertOne(d)).mapEmpty();
  }

  /** Removes the conversation's id from its events (it was deleted); the number of events changed. */
  public Future<Long> forget(String conversation) {
    return unsetConversation(Filters.eq("conversation", conversation));
  }

  /** Removes conversation ids from events that happened before the cutoff (the retention period). */
  public Future<Long> forgetBefore(Date cutoff) {
    return unsetConversation(Filters.and(Filters.lt("at", cutoff), Filters.exists("conversation")));
  }

  private Future<Long> unsetConversation(Bson filter) {
    return Reactive.single(events.updateMany(filter, Updates.unset("conversation"))).map(r -> r.getModifiedCount());
  }

  /** The most recent "taken" events of a queue (for wait estimates). */
  public Future<List<Document>> recentTaken(String queue, Date since) {
    return Reactive.list(events.find(Filters.and(Filters.eq("queue", queue), Filters.eq("type", "taken"),
        Filters.gt("at", since))));
  }
}
