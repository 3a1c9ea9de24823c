package fi.matala.knowledge;

import fi.matala.auth.StaffAuth;
import fi.matala.http.ApiException;
import fi.matala.http.JsonBodies;
import fi.matala.kb.Article;
import fi.matala.kb.Audience;
import fi.matala.kb.KbInputException;
import fi.matala.kb.KnowledgeBank;
import fi.matala.kb.Suggestions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The knowledge bank over HTTP. Search and articles are public (citizen articles only; worker
 * articles too with a staff token); suggestions are for staff. Queries and suggestion text are
 * processed in memory only: nothing here logs or stores them.
 */
public final class KnowledgeRoutes {
  private static final int DEFAULT_LIMIT = 10;

  private final Vertx vertx;
  private final KnowledgeBankHolder kb;
  private final StaffAuth auth;

  public KnowledgeRoutes(Vertx vertx, KnowledgeBankHolder kb, StaffAuth auth) {
    this.vertx = vertx;
    this.kb = kb;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.get("/api/kb/search").handler(this::search);
    router.get("/api/kb/articles/:id").handler(this::article);
    router.post("/api/kb/suggest").handler(auth.authenticated()).handler(this::suggest);
  }

  private void search(RoutingContext ctx) {
    String q = ctx.request().getParam("q", "");
    String lang = ctx.request().getParam("lang", "fi");
    int limit = limit(ctx.request().getParam("limit"));
    audience(ctx)
        .compose(a -> lucene(bank -> bank.search(q, lang, limit, a)))
        .map(hits -> {
          JsonArray arr = new JsonArray();
          hits.forEach(h -> arr.add(new JsonObject().put("id", h.id()).put("title", h.title())
              .put("summary", h.summary()).put("lang", h.lang()).put("score", h.score())));
          return new JsonObject().put("hits", arr);
        })
        .onSuccess(json -> JsonBodies.sendJson(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void article(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    audience(ctx)
        .compose(a -> lucene(bank -> bank.article(id, a)))
        .map(found -> found.map(KnowledgeRoutes::toJson)
            .orElseThrow(() -> ApiException.notFound("No such article")))
        .onSuccess(json -> JsonBodies.sendJson(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void suggest(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    // browsers send CRLF line ends from text areas; the knowledge bank accepts only \n
    String text = JsonBodies.requiredString(body, "text", 100_000).replace("\r\n", "\n").replace('\r', '\n');
    String lang = JsonBodies.optionalString(body, "lang", 8).orElse("fi");
    Object limitValue = body.getValue("limit");
    if (limitValue != null && !(limitValue instanceof Integer)) {
      throw ApiException.badRequest(KbInputException.BAD_LIMIT, "'limit' must be a whole number 1-50");
    }
    int limit = limitValue == null ? 5 : (Integer) limitValue;
    lucene(bank -> bank.suggest(text, lang, limit))
        .map(KnowledgeRoutes::toJson)
        .onSuccess(json -> JsonBodies.sendJson(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** Citizen unless a valid staff token comes along; an expired token is a 401 so staff notice. */
  private Future<Audience> audience(RoutingContext ctx) {
    return auth.optional(ctx).map(p -> p.isPresent() ? Audience.STAFF : Audience.CITIZEN);
  }

  /** Runs a Lucene call off the event loop and turns bad input into a 400. */
  private <T> Future<T> lucene(java.util.function.Function<KnowledgeBank, T> call) {
    return kb.get().compose(bank -> vertx.<T>executeBlocking(() -> call.apply(bank), false)).recover(e -> Future.failedFuture(e instanceof KbInputException k
        ? ApiException.badRequest(k.code(), k.getMessage()) : e));
  }

  private static int limit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(KbInputException.BAD_LIMIT, "'limit' must be a whole number 1-50");
    }
  }

  static JsonObject toJson(Article a) {
    return new JsonObject().put("id", a.id()).put("lang", a.lang()).put("group", a.group()).put("title", a.title())
        .put("audience", new JsonArray(a.audience())).put("topics", new JsonArray(a.topics()))
        .put("summary", a.summary()).put("bodyHtml", a.bodyHtml()).put("reply", a.reply());
  }

  static JsonObject toJson(Suggestions s) {
    JsonArray arr = new JsonArray();
    s.suggestions().forEach(x -> arr.add(new JsonObject().put("id", x.id()).put("title", x.title())
        .put("reply", x.reply()).put("score", x.score())));
    return new JsonObject().put("suggestions", arr).put("risk", s.risk());
  }
}
