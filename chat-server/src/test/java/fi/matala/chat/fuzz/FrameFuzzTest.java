package fi.matala.chat.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fi.matala.support.ChatSetup;
import fi.matala.support.MlsBytes;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * At least 100,000 random and mutated frames of every type over real WebSockets (several
 * connections at a time: unauthenticated, as citizens with a chat, as staff): the server answers
 * every one with a frame or a close, a citizen and a worker chatting meanwhile keep working, and
 * nothing is logged with a stack trace. Bounded in time; the seed is printed so a failure replays.
 */
class FrameFuzzTest {
  static final long FRAMES = 100_000;
  static final Duration BUDGET = Duration.ofMinutes(6);
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
  static final int LANES = 10;

  @Test
  void everyFrameIsAnsweredAndOtherSessionsKeepWorking() throws Exception {
    long seed = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
    System.out.println("FrameFuzzTest seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    Vertx clients = Vertx.vertx();
    try (TestServer server = TestServer.start(Map.of("MATALA_CITIZEN_OPEN_LIMIT", "100000"))) {
      Bystanders chat = Bystanders.start(server);
      String staffToken = server.token("worker2");
      WebSocketClient client = clients.createWebSocketClient(new WebSocketClientOptions().setSsl(true)
          .setTrustAll(true).setVerifyHost(false).setMaxMessageSize(1 << 20).setMaxFrameSize(1 << 20));
      AtomicLong sent = new AtomicLong();
      AtomicLong byFrame = new AtomicLong();
      AtomicLong byClose = new AtomicLong();
      ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
      long deadline = System.nanoTime() + BUDGET.toNanos();
      ExecutorService lanes = Executors.newFixedThreadPool(LANES);
      List<Future<?>> running = new ArrayList<>();
      for (int lane = 0; lane < LANES; lane++) {
        Role role = Role.values()[lane % Role.values().length];
        FrameFactory frames = new FrameFactory(seed + lane, staffToken);
        running.add(lanes.submit(() -> {
          while (sent.get() < FRAMES && System.nanoTime() < deadline && unanswered.size() < 10) {
            try (Connection c = Connection.open(client, server.port)) {
              role.authenticate(c, staffToken);
              while (!c.closed() && sent.get() < FRAMES && System.nanoTime() < deadline) {
                FrameFactory.Frame f = frames.next();
                c.send(f);
                sent.incrementAndGet();
                switch (c.answer(f.rid(), ANSWER_WITHIN)) {
                  case FRAME -> byFrame.incrementAndGet();
                  case CLOSE -> byClose.incrementAndGet();
                  case NOTHING -> unanswered.add(role + ": " + abbreviate(f));
                }
              }
            }
          }
          return null;
        }));
        if (lane == LANES / 2) {
          chat.stillWorking("midway");
        }
      }
      for (Future<?> f : running) {
        f.get(BUDGET.toMinutes() + 2, TimeUnit.MINUTES);
      }
      lanes.shutdown();
      System.out.printf("FrameFuzzTest: %d frames sent, %d answered by a frame, %d by a close%n", sent.get(),
          byFrame.get(), byClose.get());
      assertEquals(List.of(), List.copyOf(unanswered), "frames the server neither answered nor closed on");
      assertTrue(sent.get() >= FRAMES, "only " + sent.get() + " frames within " + BUDGET);
      assertEquals(sent.get(), byFrame.get() + byClose.get());
      chat.stillWorking("after the fuzzing");
    } finally {
      clients.close();
      root.detachAppender(logs);
    }
    List<String> traces = logs.list.stream().filter(e -> e.getThrowableProxy() != null)
        .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage() + " / " + e.getThrowableProxy().getClassName())
        .distinct().limit(10).toList();
    assertEquals(List.of(), traces, "stack traces in the server's log");
  }

  private static String abbreviate(FrameFactory.Frame f) {
    String t = f.isBinary() ? "<binary " + f.binary().length + " bytes>" : f.text();
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }

  /** How a fuzzing connection is authenticated before it sends garbage. */
  enum Role {
    NOBODY {
      @Override
      void authenticate(Connection c, String token) {}
    },
    CITIZEN {
      @Override
      void authenticate(Connection c, String token) {
        byte[] groupId = new byte[16];
        new SecureRandom().nextBytes(groupId);
        c.request(ChatSetup.openFrame("substance-use", "fi", groupId));
      }
    },
    STAFF {
      @Override
      void authenticate(Connection c, String token) {
        c.request(new JsonObject().put("type", "staff.auth").put("token", token).put("device", "fuzz-device-1"));
      }
    };

    abstract void authenticate(Connection c, String token);
  }

  enum Answer { FRAME, CLOSE, NOTHING }

  /** One fuzzing WebSocket: frames in a queue, a close as a marker. */
  static final class Connection implements AutoCloseable {
    private static final JsonObject CLOSED = new JsonObject();
    /** Frames the server sends on its own (docs/protocol.md), never as the answer to a frame. */
    private static final java.util.Set<String> PUSHES = java.util.Set.of("queue.stats", "queue.position", "msg",
        "member.add", "members", "conversation.assigned", "conversation.removed", "conversation.status",
        "requests.changed", "kb.changed", "staff.changed");
    private final WebSocket ws;
    private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    private Connection(WebSocket ws) {
      this.ws = ws;
      ws.textMessageHandler(t -> inbox.add(parse(t)));
      ws.closeHandler(v -> {
        closed = true;
        inbox.add(CLOSED);
      });
      ws.exceptionHandler(e -> { });
    }

