package fi.matala.ops;

import fi.matala.config.EdgeConfig;
import fi.matala.http.ErrorResponses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * GET /metrics (Prometheus text). The figures tell an outsider how busy the service is and how
 * many people are being helped right now, so they are never public: either on the HTTPS port
 * with a bearer token (MATALA_METRICS_TOKEN), or only on a separate plain-HTTP listener meant for
 * an internal network (MATALA_METRICS_PORT, with the token too if one is set). With neither the
 * HTTPS port has no /metrics at all.
 */
public final class MetricsRoutes {
  private final EdgeConfig edge;

  public MetricsRoutes(EdgeConfig edge) {
    this.edge = edge;
  }

  /** On the public HTTPS router: only with a token, and only when there is no separate listener. */
  public void mountPublic(Router router) {
    if (edge.metricsPort().isEmpty() && edge.metricsToken().isPresent()) {
      router.get("/metrics").handler(this::requireToken).handler(PrometheusScrapingHandler.create());
    }
  }

  /** The separate listener, if configured; completes once it listens. */
  public Future<Optional<HttpServer>> startSeparate(Vertx vertx) {
    if (edge.metricsPort().isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    Router router = Router.router(vertx);
    router.get("/metrics").handler(this::requireToken).handler(PrometheusScrapingHandler.create());
    router.route().handler(ctx -> ErrorResponses.send(ctx, 404, "not_found", "Only /metrics is served here"));
    return vertx.createHttpServer().requestHandler(router)
        .listen(edge.metricsPort().get(), edge.metricsHost()).map(Optional::of);
  }

  private void requireToken(RoutingContext ctx) {
    Optional<String> token = edge.metricsToken();
    if (token.isEmpty()) {
      ctx.next();
      return;
    }
    String auth = ctx.request().getHeader("Authorization");
    byte[] given = auth != null && auth.startsWith("Bearer ")
        ? auth.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
    // constant time: the comparison must not tell how much of a guess was right
    if (!MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8))) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ErrorResponses.send(ctx, 401, "unauthorized", "/metrics needs the metrics bearer token");
      return;
    }
    ctx.next();
  }
}
