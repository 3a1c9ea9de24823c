package fi.matala.requests;

import fi.matala.audit.AuditLog;
import fi.matala.auth.Role;
import fi.matala.auth.StaffAuth;
import fi.matala.auth.StaffPrincipal;
import fi.matala.chat.queue.QueueRepository;
import fi.matala.chat.ws.OpenLimiter;
import fi.matala.http.ApiException;
import fi.matala.http.JsonBodies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Base64;
import org.bson.Document;

/**
 * Encrypted requests for when nobody can answer now (docs/requests.md). The server validates the
 * shape of the sealed boxes and stores them; it holds no key that opens them.
 */
public final class RequestRoutes {
  private static final String CHANGED = fi.matala.chat.Addresses.REQUESTS_CHANGED;
  private static final int MAX_CIPHERTEXT = 16 * 1024;

  private final Vertx vertx;
  private final RequestStore requests;
  private final InboxKeys keys;
  private final QueueRepository queues;
  private final AuditLog audit;
  private final OpenLimiter limiter;
  private final Duration retention;

  public RequestRoutes(Vertx vertx, RequestStore requests, InboxKeys keys, QueueRepository queues, AuditLog audit,
      OpenLimiter limiter, Duration retention) {
    this.vertx = vertx;
    this.requests = requests;
    this.keys = keys;
    this.queues = queues;
    this.audit = audit;
    this.limiter = limiter;
    this.retention = retention;
  }

  /** The inbox key's admin routes (InboxKeyAdminRoutes) are mounted under the /api/admin/* guard. */
  public void mount(Router router, StaffAuth auth) {
    router.get("/api/public/inbox-key").handler(this::publicKey);
    router.post("/api/public/requests").handler(this::create);
    router.get("/api/public/requests/:lookup").handler(this::status);
    router.delete("/api/public/requests/:lookup").handler(this::delete);
    router.get("/api/inbox-keys").handler(auth.authenticated()).handler(auth.requireAny(Role.WORKER, Role.THERAPIST))
        .handler(this::wrappedKeys);
    router.get("/api/requests").handler(auth.authenticated()).handler(auth.requireAny(Role.WORKER, Role.THERAPIST))
        .handler(this::list);
    router.post("/api/requests/:id/answer").handler(auth.authenticated())
        .handler(auth.requireAny(Role.WORKER, Role.THERAPIST)).handler(this::answer);
  }

  /** Only a key whose certificate from the organisation CA verifies is served (docs/requests.md). */
  private void publicKey(RoutingContext ctx) {
    keys.current().onSuccess(k -> {
      if (k.isEmpty()) {
        ctx.fail(new ApiException(404, "no_inbox_key", "Requests are not set up here"));
      } else {
        JsonBodies.sendJson(ctx, 200, new JsonObject().put("keyId", k.get().keyId()).put("publicKey", k.get().publicKey())
            .put("certificateChain", new JsonArray(keys.certificateChain(k.get())))
            .put("notAfter", k.get().notAfter().toEpochMilli()));
      }
    }).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    String queue = JsonBodies.requiredString(body, "queue", 64);
    String lang = JsonBodies.requiredString(body, "lang", 2);
    if (!lang.equals("fi") && !lang.equals("sv") && !lang.equals("en")) {
      throw ApiException.badRequest("unknown_language", "'lang' must be fi, sv or en");
    }
    String lookup = lookup(JsonBodies.requiredString(body, "lookup", 64));
    String keyId = JsonBodies.requiredString(body, "keyId", 64);
    Document sealed = sealed(body.getValue("sealed"));
    String address = fi.matala.http.ClientAddress.of(ctx);
    if (!limiter.tryOpen(address)) {
      throw new ApiException(429, "rate_limited", "Too many requests from this connection; wait a few minutes");
    }
    Future.all(queues.list(), keys.verifiedById(keyId)).compose(all -> {
      java.util.List<fi.matala.chat.queue.QueueDefinition> qs = all.resultAt(0);
      java.util.Optional<InboxKeys.ServedKey> key = all.resultAt(1);
      if (qs.stream().noneMatch(q -> q.id().equals(queue))) {
        throw ApiException.badRequest("unknown_queue", "No such queue");
      }
      if (key.isEmpty()) {
        throw ApiException.badRequest("unknown_key", "No such inbox key (or its certificate does not verify)");
      }
      return requests.create(queue, lang, lookup, keyId, sealed, retention);
    }).recover(e -> Future.failedFuture(e instanceof RequestStore.DuplicateLookup
        ? new ApiException(409, "duplicate_lookup", "A request with this code exists") : e))
        .onSuccess(id -> {
          vertx.eventBus().publish(CHANGED, new JsonObject());
          JsonBodies.sendJson(ctx, 201, new JsonObject().put("status", "open"));
        }).onFailure(ctx::fail);
  }