    static Connection open(WebSocketClient client, int port) {
      return new Connection(TestServer.await(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
          .setPort(port).setURI("/ws").setSsl(true))));
    }

    private static JsonObject parse(String text) {
      try {
        return new JsonObject(text);
      } catch (RuntimeException e) {
        return new JsonObject().put("type", "unparsable-server-frame");
      }
    }

    boolean closed() {
      return closed;
    }

    void send(FrameFactory.Frame f) {
      if (closed) {
        return;
      }
      try {
        if (f.isBinary()) {
          ws.writeBinaryMessage(Buffer.buffer(f.binary())).await(10, TimeUnit.SECONDS);
        } else {
          ws.writeTextMessage(f.text()).await(10, TimeUnit.SECONDS);
        }
      } catch (Exception e) {
        // the server closed meanwhile: answer() sees the close
      }
    }

    /** A valid frame before the fuzzing; its answer is not checked beyond arriving. */
    void request(JsonObject frame) {
      send(new FrameFactory.Frame(frame.copy().put("rid", "setup").encode(), null, "setup"));
      answer("setup", ANSWER_WITHIN);
    }

    /**
     * Waits for the answer to the one frame in flight: a frame with its rid, or (for a frame whose
     * rid the server could not read, or did not have) an error frame without a rid; or the close.
     */
    Answer answer(String rid, Duration within) {
      long end = System.nanoTime() + within.toNanos();
      try {
        while (true) {
          long left = end - System.nanoTime();
          JsonObject f = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
          if (f == null) {
            return closed ? Answer.CLOSE : Answer.NOTHING;
          }
          if (f == CLOSED) {
            return Answer.CLOSE;
          }
          Object frameRid = f.getValue("rid");
          if (rid != null && rid.equals(frameRid)) {
            return Answer.FRAME;
          }
          if (frameRid == null && !PUSHES.contains(f.getString("type"))) {
            // the answer to a frame without a (readable) rid: an error, or an ok-type frame
            return Answer.FRAME;
          }
          // a push (queue.stats, queue.position, msg, ...): not the answer
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Answer.NOTHING;
      }
    }

    @Override
    public void close() {
      if (!closed) {
        try {
          ws.close().await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
          // gone already
        }
      }
    }
  }

  /** A citizen and a worker in a real chat (taken, Welcome delivered) that must keep working throughout. */
  static final class Bystanders {
    private final WsClient citizen;
    private final WsClient worker;
    private final String conversation;
    private final byte[] groupId;
    private int round;

    private Bystanders(WsClient citizen, WsClient worker, String conversation, byte[] groupId) {
      this.citizen = citizen;
      this.worker = worker;
      this.conversation = conversation;
      this.groupId = groupId;
    }

    static Bystanders start(TestServer server) {
      byte[] groupId = new byte[16];
      new SecureRandom().nextBytes(groupId);
      WsClient citizen = WsClient.connect(server.vertx, server.port);
      String conv = ChatSetup.openChat(citizen, "mental-health", "fi", groupId).getString("conversation");
      WsClient worker = ChatSetup.staff(server, "worker", "bystander-device");
      assertEquals("queue.taken", worker.request(new JsonObject().put("type", "queue.take").put("conversation", conv))
          .getString("type"));
      String workerId = citizen.expect("member.add").getJsonObject("staff").getString("id");
      send(citizen, conv, MlsBytes.commit(groupId, 0));
      assertEquals("msg.ack", citizen.request(new JsonObject().put("type", "msg.send").put("conversation", conv)
          .put("data", MlsBytes.welcome()).put("to", workerId)).getString("type"));
      assertEquals("conversation.opened", worker.request(new JsonObject().put("type", "conversation.open")
          .put("conversation", conv).put("afterSeq", 0)).getString("type"));
      worker.expect("msg");
      return new Bystanders(citizen, worker, conv, groupId);
    }

    private static JsonObject send(WsClient ws, String conv, String data) {
      JsonObject ack = ws.request(new JsonObject().put("type", "msg.send").put("conversation", conv).put("data", data));
      assertEquals("msg.ack", ack.getString("type"), ack.encode());
      return ack;
    }

    /** Both ways, acknowledged and delivered. */
    void stillWorking(String when) {
      round++;
      long seq = send(citizen, conversation, MlsBytes.application(groupId, 1, "citizen-" + round)).getLong("seq");
      worker.expect(f -> "msg".equals(f.getString("type")) && f.getLong("seq") == seq, "the citizen's message " + when);
      long back = send(worker, conversation, MlsBytes.application(groupId, 1, "worker-" + round)).getLong("seq");
      citizen.expect(f -> "msg".equals(f.getString("type")) && f.getLong("seq") == back, "the worker's message " + when);
    }
  }
}
