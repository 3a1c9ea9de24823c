package fi.matala.auth;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import fi.matala.crypto.Sha256;
import fi.matala.storage.Database;
import fi.matala.storage.Reactive;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * Single-use refresh tokens. Only a SHA-256 of each token is stored, so a copy of the database
 * cannot be used to sign in; using a token deletes it atomically (rotation), so a replayed token
 * fails. Expired ones are removed by {@link #purgeExpired()} (the embedded database has no TTL).
 */
public final class RefreshTokens {
  private final MongoCollection<Document> tokens;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();

  public RefreshTokens(Database db, Duration ttl) {
    this.tokens = db.collection("refresh_tokens");
    this.ttl = ttl;
  }

  public Future<String> issue(String staffId) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant now = Instant.now();
    Document doc = new Document("_id", digest(token)).append("staffId", staffId)
        .append("createdAt", Date.from(now)).append("expiresAt", Date.from(now.plus(ttl)));
    return Reactive.single(tokens.insertOne(doc)).map(r -> token);
  }

  /** Consumes the token: the staff id it was issued to, if it was valid and unexpired. */
  public Future<Optional<String>> consume(String token) {
    return Reactive.first(tokens.findOneAndDelete(Filters.eq("_id", digest(token))))
        .map(o -> o.filter(d -> d.getDate("expiresAt").after(new Date())).map(d -> d.getString("staffId")));
  }

  public Future<Long> purgeExpired() {
    return Reactive.single(tokens.deleteMany(Filters.lt("expiresAt", new Date()))).map(r -> r.getDeletedCount());
  }

  private static String digest(String token) {
    return Sha256.base64Url(token);
  }
}
