package fi.matala.chat.ws;

import fi.matala.auth.StaffTokenVerifier;
import fi.matala.chat.ChatException;
import fi.matala.chat.ChatOperations;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket's life cycle: takes in its frames within the limits (size, rate, shape), answers
 * mistakes with error frames and disconnects a client that keeps making them, and hands each
 * frame to the identity the connection has: {@link CitizenFrames} (by conversation secret) or
 * {@link StaffFrames} (by token). Runs on one event loop; all state, also theirs, is confined.
 */
final class ChatSocket {
  private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);
  static final int MAX_FRAME_CHARS = 64 * 1024;
  private static final int MAX_BAD_FRAMES_PER_MINUTE = 20;

  private final ServerWebSocket ws;
  private final Vertx vertx;
  private final CitizenFrames citizen;
  private final StaffFrames staff;
  private final TokenBucket budget = new TokenBucket(30, 10);
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private long badFrameWindowStart = System.currentTimeMillis();
  private int badFrames;
  private boolean closed;

  ChatSocket(Vertx vertx, ServerWebSocket ws, ChatOperations chat, StaffTokenVerifier verifier,
      ConnectedStaff connectedStaff, OpenLimiter openLimiter, String clientAddress) {
    this.vertx = vertx;
    this.ws = ws;
    this.citizen = new CitizenFrames(vertx, this, chat, openLimiter, clientAddress);
    this.staff = new StaffFrames(vertx, this, chat, verifier, connectedStaff);
  }

  void start() {
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> bad(null, "binary_not_supported", "Send JSON text frames"));
    ws.exceptionHandler(e -> LOG.debug("WebSocket error: {}", e.toString()));
    ws.closeHandler(v -> onClose());
  }

  // ---- frames in ----

  private void onText(String text) {
    if (text.length() > MAX_FRAME_CHARS) {
      bad(null, "too_large", "A frame may be at most " + MAX_FRAME_CHARS + " characters");
      return;
    }
    if (!budget.tryTake()) {
      bad(null, "rate_limited", "Too many frames; slow down");
      return;
    }
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      bad(null, "malformed_json", "A frame must be a JSON object");
      return;
    }
    Object ridValue = frame.getValue("rid");
    if (ridValue != null && (!(ridValue instanceof String r) || r.length() > 64)) {
      bad(null, "bad_frame", "'rid' must be a string of at most 64 characters");
      return;
    }
    String rid = (String) ridValue;
    Object typeValue = frame.getValue("type");
    if (!(typeValue instanceof String type)) {
      bad(rid, "bad_frame", "'type' is required");
      return;
    }
    Future<JsonObject> reply;
    try {
      reply = dispatch(type, new Frame(frame));
    } catch (ChatException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(ar -> {
      if (ar.succeeded()) {
        if (ar.result() != null) {
          send(ar.result().put("rid", rid));
        }
      } else if (ar.cause() instanceof ChatException e) {
        bad(rid, e.code(), e.getMessage(), e.extra());
      } else {
        LOG.error("Chat frame '{}' failed", type, ar.cause());
        bad(rid, "internal_error", "The server could not handle this frame; try again");
      }
    });
  }

  /** By identity: none yet (only opening, resuming or signing in), a citizen, or staff. */
  private Future<JsonObject> dispatch(String type, Frame f) {
    if (!citizen.authenticated() && !staff.authenticated()) {
      if (citizen.authenticating() || staff.authenticating()) {
        throw new ChatException("busy", "Authentication is in progress");
      }
      return switch (type) {
        case "citizen.open" -> citizen.open(f);
        case "citizen.resume" -> citizen.resume(f);
        case "staff.auth" -> staff.authenticate(f);
        default -> throw notAllowed(type, "not_authenticated", "Open, resume or authenticate first");
      };
    }
    if (type.equals("citizen.open") || type.equals("citizen.resume") || type.equals("staff.auth")) {
      throw new ChatException("already_authenticated", "This connection is already authenticated");
    }
    return citizen.authenticated() ? citizen.handle(type, f) : staff.handle(type, f);
  }

  /** A frame type this identity may not send: a known one gets the given error, anything else "unknown_type". */
  static ChatException notAllowed(String type, String code, String message) {
    return known(type) ? new ChatException(code, message)
        : new ChatException("unknown_type", "Unknown frame type '" + type + "'");
  }

  private static boolean known(String type) {
    return switch (type) {
      case "citizen.open", "citizen.resume", "citizen.end", "member.refused", "staff.auth", "staff.renew", "msg.send",
          "presence.set",
          "keypackages.upload", "queue.take", "conversation.open", "conversation.transfer", "conversation.join",
          "conversation.leave", "conversation.end" -> true;
      default -> false;
    };
  }

  // ---- for the frame handlers and the feed ----

  /** Listens on the event bus for as long as this connection is open. */
  <T> void consume(String address, Handler<T> handler) {
    MessageConsumer<T> c = vertx.eventBus().consumer(address, msg -> {
      if (!closed) {
        handler.handle(msg.body());
      }
    });
    consumers.add(c);
  }

  void send(JsonObject frame) {
    if (!closed && !ws.isClosed()) {
      ws.writeTextMessage(frame.encode());
    }
  }

  boolean closed() {
    return closed;
  }

  /** Ends the connection with a close code the client acts on (CloseCodes). */
  void close(short code, String reason) {
    if (!closed && !ws.isClosed()) {
      ws.close(code, reason);
    }
  }

  // ---- errors ----

  private void bad(String rid, String code, String message) {
    bad(rid, code, message, null);
  }

  private void bad(String rid, String code, String message, JsonObject extra) {
    JsonObject frame = new JsonObject().put("type", "error").put("error", code).put("message", message);
    if (rid != null) {
      frame.put("rid", rid);
    }
    if (extra != null) {
      frame.mergeIn(extra);
    }
    send(frame);
    long now = System.currentTimeMillis();
    if (now - badFrameWindowStart > 60_000) {
      badFrameWindowStart = now;
      badFrames = 0;
    }
    if (isClientError(code) && ++badFrames > MAX_BAD_FRAMES_PER_MINUTE) {
      ws.close(CloseCodes.TOO_MANY_BAD_FRAMES, "too many bad frames");
    }
  }

  /** Mistakes only a faulty or hostile client makes; a refused operation (e.g. "not_yours") is not one. */
  private static boolean isClientError(String code) {
    return switch (code) {
      case "malformed_json", "bad_frame", "unknown_type", "too_large", "binary_not_supported", "rate_limited",
          "bad_mls", "not_authenticated" -> true;
      default -> false;
    };
  }

  private void onClose() {
    closed = true;
    consumers.forEach(MessageConsumer::unregister);
    consumers.clear();
    citizen.close();
    staff.close();
  }
}
