package fi.matala.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.stream.Stream;

/**
 * Security headers on every response. The page's scripts all come from this origin (no inline
 * script), so the CSP can forbid everything else; /widget.js is meant to be embedded in other
 * sites' pages and the chat page in their frames, so the citizen page's frame-ancestors lists the
 * configured embedding sites (MATALA_EMBEDDING_ORIGINS) and nobody else: any other site framing it
 * could dress the chat up as its own or trick a citizen into clicking in it.
 */
public final class SecurityHeaders {
  static final String CSP = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      // 'self' covers the same-origin wss: socket; nothing may leave for another origin
      "connect-src 'self'",
      "media-src 'self' blob: mediastream:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors %s");

  private final String citizenPageAncestors;

  /** {@code embeddingOrigins}: the sites whose pages may frame the citizen page (besides Matala itself). */
  public SecurityHeaders(List<String> embeddingOrigins) {
    this.citizenPageAncestors = String.join(" ",
        Stream.concat(Stream.of("'self'"), embeddingOrigins.stream()).toList());
  }

  public void apply(RoutingContext ctx) {
    HttpServerResponse r = ctx.response();
    String path = ctx.normalizedPath();
    // the citizen page may be framed by municipal sites through /widget.js; staff pages never
    boolean embeddable = path.equals("/") || path.equals("/index.html");
    r.putHeader("Content-Security-Policy", String.format(CSP, embeddable ? citizenPageAncestors : "'none'"));
    r.putHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    r.putHeader("X-Content-Type-Options", "nosniff");
    r.putHeader("Referrer-Policy", "no-referrer");
    r.putHeader("Permissions-Policy", "camera=(self), microphone=(self), geolocation=(), payment=()");
    r.putHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (!embeddable) {
      r.putHeader("X-Frame-Options", "DENY");
    }
    if (path.equals("/widget.js")) {
      // embedded by other origins' pages; CORS (no credentials) lets them pin it with Subresource Integrity
      r.putHeader("Cross-Origin-Resource-Policy", "cross-origin");
      r.putHeader("Access-Control-Allow-Origin", "*");
    } else {
      r.putHeader("Cross-Origin-Resource-Policy", "same-origin");
    }
    ctx.next();
  }
}
