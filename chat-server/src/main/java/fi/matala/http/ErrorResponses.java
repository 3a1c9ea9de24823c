package fi.matala.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a JSON error {"error":code,"message":...}. Unexpected exceptions are
 * logged with a reference id and answered with a 500 that carries no internals.
 */
public final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  public static void send(RoutingContext ctx, int status, String code, String message) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response.setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("error", code).put("message", message).encode());
  }

  /** The router's failure handler. */
  public static void handleFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      send(ctx, api.status(), api.code(), api.getMessage());
      return;
    }
    if (failure instanceof HttpException http) {
      send(ctx, http.getStatusCode(), codeFor(http.getStatusCode()), messageFor(http.getStatusCode()));
      return;
    }
    int status = ctx.statusCode();
    if (failure == null && status >= 400 && status < 500) {
      send(ctx, status, codeFor(status), messageFor(status));
      return;
    }
    String ref = Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt());
    LOG.error("Unexpected failure (ref {}) on {} {}", ref, ctx.request().method(), ctx.normalizedPath(), failure);
    send(ctx, 500, "internal_error", "Something went wrong on the server (reference " + ref + ")");
  }

  static String codeFor(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "body_too_large";
      case 415 -> "unsupported_media_type";
      case 429 -> "rate_limited";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal_error" : "bad_request";
    };
  }

  static String messageFor(int status) {
    return switch (status) {
      case 400 -> "The request is malformed";
      case 401 -> "Sign-in required";
      case 403 -> "Not allowed for your role";
      case 404 -> "No such resource";
      case 405 -> "Method not allowed here";
      case 413 -> "The request body is too large";
      case 415 -> "Send JSON with Content-Type: application/json";
      case 429 -> "Too many requests";
      case 503 -> "The server could not answer in time; try again";
      default -> status >= 500 ? "Something went wrong on the server" : "The request is malformed";
    };
  }
}
