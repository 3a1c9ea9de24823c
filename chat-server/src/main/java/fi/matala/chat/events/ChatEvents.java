package fi.matala.chat.events;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import fi.matala.storage.Database;
import fi.matala.storage.Reactive;
import io.vertx.core.Future;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/**
 * What happened to chats, recorded as it happens, for supervisors' statistics: queued, taken,
 * transferred, ended. Never content, never who the citizen is; the conversation id links the
 * events of one chat so waits and durations can be computed.
 */
public final class ChatEvents {
  public enum Type { QUEUED, TAKEN, TRANSFERRED, ENDED }

  private final MongoCollection<Document> events;

  public ChatEvents(Database db) {
    this.events = db.collection("chat_events");
  }

  public Future<Void> createIndexes() {
    return Reactive.single(events.createIndex(Indexes.ascending("queue", "type", "at"))).mapEmpty();
  }

  public Future<Void> record(Type type, String conversation, String queue, Document details) {
    Document d = new Document("_id", UUID.randomUUID().toString()).append("type", type.name().toLowerCase())
        .append("conversation", conversation).append("queue", queue).append("at", new Date());
    if (details != null) {
      d.putAll(details);
    }
    return Reactive.single(events.insertOne(d)).mapEmpty();
  }

  /** The most recent "taken" events of a queue (for wait estimates). */
  public Future<List<Document>> recentTaken(String queue, Date since) {
    return Reactive.list(events.find(Filters.and(Filters.eq("queue", queue), Filters.eq("type", "taken"),
        Filters.gt("at", since))));
  }
}
