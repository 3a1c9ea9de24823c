package fi.matala.chat.queue;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import fi.matala.storage.Database;
import fi.matala.storage.Reactive;
import io.vertx.core.Future;
import java.util.List;
import org.bson.Document;

/** Queue definitions in the "queues" collection. */
public final class QueueRepository {
  private final MongoCollection<Document> queues;

  public QueueRepository(Database db) {
    this.queues = db.collection("queues");
  }

  public Future<List<QueueDefinition>> list() {
    return Reactive.list(queues.find().sort(Sorts.ascending("_id")))
        .map(docs -> docs.stream().map(QueueDefinition::fromDocument).toList());
  }

  /** Changes priority and/or opening hours atomically; empty when there is no such queue. */
  public Future<java.util.Optional<QueueDefinition>> update(String id, java.util.Optional<Integer> priority,
      java.util.Optional<OpeningHours> hours) {
    java.util.List<org.bson.conversions.Bson> sets = new java.util.ArrayList<>();
    priority.ifPresent(p -> sets.add(com.mongodb.client.model.Updates.set("priority", p)));
    hours.ifPresent(h -> sets.add(com.mongodb.client.model.Updates.set("hours", h.always() ? null : h.toDocument())));
    return Reactive.first(queues.findOneAndUpdate(com.mongodb.client.model.Filters.eq("_id", id),
            com.mongodb.client.model.Updates.combine(sets),
            new com.mongodb.client.model.FindOneAndUpdateOptions()
                .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER)))
        .map(o -> o.map(QueueDefinition::fromDocument));
  }

  public Future<Void> insert(QueueDefinition q) {
    return Reactive.single(queues.insertOne(q.toDocument())).mapEmpty();
  }
}
