package fi.matala.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A real WebSocket client for protocol tests: records every frame and waits for the ones asked for. */
public final class WsClient implements AutoCloseable {
  private final WebSocketClient client;
  private final WebSocket ws;
  private final LinkedBlockingDeque<JsonObject> frames = new LinkedBlockingDeque<>();
  private final List<JsonObject> all = new ArrayList<>();
  private final AtomicInteger rids = new AtomicInteger();
  private volatile boolean closed;
  private volatile Short closeStatus;
  private volatile String closeReason;
  private final java.util.concurrent.CountDownLatch closedLatch = new java.util.concurrent.CountDownLatch(1);

  private WsClient(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(t -> {
      JsonObject f = new JsonObject(t);
      synchronized (all) {
        all.add(f);
      }
      frames.add(f);
    });
    ws.closeHandler(v -> {
      closeStatus = ws.closeStatusCode();
      closeReason = ws.closeReason();
      closed = true;
      closedLatch.countDown();
    });
  }

  public static WsClient connect(Vertx vertx, int port) {
    return connect(vertx, port, Map.of());
  }

  /** With these extra handshake headers (e.g. Origin, or X-Forwarded-For as if from a proxy). */
  public static WsClient connect(Vertx vertx, int port, Map<String, String> headers) {
    return connect(newClient(vertx), port, headers);
  }

  /**
   * A client on a thin link: a 16 KiB socket receive buffer, so that what it does not read piles
   * up on the server soon (loopback buffers would otherwise take in megabytes).
   */
  public static WsClient connectWithSmallReceiveBuffer(Vertx vertx, int port) {
    return connect(vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setTrustAll(true)
        .setVerifyHost(false).setMaxMessageSize(1024 * 1024).setMaxFrameSize(1024 * 1024)
        .setReceiveBufferSize(16 * 1024)), port, Map.of());
  }

  private static WsClient connect(WebSocketClient client, int port, Map<String, String> headers) {
    try {
      WebSocket ws = TestServer.await(client.connect(connectOptions(port, headers)));
      return new WsClient(client, ws);
    } catch (AssertionError e) {
      client.close();
      throw e;
    }
  }

  /** Expects the server to refuse the upgrade; returns the refusal (HTTP status and JSON body). */
  public static UpgradeRejectedException refused(Vertx vertx, int port, Map<String, String> headers) {
    WebSocketClient client = newClient(vertx);
    try {
      client.connect(connectOptions(port, headers)).await(10, TimeUnit.SECONDS).close();
    } catch (UpgradeRejectedException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a refused upgrade, got " + e, e);
    } finally {
      client.close();
    }
    throw new AssertionError("the server accepted the WebSocket");
  }

  private static WebSocketClient newClient(Vertx vertx) {
    return vertx.createWebSocketClient(new WebSocketClientOptions()
        .setSsl(true).setTrustAll(true).setVerifyHost(false).setMaxMessageSize(1024 * 1024).setMaxFrameSize(1024 * 1024));
  }

  private static WebSocketConnectOptions connectOptions(int port, Map<String, String> headers) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/ws").setSsl(true);
    // a given Origin replaces the client's default one (the handshake adds its own only if there is none)
    headers.forEach(options::addHeader);
    return options;
  }

  /** Stops reading from the socket (like a client that hangs): what the server sends piles up. */
  public void pauseReading() {
    ws.pause();
  }

  /** Reads this many more frames, then stops again (like a client on a slow link). */
  public void fetch(long frames) {
    ws.fetch(frames);
  }

  public void send(JsonObject frame) {
    TestServer.await(ws.writeTextMessage(frame.encode()));
  }

  public void sendRaw(String text) {
    TestServer.await(ws.writeTextMessage(text));
  }

  public void sendBinary(byte[] data) {
    TestServer.await(ws.writeBinaryMessage(Buffer.buffer(data)));
  }

  /** Sends with a fresh rid and returns the answer to it (reply or error). */
  public JsonObject request(JsonObject frame) {
    String rid = "r" + rids.incrementAndGet();
    send(frame.copy().put("rid", rid));
    return expect(f -> rid.equals(f.getString("rid")), "answer to " + frame.getString("type"));
  }

  /** The next frame (in arrival order) of this type; earlier frames of other types stay queued. */
  public JsonObject expect(String type) {
    return expect(f -> type.equals(f.getString("type")), type);
  }

  public JsonObject expect(Predicate<JsonObject> match, String what) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      synchronized (frames) {
        Iterator<JsonObject> it = frames.iterator();
        while (it.hasNext()) {
          JsonObject f = it.next();
          if (match.test(f)) {
            it.remove();
            return f;
          }
        }
      }
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        List<JsonObject> seen = snapshot();
        throw new AssertionError("no " + what + " within 10 s; last frames: "
            + seen.subList(Math.max(0, seen.size() - 5), seen.size()));
      }
      try {
        Thread.sleep(Math.min(left, 20));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Frames of this type received so far that nobody expected yet, after waiting a moment for stragglers. */
  public List<JsonObject> drain(String type, long waitMillis) {
    try {
      TimeUnit.MILLISECONDS.sleep(waitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<JsonObject> out = new ArrayList<>();
    synchronized (frames) {
      frames.removeIf(f -> {
        if (type.equals(f.getString("type"))) {
          out.add(f);
          return true;
        }
        return false;
      });
    }
    return out;
  }

  public List<JsonObject> snapshot() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  public boolean isClosed() {
    return closed;
  }

  public Short closeStatus() {
    return closeStatus;
  }

  public String closeReason() {
    return closeReason;
  }

  /** Waits at most this long for the server to close the connection; its close status, or null while still open. */
  public Short awaitClose(long timeoutMillis) {
    try {
      closedLatch.await(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return closeStatus;
  }

  @Override
  public void close() {
    if (!closed) {
      TestServer.await(ws.close());
    }
    client.close();
  }
}
