package fi.matala.chat;

import io.vertx.core.json.JsonObject;

/** A chat request refused for a reason the client can act on; becomes an `error` frame. */
public final class ChatException extends RuntimeException {
  private final String code;
  private final JsonObject extra;

  public ChatException(String code, String message) {
    this(code, message, null);
  }

  public ChatException(String code, String message, JsonObject extra) {
    super(message, null, false, false);
    this.code = code;
    this.extra = extra;
  }

  public String code() {
    return code;
  }

  public JsonObject extra() {
    return extra;
  }
}
