package fi.matala.knowledge;

import fi.matala.auth.StaffAuth;
import fi.matala.http.ApiException;
import fi.matala.http.JsonBodies;
import fi.matala.kb.Article;
import fi.matala.kb.Audience;
import fi.matala.kb.KbInputException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The knowledge bank over HTTP: the client indexes the browsers search (citizen articles for
 * anyone, every article for staff) and single articles. There is no search or suggestion
 * endpoint: what people search for and what they write in a chat stays on their device; the
 * server learns only which article someone opens.
 */
public final class KnowledgeRoutes {
  private final KnowledgeBankHolder kb;
  private final StaffAuth auth;

  public KnowledgeRoutes(KnowledgeBankHolder kb, StaffAuth auth) {
    this.kb = kb;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.get("/api/kb/index/citizen").handler(ctx -> index(ctx, Audience.CITIZEN));
    router.get("/api/kb/index/staff").handler(auth.authenticated()).handler(ctx -> index(ctx, Audience.STAFF));
    router.get("/api/kb/articles/:id").handler(this::article);
  }

  /**
   * The index, revalidated on every use (ETag = its version): a console reloads it when told
   * of new content, and a citizen's next search gets new content at once. Staff indexes hold
   * worker-only guidance, so they may be kept only by the staff member's own browser.
   */
  private void index(RoutingContext ctx, Audience audience) {
    kb.get().map(bank -> bank.clientIndex(audience)).onSuccess(index -> {
      String etag = "\"" + index.version() + "\"";
      var response = ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
          .putHeader(HttpHeaders.CACHE_CONTROL, audience == Audience.STAFF ? "private, no-cache" : "no-cache")
          .putHeader(HttpHeaders.ETAG, etag)
          // the body depends on Accept-Encoding (pre-compressed or not), never on who asks within an audience
          .putHeader(HttpHeaders.VARY, "Accept-Encoding");
      if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
        response.setStatusCode(304).end();
      } else if (acceptsGzip(ctx)) {
        // compressed once when the index was built: no compression work on this event loop
        response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip").end(Buffer.buffer(index.gzip()));
      } else {
        response.end(Buffer.buffer(index.json()));
      }
    }).onFailure(ctx::fail);
  }

  private static boolean acceptsGzip(RoutingContext ctx) {
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING);
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("gzip");
  }

  private void article(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    audience(ctx)
        .compose(a -> kb.get().map(bank -> bank.article(id, a)))
        .map(found -> found.map(KnowledgeRoutes::toJson)
            .orElseThrow(() -> ApiException.notFound("No such article")))
        .onSuccess(json -> JsonBodies.sendJson(ctx, 200, json))
        .onFailure(e -> ctx.fail(e instanceof KbInputException k ? ApiException.badRequest(k.code(), k.getMessage()) : e));
  }

  /** Citizen unless a valid staff token comes along; an expired token is a 401 so staff notice. */
  private Future<Audience> audience(RoutingContext ctx) {
    return auth.optional(ctx).map(p -> p.isPresent() ? Audience.STAFF : Audience.CITIZEN);
  }

  static JsonObject toJson(Article a) {
    return new JsonObject().put("id", a.id()).put("lang", a.lang()).put("group", a.group()).put("title", a.title())
        .put("audience", new JsonArray(a.audience())).put("topics", new JsonArray(a.topics()))
        .put("summary", a.summary()).put("bodyHtml", a.bodyHtml()).put("reply", a.reply());
  }
}
