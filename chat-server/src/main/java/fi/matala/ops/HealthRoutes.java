package fi.matala.ops;

import fi.matala.http.JsonBodies;
import fi.matala.storage.Database;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Duration;

/** GET /health: UP only when the database answers a ping within two seconds. */
public final class HealthRoutes {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final Database db;

  public HealthRoutes(Database db) {
    this.db = db;
  }

  public void mount(Router router) {
    router.get("/health").handler(ctx -> db.ping()
        .timeout(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .onSuccess(v -> JsonBodies.sendJson(ctx, 200,
            new JsonObject().put("status", "UP").put("database", "UP")))
        .onFailure(e -> JsonBodies.sendJson(ctx, 503,
            new JsonObject().put("status", "DOWN").put("database", "DOWN")
                .put("error", "database_unavailable").put("message", "The database does not answer"))));
  }
}
