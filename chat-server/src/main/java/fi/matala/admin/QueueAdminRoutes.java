package fi.matala.admin;

import fi.matala.audit.AuditLog;
import fi.matala.auth.StaffAuth;
import fi.matala.auth.StaffPrincipal;
import fi.matala.chat.queue.OpeningHours;
import fi.matala.chat.queue.QueueFigures;
import fi.matala.chat.queue.QueueRepository;
import fi.matala.http.ApiException;
import fi.matala.http.JsonBodies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * PATCH /api/admin/queues/{id} (admin): a queue's weight in "take next" ({@code priority}, higher
 * first) and its opening hours ({@code openingHours}: null for always, or
 * {"tz":"Europe/Helsinki","ranges":[{"days":[1,2,3,4,5],"from":"08:00","to":"16:00"}]}). Audited.
 */
public final class QueueAdminRoutes {
  private final QueueRepository queues;
  private final QueueFigures figures;
  private final AuditLog audit;

  public QueueAdminRoutes(QueueRepository queues, QueueFigures figures, AuditLog audit) {
    this.queues = queues;
    this.figures = figures;
    this.audit = audit;
  }

  /** Mounted behind the admin guard of /api/admin/* (HttpServerVerticle). */
  public void mount(Router router) {
    router.patch("/api/admin/queues/:id").handler(this::update);
  }

  private void update(RoutingContext ctx) {
    StaffPrincipal admin = StaffAuth.principal(ctx);
    String id = ctx.pathParam("id");
    JsonObject body = JsonBodies.object(ctx);
    Optional<Integer> priority = Optional.empty();
    if (body.containsKey("priority")) {
      if (!(body.getValue("priority") instanceof Integer p) || p < -100 || p > 100) {
        throw ApiException.badRequest("invalid_priority", "'priority' must be a whole number from -100 to 100");
      }
      priority = Optional.of(p);
    }
    Optional<OpeningHours> hours = body.containsKey("openingHours")
        ? Optional.of(hours(body.getValue("openingHours"))) : Optional.empty();
    if (priority.isEmpty() && hours.isEmpty()) {
      throw ApiException.badRequest("nothing_to_change", "Give priority or openingHours");
    }
    Document change = new Document();
    priority.ifPresent(p -> change.append("priority", p));
    hours.ifPresent(h -> change.append("hours", h.toDocument()));
    queues.update(id, priority, hours)
        .compose(q -> q.isEmpty() ? io.vertx.core.Future.failedFuture(ApiException.notFound("No such queue"))
            : audit.record(admin, "queue.update", "queue", id, change).map(v -> q.get()))
        .onSuccess(q -> {
          figures.changed();
          JsonBodies.sendJson(ctx, 200, q.toJson());
        })
        .onFailure(ctx::fail);
  }

  static OpeningHours hours(Object value) {
    if (value == null) {
      return OpeningHours.ALWAYS;
    }
    if (!(value instanceof JsonObject json)) {
      throw ApiException.badRequest("invalid_hours", "'openingHours' must be null or an object");
    }
    try {
      ZoneId zone = ZoneId.of(json.getString("tz", "Europe/Helsinki"));
      JsonArray ranges = json.getJsonArray("ranges", new JsonArray());
      if (ranges.size() > 28) {
        throw ApiException.badRequest("invalid_hours", "At most 28 ranges");
      }
      List<OpeningHours.Range> list = new ArrayList<>();
      for (Object o : ranges) {
        JsonObject r = (JsonObject) o;
        Set<DayOfWeek> days = new HashSet<>();
        for (Object d : r.getJsonArray("days")) {
          days.add(DayOfWeek.of((Integer) d));
        }
        LocalTime from = LocalTime.parse(r.getString("from"));
        LocalTime to = LocalTime.parse(r.getString("to"));
        if (days.isEmpty() || !from.isBefore(to)) {
          throw ApiException.badRequest("invalid_hours", "Each range needs days and from < to");
        }
        list.add(new OpeningHours.Range(Set.copyOf(days), from, to));
      }
      return new OpeningHours(zone, List.copyOf(list));
    } catch (DateTimeException | ClassCastException | NullPointerException e) {
      throw ApiException.badRequest("invalid_hours",
          "openingHours: {\"tz\":\"Europe/Helsinki\",\"ranges\":[{\"days\":[1..7],\"from\":\"HH:MM\",\"to\":\"HH:MM\"}]}");
    }
  }
}
