package fi.matala.chat.ws;

import fi.matala.auth.StaffTokenVerifier;
import fi.matala.chat.ChatException;
import fi.matala.chat.ChatOperations;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket's life cycle: takes in its frames within the limits (size, rate, shape), answers
 * mistakes with error frames and disconnects a client that keeps making them, and hands each
 * frame to the identity the connection has: {@link CitizenFrames} (by conversation secret) or
 * {@link StaffFrames} (by token). A connection must have that identity within the authentication
 * deadline, and one whose client stops reading is closed rather than buffered for without bound
 * ({@link #send}). Runs on one event loop; all state, also theirs, is confined.
 */
final class ChatSocket {
  private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);
  static final int MAX_FRAME_CHARS = 64 * 1024;
  private static final int MAX_BAD_FRAMES_PER_MINUTE = 20;
  /** Close code: not opened, resumed or signed in within MATALA_WS_AUTH_TIMEOUT. */
  static final short CLOSE_AUTH_TIMEOUT = 4408;
  /** Close code: the write queue stayed full for MATALA_WS_SLOW_READER_TIMEOUT, or grew past {@link #MAX_BACKLOG_CHARS}. */
  static final short CLOSE_SLOW_READER = 4413;
  /** What may pile up for a client that does not read, before it is closed at once (frames are small but many). */
  static final long MAX_BACKLOG_CHARS = 4L * 1024 * 1024;
  private static final long SLOW_READER_CLOSE_GRACE_MS = 1000;

  private final ServerWebSocket ws;
  private final Vertx vertx;
  private final CitizenFrames citizen;
  private final StaffFrames staff;
  private final TokenBucket budget = new TokenBucket(30, 10);
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private final SocketGuards guards;
  private final ConnectionCap.Slot slot;
  private final HttpConnection connection;
  private final List<Runnable> whenWritable = new ArrayList<>();
  private long authTimer = -1;
  private long slowReaderTimer = -1;
  /** Characters written since the write queue was last seen full and not yet drained. */
  private long backlogChars;
  private long badFrameWindowStart = System.currentTimeMillis();
  private int badFrames;
  private boolean closed;

  ChatSocket(Vertx vertx, ServerWebSocket ws, ChatOperations chat, StaffTokenVerifier verifier,
      ConnectedStaff connectedStaff, OpenLimiter openLimiter, SocketGuards guards, ConnectionCap.Slot slot,
      HttpConnection connection, String clientAddress) {
    this.vertx = vertx;
    this.ws = ws;
    this.connection = connection;
    this.guards = guards;
    this.slot = slot;
    this.citizen = new CitizenFrames(vertx, this, chat, openLimiter, guards.resumes(), clientAddress);
    this.staff = new StaffFrames(vertx, this, chat, verifier, connectedStaff);
  }

  void start() {
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> bad(null, "binary_not_supported", "Send JSON text frames"));
    ws.exceptionHandler(e -> LOG.debug("WebSocket error: {}", e.toString()));
    ws.closeHandler(v -> onClose());
    ws.drainHandler(v -> onDrain());
    armAuthDeadline(guards.limits().authTimeout().toMillis());
  }

  /** Without an identity in time the socket closes (4408): idle sockets cost memory and a connection slot. */
  private void armAuthDeadline(long millis) {
    authTimer = vertx.setTimer(millis, t -> {
      authTimer = -1;
      if (closed || citizen.authenticated() || staff.authenticated()) {
        return;
      }
      if (citizen.authenticating() || staff.authenticating()) {
        armAuthDeadline(1000); // the server is still checking: its own slowness is not the client's fault
        return;
      }
      ws.close(CLOSE_AUTH_TIMEOUT, "authenticate first");
    });
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
      if (staff.authenticated()) {
        slot.release(); // signed-in staff are limited by their accounts, not by their (office's) address
      }
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

  /**
   * Writes a frame. A client that does not read fills the write queue; it may catch up (a slow
   * mobile link), but if the queue stays full for MATALA_WS_SLOW_READER_TIMEOUT, or what is
   * waiting for it grows past {@link #MAX_BACKLOG_CHARS}, the connection is closed (4413): its
   * client resumes from the message log when it reconnects, nothing is lost. The conversation
   * feed stops sending while the queue is full ({@link #writeQueueFull}, {@link #whenWritable}),
   * so a long history does not count against a client that reads.
   */
  void send(JsonObject frame) {
    if (closed || ws.isClosed()) {
      return;
    }
    String text = frame.encode();
    ws.writeTextMessage(text);
    if (writeQueueFull()) {
      backlogged(text.length());
    }
  }

  private void backlogged(int chars) {
    backlogChars += chars;
    if (backlogChars > MAX_BACKLOG_CHARS) {
      closeSlowReader();
      return;
    }
    if (slowReaderTimer < 0) {
      slowReaderTimer = vertx.setTimer(guards.limits().slowReaderTimeout().toMillis(), t -> {
        slowReaderTimer = -1;
        if (writeQueueFull()) {
          closeSlowReader();
        }
      });
    }
  }

  /**
   * A close frame waits behind the backlog, and Vert.x starts the closing handshake's timeout only
   * once it has been written, so for a client that does not read the close would never finish:
   * after a moment for the close frame to get through, the TCP connection itself is closed and its
   * buffers freed. Vert.x has no public call for that on an upgraded connection; the connection
   * object of the upgraded request still owns the channel (an internal class: checked, with the
   * public, graceful close as the fallback).
   */
  private void closeSlowReader() {
    if (closed || ws.isClosed()) {
      return;
    }
    LOG.debug("Closing a chat WebSocket whose client does not read");
    ws.close(CLOSE_SLOW_READER, "not reading");
    vertx.setTimer(SLOW_READER_CLOSE_GRACE_MS, t -> {
      if (closed) {
        return;
      }
      if (connection instanceof ConnectionBase base) {
        // from the front of the pipeline: past Vert.x's handler, which would only start another closing handshake
        base.channel().pipeline().firstContext().close();
      } else {
        connection.close();
      }
    });
  }

  private void onDrain() {
    backlogChars = 0;
    if (slowReaderTimer >= 0) {
      vertx.cancelTimer(slowReaderTimer);
      slowReaderTimer = -1;
    }
    List<Runnable> waiting = List.copyOf(whenWritable);
    whenWritable.clear();
    waiting.forEach(Runnable::run);
  }

  /** True while the client has not read what was written so far: feeds wait ({@link #whenWritable}). */
  boolean writeQueueFull() {
    return !closed && !ws.isClosed() && ws.writeQueueFull();
  }

  /** Runs once the write queue has room again (at once, on this event loop, if it has now). */
  void whenWritable(Runnable r) {
    if (closed) {
      return;
    }
    if (writeQueueFull()) {
      whenWritable.add(r);
    } else {
      vertx.runOnContext(v -> r.run());
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
    slot.release();
    whenWritable.clear();
    if (authTimer >= 0) {
      vertx.cancelTimer(authTimer);
    }
    if (slowReaderTimer >= 0) {
      vertx.cancelTimer(slowReaderTimer);
    }
    consumers.forEach(MessageConsumer::unregister);
    consumers.clear();
    citizen.close();
    staff.close();
  }
}
