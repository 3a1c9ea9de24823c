package fi.matala.e2ee;

import fi.matala.crypto.Sha256;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The web client's HTML documents, served with this installation's organisation root written
 * into them ({@code <meta name="matala-org-root">}). The root thus arrives with the page that
 * loads the encryption code instead of being asked of the API at run time (docs/e2ee.md): the
 * delivery service the encryption protects against cannot hand a chat a different root.
 *
 * <p>A deployment may pin the root into the scripts at build time instead
 * ({@code VITE_MATALA_ORG_ROOT}); the build then records the root's SHA-256 in
 * {@code webroot/org-root.sha256} and start-up refuses a data directory whose CA does not match
 * it, so a misconfigured pair fails loudly instead of every chat failing for citizens.
 */
public final class RootStampedPages {
  static final String PLACEHOLDER = "<meta name=\"matala-org-root\" content=\"\"";
  static final String PIN_RESOURCE = "webroot/org-root.sha256";
  /** Request path → classpath resource of the HTML document served for it. */
  private static final Map<String, String> PAGES = new LinkedHashMap<>();

  static {
    PAGES.put("/", "webroot/index.html");
    PAGES.put("/index.html", "webroot/index.html");
    PAGES.put("/staff/", "webroot/staff/index.html");
    PAGES.put("/staff/index.html", "webroot/staff/index.html");
  }

  private final Map<String, Page> byPath = new LinkedHashMap<>();

  private record Page(Buffer body, String etag) {}

  private RootStampedPages() {}

  /** Reads and stamps the pages (blocking: call at start-up, off the event loop). */
  public static RootStampedPages load(byte[] rootDer) {
    checkPin(readResource(PIN_RESOURCE).map(b -> new String(b, StandardCharsets.US_ASCII).trim()), rootDer);
    RootStampedPages pages = new RootStampedPages();
    Map<String, Page> stamped = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : PAGES.entrySet()) {
      Page page = stamped.computeIfAbsent(e.getValue(), resource -> {
        String html = readResource(resource).map(b -> new String(b, StandardCharsets.UTF_8))
            .orElseThrow(() -> new IllegalStateException("the web client is missing from the build: " + resource));
        Buffer body = Buffer.buffer(stamp(html, rootDer, resource), "UTF-8");
        return new Page(body, "\"" + Sha256.hex(body.getBytes()).substring(0, 32) + "\"");
      });
      pages.byPath.put(e.getKey(), page);
    }
    return pages;
  }

  /** Writes the root (base64 DER) into the document's placeholder; a document without one is a broken build. */
  static String stamp(String html, byte[] rootDer, String name) {
    int at = html.indexOf(PLACEHOLDER);
    if (at < 0 || html.indexOf(PLACEHOLDER, at + 1) >= 0) {
      throw new IllegalStateException(name + " must contain exactly one " + PLACEHOLDER + ">");
    }
    String value = Base64.getEncoder().encodeToString(rootDer);
    return html.substring(0, at) + "<meta name=\"matala-org-root\" content=\"" + value + "\""
        + html.substring(at + PLACEHOLDER.length());
  }

  /** A bundle built with a pinned root works only with that root's CA. */
  static void checkPin(Optional<String> pinnedSha256Hex, byte[] rootDer) {
    if (pinnedSha256Hex.isEmpty()) {
      return;
    }
    String actual = Sha256.hex(rootDer);
    if (!actual.equalsIgnoreCase(pinnedSha256Hex.get())) {
      throw new IllegalStateException("the web client was built with a pinned organisation root (SHA-256 "
          + pinnedSha256Hex.get() + ") but this data directory's org-ca/root.pem is " + actual
          + "; rebuild with this root (docs/operations.md) or start with the data directory that holds the pinned one");
    }
  }

  public void mount(Router router) {
    for (String path : byPath.keySet()) {
      router.get(path).handler(this::serve);
      router.head(path).handler(this::serve);
    }
  }

  private void serve(RoutingContext ctx) {
    Page page = byPath.get(ctx.normalizedPath());
    if (page == null) {
      ctx.next();
      return;
    }
    var response = ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        // always revalidated: a new build or root must reach the next page load
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader(HttpHeaders.ETAG, page.etag());
    if (page.etag().equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      response.setStatusCode(304).end();
    } else if (ctx.request().method().name().equals("HEAD")) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(page.body().length())).end();
    } else {
      response.end(page.body());
    }
  }

  private static Optional<byte[]> readResource(String name) {
    ClassLoader loader = RootStampedPages.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
