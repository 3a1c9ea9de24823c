package fi.matala.storage;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The one handle to MongoDB. Acknowledged writes mean durable writes: write concern majority
 * with journal on a real replica set, and the embedded default commits before it answers. The
 * same code path serves both.
 */
public final class Database implements AutoCloseable {
  private final MongoClient client;
  private final MongoDatabase db;

  private Database(MongoClient client, MongoDatabase db) {
    this.client = client;
    this.db = db;
  }

  public static Database connect(String uri, String databaseName) {
    MongoClientSettings settings = MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(uri))
        .writeConcern(WriteConcern.MAJORITY.withJournal(true))
        .readConcern(ReadConcern.MAJORITY)
        .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
        .applyToSocketSettings(b -> b.connectTimeout(5, TimeUnit.SECONDS))
        .applicationName("matala")
        .build();
    MongoClient client = MongoClients.create(settings);
    return new Database(client, client.getDatabase(databaseName));
  }

  public MongoCollection<Document> collection(String name) {
    return db.getCollection(name);
  }

  /** Round trip to the database; used by the health check. */
  public Future<Void> ping() {
    return Reactive.single(db.runCommand(new Document("ping", 1))).mapEmpty();
  }

  @Override
  public void close() {
    client.close();
  }
}
