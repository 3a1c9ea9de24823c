package fi.matala.chat.ws;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Locale;

/**
 * Which pages may open the chat WebSocket. A browser lets any site's page open a WebSocket to any
 * server and says which site it was in the Origin header. Only Matala's own pages talk to /ws (the
 * widget frames the Matala page, so even an embedded chat's socket has Matala's origin), so any
 * other origin is refused: a foreign page must not drive a visitor's chat, nor use its visitors'
 * browsers to flood the queues from thousands of addresses. The allowed origins are
 * MATALA_PUBLIC_ORIGIN, or without it the host the request itself names. A request without
 * Origin does not come from a browser page and gains nothing a plain client could not do, so it
 * passes; the other limits apply to it.
 */
public final class SocketOrigins {
  private final List<String> allowed;

  /** {@code publicOrigins}: normalised origins; empty = same origin as the requested host. */
  public SocketOrigins(List<String> publicOrigins) {
    this.allowed = List.copyOf(publicOrigins);
  }

  public boolean allows(HttpServerRequest request) {
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return true;
    }
    String o = origin.trim().toLowerCase(Locale.ROOT);
    if (!allowed.isEmpty()) {
      return allowed.contains(o);
    }
    String host = request.getHeader("Host");
    if (host == null) {
      return false;
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    // the server speaks only HTTPS; a browser leaves the default port out of both headers
    return o.equals("https://" + h) || (h.endsWith(":443") && o.equals("https://" + h.substring(0, h.length() - 4)));
  }
}
