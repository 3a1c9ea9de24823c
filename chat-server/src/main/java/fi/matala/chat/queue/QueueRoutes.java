package fi.matala.chat.queue;

import fi.matala.auth.StaffAuth;
import fi.matala.http.JsonBodies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * GET /api/queues (staff): the configured queues.
 * GET /api/public/queues (anyone): the topics a citizen can pick, each with whether it is open now
 * and how many wait, so the page can say honestly when nobody can answer.
 */
public final class QueueRoutes {
  private final QueueRepository queues;
  private final QueueFigures figures;
  private final int maxWaiting;

  public QueueRoutes(QueueRepository queues, QueueFigures figures, int maxWaiting) {
    this.queues = queues;
    this.figures = figures;
    this.maxWaiting = maxWaiting;
  }

  public void mount(Router router, StaffAuth auth) {
    router.get("/api/queues").handler(auth.authenticated()).handler(ctx -> queues.list().onSuccess(list -> {
      JsonArray arr = new JsonArray();
      list.forEach(q -> arr.add(q.toJson()));
      JsonBodies.sendJson(ctx, 200, new JsonObject().put("queues", arr));
    }).onFailure(ctx::fail));
    router.get("/api/public/queues").handler(this::publicList);
  }

  private void publicList(RoutingContext ctx) {
    Instant now = Instant.now();
    queues.list().compose(list -> figures.compute().map(fig -> {
      JsonArray arr = new JsonArray();
      for (QueueDefinition q : list) {
        JsonObject f = fig.getJsonArray("queues").stream().map(o -> (JsonObject) o)
            .filter(o -> o.getString("id").equals(q.id())).findFirst().orElse(new JsonObject());
        int waiting = f.getInteger("waiting", 0);
        String status = !q.hours().isOpen(now) ? "closed" : waiting >= maxWaiting ? "full" : "open";
        arr.add(new JsonObject().put("id", q.id()).put("name", q.toJson().getJsonObject("name"))
            .put("description", q.toJson().getJsonObject("description")).put("status", status)
            .put("waiting", waiting).put("openingHours", q.toJson().getJsonObject("openingHours")));
      }
      return new JsonObject().put("queues", arr);
    })).onSuccess(json -> JsonBodies.sendJson(ctx, 200, json)).onFailure(ctx::fail);
  }
}
