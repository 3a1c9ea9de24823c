package fi.matala.chat.ws;

import fi.matala.chat.ChatException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Optional;

/** Typed, validating access to a client frame's fields; every violation is a `bad_frame` error. */
final class Frame {
  private static final String ID = "[a-z0-9][a-z0-9-]{0,63}";
  private static final String TOKEN = "[A-Za-z0-9_-]{1,64}";

  private final JsonObject json;

  Frame(JsonObject json) {
    this.json = json;
  }

  boolean has(String field) {
    return json.getValue(field) != null;
  }

  String rid() {
    return json.getValue("rid") instanceof String s ? s : null;
  }

  String string(String field, int maxLength) {
    Object v = json.getValue(field);
    if (!(v instanceof String s) || s.isEmpty()) {
      throw new ChatException("bad_frame", "'" + field + "' must be a non-empty string");
    }
    if (s.length() > maxLength) {
      throw new ChatException("bad_frame", "'" + field + "' is longer than " + maxLength);
    }
    return s;
  }

  String id(String field) {
    String s = string(field, 64);
    if (!s.matches(ID)) {
      throw new ChatException("bad_frame", "'" + field + "' is not a valid id");
    }
    return s;
  }

  Optional<String> optionalId(String field) {
    return json.getValue(field) == null ? Optional.empty() : Optional.of(id(field));
  }

  String token(String field, int maxLength) {
    String s = string(field, maxLength);
    if (!s.matches(TOKEN)) {
      throw new ChatException("bad_frame", "'" + field + "' has characters outside A-Z a-z 0-9 _ -");
    }
    return s;
  }

  Optional<String> optionalToken(String field, int maxLength) {
    return json.getValue(field) == null ? Optional.empty() : Optional.of(token(field, maxLength));
  }

  String oneOf(String field, String... allowed) {
    String s = string(field, 32);
    for (String a : allowed) {
      if (a.equals(s)) {
        return s;
      }
    }
    throw new ChatException("bad_frame", "'" + field + "' must be one of " + String.join(", ", allowed));
  }

  long seq(String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return 0;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue()) || n.longValue() < 0) {
      throw new ChatException("bad_frame", "'" + field + "' must be a whole number ≥ 0");
    }
    return n.longValue();
  }

  boolean bool(String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return false;
    }
    if (!(v instanceof Boolean b)) {
      throw new ChatException("bad_frame", "'" + field + "' must be true or false");
    }
    return b;
  }

  String base64(String field, int minBytes, int maxBytes) {
    String s = string(field, maxBytes * 2);
    byte[] b;
    try {
      b = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new ChatException("bad_frame", "'" + field + "' is not base64");
    }
    if (b.length < minBytes || b.length > maxBytes) {
      throw new ChatException("bad_frame", "'" + field + "' must be " + minBytes + "-" + maxBytes + " bytes");
    }
    return s;
  }

  JsonArray array(String field, int maxItems) {
    Object v = json.getValue(field);
    if (!(v instanceof JsonArray a) || a.isEmpty() || a.size() > maxItems) {
      throw new ChatException("bad_frame", "'" + field + "' must be a list of 1-" + maxItems + " items");
    }
    return a;
  }
}
