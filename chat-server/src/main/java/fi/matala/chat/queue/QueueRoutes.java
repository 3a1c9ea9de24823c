package fi.matala.chat.queue;

import fi.matala.auth.StaffAuth;
import fi.matala.http.JsonBodies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** GET /api/queues: the configured queues (staff). */
public final class QueueRoutes {
  private final QueueRepository queues;

  public QueueRoutes(QueueRepository queues) {
    this.queues = queues;
  }

  public void mount(Router router, StaffAuth auth) {
    router.get("/api/queues").handler(auth.authenticated()).handler(ctx -> queues.list().onSuccess(list -> {
      JsonArray arr = new JsonArray();
      list.forEach(q -> arr.add(q.toJson()));
      JsonBodies.sendJson(ctx, 200, new JsonObject().put("queues", arr));
    }).onFailure(ctx::fail));
  }
}
