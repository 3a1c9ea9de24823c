package fi.matala.chat;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.chat.citizen.CitizenChats;
import fi.matala.chat.delivery.MessageLog;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure on the chat socket: a client that stops reading is closed once its write queue has
 * stayed full for MATALA_WS_SLOW_READER_TIMEOUT (here 3 s), instead of the server buffering for it
 * without bound; a client that reads slowly but steadily gets a long history in full, because the
 * feed sends no faster than it reads.
 */
class SlowReaderTest {
  static final int MESSAGES = 300;
  static TestServer server;
  static CitizenChats.Opened chat;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("MATALA_WS_SLOW_READER_TIMEOUT", "PT3S"));
    ChatOperations ops = server.platform.services().chat();
    chat = await(ops.citizens().open("families", "fi",
        Base64.getEncoder().encodeToString("slow-reader-group-01".getBytes())));
    // a long conversation: 300 messages of 40 KiB (about 16 MB of frames)
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < MESSAGES; i++) {
      byte[] data = new byte[40 * 1024];
      random.nextBytes(data);
      await(ops.log().append(chat.conversation().id(), new MessageLog.Draft("citizen", "private", "application", 0, data,
          null, new Date(System.currentTimeMillis() + 86_400_000L))));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  JsonObject resumeFrame() {
    return new JsonObject().put("type", "citizen.resume").put("conversation", chat.conversation().id())
        .put("secret", chat.secret()).put("afterSeq", 0);
  }

  int serverSideConnections() {
    return server.platform.services().socketGuards().connections().openFrom("127.0.0.1");
  }

  @Test
  void aClientThatStopsReadingIsClosed() throws Exception {
    WsClient hung = WsClient.connectWithSmallReceiveBuffer(server.vertx, server.port);
    hung.pauseReading();
    hung.send(resumeFrame());
    long start = System.currentTimeMillis();
    while (serverSideConnections() > 0) {
      assertTrue(System.currentTimeMillis() - start < 20_000, "the server gives up on a client that does not read");
      Thread.sleep(50);
    }
    assertTrue(System.currentTimeMillis() - start < 10_000, "soon after the 3 s: " + (System.currentTimeMillis() - start));
    hung.fetch(Long.MAX_VALUE);
    Short code = hung.awaitClose(10_000);
    assertTrue(hung.isClosed());
    // 4413 when the close frame got through; 1006 (connection gone) when it was stuck behind the backlog
    assertTrue(code != null && (code == 4413 || code == 1006), "close code " + code);
    hung.close();
  }

  @Test
  void aSlowButSteadyReaderGetsTheWholeHistoryInOrder() throws Exception {
    WsClient slow = WsClient.connectWithSmallReceiveBuffer(server.vertx, server.port);
    slow.pauseReading();
    slow.send(resumeFrame());
    long start = System.currentTimeMillis();
    // about 75 messages (4 MB) a second: the history takes longer than the 3 s timeout to read
    while (slow.snapshot().stream().filter(f -> "msg".equals(f.getString("type"))).count() < MESSAGES) {
      assertFalse(slow.isClosed(), "closed after " + (System.currentTimeMillis() - start) + " ms");
      assertTrue(System.currentTimeMillis() - start < 60_000, "too slow");
      slow.fetch(3);
      Thread.sleep(40);
    }
    assertTrue(System.currentTimeMillis() - start > 3000, "the reading took longer than the timeout");
    List<Long> seqs = new ArrayList<>();
    slow.snapshot().stream().filter(f -> "msg".equals(f.getString("type"))).forEach(f -> seqs.add(f.getLong("seq")));
    for (int i = 0; i < MESSAGES; i++) {
      assertEquals(i + 1, seqs.get(i));
    }
    assertFalse(slow.isClosed());
    slow.close();
  }
}
