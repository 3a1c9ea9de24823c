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

  public Future<Void> insert(QueueDefinition q) {
    return Reactive.single(queues.insertOne(q.toDocument())).mapEmpty();
  }
}