  private void status(RoutingContext ctx) {
    String lookup = lookup(ctx.pathParam("lookup"));
    requests.byLookup(lookup).map(r -> {
      Document d = r.orElseThrow(() -> ApiException.notFound("No request with this code (it may have expired)"));
      JsonObject json = new JsonObject().put("status", d.getString("status"))
          .put("createdAt", d.getDate("createdAt").getTime());
      if (d.get("answer") != null) {
        json.put("answer", new JsonObject(d.get("answer", Document.class).toJson()))
            .put("answeredAt", d.getDate("answeredAt").getTime());
      }
      return json;
    }).onSuccess(json -> JsonBodies.sendJson(ctx, 200, json)).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    String lookup = lookup(ctx.pathParam("lookup"));
    requests.deleteByLookup(lookup).onSuccess(deleted -> {
      if (!deleted) {
        ctx.fail(ApiException.notFound("No request with this code"));
      } else {
        vertx.eventBus().publish(CHANGED, new JsonObject());
        ctx.response().setStatusCode(204).end();
      }
    }).onFailure(ctx::fail);
  }

  private void wrappedKeys(RoutingContext ctx) {
    keys.all().onSuccess(all -> {
      JsonArray arr = new JsonArray();
      all.forEach(k -> arr.add(new JsonObject().put("keyId", k.getString("_id")).put("publicKey", k.getString("publicKey"))
          .put("wrappedPrivateKey", new JsonObject(k.get("wrappedPrivateKey", Document.class).toJson()))));
      JsonBodies.sendJson(ctx, 200, new JsonObject().put("keys", arr));
    }).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    StaffPrincipal who = StaffAuth.principal(ctx);
    requests.recent(200)
        .compose(all -> audit.record(who, "requests.list", "requests", null, new Document("count", all.size())).map(v -> all))
        .onSuccess(all -> {
          JsonArray arr = new JsonArray();
          all.forEach(d -> {
            JsonObject r = new JsonObject().put("id", d.getString("_id")).put("queue", d.getString("queue"))
                .put("lang", d.getString("lang")).put("keyId", d.getString("keyId"))
                .put("sealed", new JsonObject(d.get("sealed", Document.class).toJson()))
                .put("status", d.getString("status")).put("createdAt", d.getDate("createdAt").getTime());
            if (d.getDate("answeredAt") != null) {
              r.put("answeredAt", d.getDate("answeredAt").getTime());
            }
            arr.add(r);
          });
          JsonBodies.sendJson(ctx, 200, new JsonObject().put("requests", arr));
        }).onFailure(ctx::fail);
  }

  private void answer(RoutingContext ctx) {
    StaffPrincipal who = StaffAuth.principal(ctx);
    String id = ctx.pathParam("id");
    Document sealed = sealed(JsonBodies.object(ctx).getValue("sealed"));
    requests.answer(id, sealed, who.id()).compose(r -> {
      if (r.isPresent()) {
        return audit.record(who, "request.answer", "request", id, null).map(v -> true);
      }
      return requests.byId(id).map(any -> {
        throw any.isPresent() ? new ApiException(409, "already_answered", "This request has been answered")
            : ApiException.notFound("No such request");
      });
    }).onSuccess(v -> {
      vertx.eventBus().publish(CHANGED, new JsonObject());
      JsonBodies.sendJson(ctx, 200, new JsonObject().put("status", "answered"));
    }).onFailure(ctx::fail);
  }

  /** A lookup is base64url of a SHA-256: 43 characters. */
  static String lookup(String raw) {
    if (raw == null || !raw.matches("[A-Za-z0-9_-]{43}")) {
      throw ApiException.badRequest("invalid_lookup", "The code is not valid");
    }
    return raw;
  }

  /** {"v":1,"epk":b64(32),"iv":b64(12),"ct":b64(≤16 KiB)}; anything else is refused. */
  static Document sealed(Object value) {
    if (!(value instanceof JsonObject s) || !Integer.valueOf(1).equals(s.getValue("v")) || s.size() != 4) {
      throw ApiException.badRequest("invalid_sealed", "'sealed' must be {v:1, epk, iv, ct}");
    }
    bytes(s.getValue("epk"), 32, 32, "sealed.epk");
    bytes(s.getValue("iv"), 12, 12, "sealed.iv");
    bytes(s.getValue("ct"), 17, MAX_CIPHERTEXT, "sealed.ct");
    return new Document("v", 1).append("epk", s.getString("epk")).append("iv", s.getString("iv"))
        .append("ct", s.getString("ct"));
  }

  private static byte[] bytes(Object value, int min, int max, String field) {
    if (!(value instanceof String s) || s.length() > max * 2) {
      throw ApiException.badRequest("invalid_sealed", "'" + field + "' must be base64");
    }
    try {
      byte[] b = Base64.getDecoder().decode(s);
      if (b.length < min || b.length > max) {
        throw ApiException.badRequest("invalid_sealed", "'" + field + "' must be " + min + "-" + max + " bytes");
      }
      return b;
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid_sealed", "'" + field + "' must be base64");
    }
  }
}
