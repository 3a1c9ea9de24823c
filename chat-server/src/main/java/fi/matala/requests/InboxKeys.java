package fi.matala.requests;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import fi.matala.storage.Database;
import fi.matala.storage.Reactive;
import io.vertx.core.Future;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;

/**
 * The team's request inbox keys (docs/requests.md): the X25519 public key citizens seal requests
 * to, and the private key wrapped with the team's passphrase in an admin's browser. The server
 * cannot unwrap it. Versioned, so that a new key leaves older requests readable.
 */
public final class InboxKeys {
  private final MongoCollection<Document> keys;

  public InboxKeys(Database db) {
    this.keys = db.collection("inbox_keys");
  }

  public Future<String> add(String publicKey, Document wrappedPrivateKey, String createdBy) {
    String id = UUID.randomUUID().toString();
    Document d = new Document("_id", id).append("publicKey", publicKey).append("wrappedPrivateKey", wrappedPrivateKey)
        .append("createdBy", createdBy).append("createdAt", new Date());
    return Reactive.single(keys.insertOne(d)).map(r -> id);
  }

  public Future<Optional<Document>> latest() {
    return Reactive.first(keys.find().sort(Sorts.descending("createdAt")).limit(1));
  }

  public Future<Optional<Document>> byId(String keyId) {
    return Reactive.first(keys.find(new Document("_id", keyId)).limit(1));
  }

  public Future<List<Document>> all() {
    return Reactive.list(keys.find().sort(Sorts.descending("createdAt")));
  }
}
