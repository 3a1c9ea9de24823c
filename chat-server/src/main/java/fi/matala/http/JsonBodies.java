package fi.matala.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads request bodies as JSON objects and typed fields, refusing anything that could be
 * mistaken for a MongoDB operator ($-prefixed or dotted keys) before it reaches a query.
 */
public final class JsonBodies {
  private static final int MAX_DEPTH = 16;

  private JsonBodies() {}

  public static JsonObject object(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "unsupported_media_type", "Send JSON with Content-Type: application/json");
    }
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiException.badRequest("empty_body", "The request body is empty");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(body);
    } catch (DecodeException e) {
      throw ApiException.badRequest("malformed_json", "The request body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject obj)) {
      throw ApiException.badRequest("malformed_json", "The request body must be a JSON object");
    }
    rejectOperatorKeys(obj.getMap(), 0);
    return obj;
  }

  @SuppressWarnings("unchecked")
  private static void rejectOperatorKeys(Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw ApiException.badRequest("too_deep", "The JSON is nested too deeply");
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (key.startsWith("$") || key.contains(".") || key.indexOf('\0') >= 0) {
          throw ApiException.badRequest("forbidden_key", "Keys may not start with '$' or contain '.'");
        }
        rejectOperatorKeys(e.getValue(), depth + 1);
      }
    } else if (value instanceof JsonObject obj) {
      rejectOperatorKeys(obj.getMap(), depth);
    } else if (value instanceof List<?> list) {
      for (Object o : list) {
        rejectOperatorKeys(o, depth + 1);
      }
    } else if (value instanceof JsonArray arr) {
      rejectOperatorKeys(arr.getList(), depth);
    }
  }

  public static String requiredString(JsonObject body, String field, int maxLength) {
    return optionalString(body, field, maxLength)
        .orElseThrow(() -> ApiException.badRequest("missing_field", "'" + field + "' is required"));
  }

  public static Optional<String> optionalString(JsonObject body, String field, int maxLength) {
    Object v = body.getValue(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s)) {
      throw ApiException.badRequest("wrong_type", "'" + field + "' must be a string");
    }
    if (s.length() > maxLength) {
      throw ApiException.badRequest("too_long", "'" + field + "' may be at most " + maxLength + " characters");
    }
    return Optional.of(s);
  }

  public static Optional<Boolean> optionalBoolean(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Boolean b)) {
      throw ApiException.badRequest("wrong_type", "'" + field + "' must be true or false");
    }
    return Optional.of(b);
  }

  public static Optional<List<String>> optionalStringList(JsonObject body, String field, int maxItems) {
    Object v = body.getValue(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof JsonArray arr) || arr.size() > maxItems) {
      throw ApiException.badRequest("wrong_type", "'" + field + "' must be a list of at most " + maxItems + " strings");
    }
    for (Object o : arr) {
      if (!(o instanceof String)) {
        throw ApiException.badRequest("wrong_type", "'" + field + "' must contain only strings");
      }
    }
    @SuppressWarnings("unchecked")
    List<String> list = (List<String>) (List<?>) arr.getList();
    return Optional.of(List.copyOf(list));
  }

  public static void sendJson(RoutingContext ctx, int status, Object json) {
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(json instanceof JsonObject o ? o.encode() : io.vertx.core.json.Json.encode(json));
  }
}
