package fi.matala.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.ChatSetup;
import fi.matala.support.MlsBytes;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every bad or hostile frame gets an error frame; the server neither crashes nor drops anyone silently. */
class ChatProtocolHardeningTest {
  static TestServer server;
  static final byte[] GROUP = "hardening-group-0001".getBytes();

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String error(JsonObject answer) {
    assertEquals("error", answer.getString("type"), answer.encode());
    assertTrue(answer.getString("message").length() > 0);
    return answer.getString("error");
  }

  static JsonObject open(WsClient ws, byte[] group) {
    return ws.request(ChatSetup.openFrame("substance-use", "en", group));
  }

  @Test
  void framesBeforeAuthentication() {
    try (WsClient ws = WsClient.connect(server.vertx, server.port)) {
      assertEquals("not_authenticated", error(ws.request(new JsonObject().put("type", "msg.send"))));
      assertEquals("unknown_type", error(ws.request(new JsonObject().put("type", "launch.missiles"))));
      assertEquals("bad_frame", error(ws.request(new JsonObject().put("type", 7))));
      assertEquals("unauthorized", error(ws.request(new JsonObject().put("type", "staff.auth").put("token", "x.y.z")
          .put("device", "device-0001"))));
      assertEquals("unknown_conversation", error(ws.request(new JsonObject().put("type", "citizen.resume")
          .put("conversation", "nope").put("secret", "wrong").put("afterSeq", 0))));
      assertEquals("bad_frame", error(ws.request(new JsonObject().put("type", "citizen.resume")
          .put("conversation", "a b").put("secret", "x").put("afterSeq", -1))));
    }
  }

  @Test
  void noSecondChatSlipsInWhileAResumeIsUnderWay() throws Exception {
    try (WsClient first = WsClient.connect(server.vertx, server.port);
        WsClient again = WsClient.connect(server.vertx, server.port)) {
      JsonObject opened = open(first, "resume-race-group-05".getBytes());
      for (int attempt = 0; attempt < 3; attempt++) {
        WsClient ws = attempt == 0 ? again : WsClient.connect(server.vertx, server.port);
        ws.send(new JsonObject().put("type", "citizen.resume").put("conversation", opened.getString("conversation"))
            .put("secret", opened.getString("secret")).put("afterSeq", 0));
        for (int i = 0; i < 5; i++) {
          ws.send(new JsonObject().put("type", "citizen.open").put("queue", "substance-use").put("lang", "en")
              .put("groupId", Base64.getEncoder().encodeToString(("resume-race-other-" + attempt + i).getBytes())));
        }
        ws.expect("citizen.resumed");
        Thread.sleep(300);
        assertTrue(ws.snapshot().stream().noneMatch(f -> "citizen.opened".equals(f.getString("type"))),
            "one connection, one chat: " + ws.snapshot());
        assertEquals(5, ws.snapshot().stream().filter(f -> "busy".equals(f.getString("error"))
            || "already_authenticated".equals(f.getString("error"))).count(), ws.snapshot().toString());
        if (ws != again) {
          ws.close();
        }
      }
    }
  }

  @Test
  void malformedFrames() {
    try (WsClient ws = WsClient.connect(server.vertx, server.port)) {
      ws.sendRaw("{not json");
      assertEquals("malformed_json", ws.expect("error").getString("error"));
      ws.sendRaw("[1,2,3]");
      assertEquals("malformed_json", ws.expect("error").getString("error"));
      ws.sendBinary(new byte[] {1, 2, 3});
      assertEquals("binary_not_supported", ws.expect("error").getString("error"));
      ws.sendRaw("{\"type\":\"citizen.open\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
      assertEquals("too_large", ws.expect("error").getString("error"));
      ws.sendRaw("{\"type\":\"citizen.open\",\"rid\":\"" + "r".repeat(100) + "\"}");
      assertEquals("bad_frame", ws.expect("error").getString("error"));
      assertFalse(ws.isClosed());
    }
  }

  @Test
  void badOpenRequests() {
    try (WsClient ws = WsClient.connect(server.vertx, server.port)) {
      String g = Base64.getEncoder().encodeToString(GROUP);
      assertEquals("unknown_queue", error(ws.request(new JsonObject().put("type", "citizen.open").put("queue", "nope")
          .put("lang", "fi").put("groupId", g))));
      assertEquals("bad_frame", error(ws.request(new JsonObject().put("type", "citizen.open").put("queue", "families")
          .put("lang", "de").put("groupId", g))));
      assertEquals("bad_frame", error(ws.request(new JsonObject().put("type", "citizen.open").put("queue", "families")
          .put("lang", "fi").put("groupId", "c2hvcnQ="))));
      assertEquals("bad_frame", error(ws.request(new JsonObject().put("type", "citizen.open").put("queue", "families")
          .put("lang", "fi").put("groupId", "%%%not-base64%%%"))));
      assertEquals("bad_frame", error(ws.request(new JsonObject().put("type", "citizen.open").put("queue", "$where")
          .put("lang", "fi").put("groupId", g))));
    }
  }

  @Test
  void badMessagesInAnOpenConversation() {
    try (WsClient ws = WsClient.connect(server.vertx, server.port)) {
      String conv = open(ws, GROUP).getString("conversation");
      JsonObject send = new JsonObject().put("type", "msg.send").put("conversation", conv);
      assertEquals("wrong_group", error(ws.request(send.copy().put("data",
          MlsBytes.application("another-group-0002".getBytes(), 0, "x")))));
      assertEquals("bad_mls", error(ws.request(send.copy().put("data", "!!!"))));
      assertEquals("bad_mls", error(ws.request(send.copy().put("data",
          Base64.getEncoder().encodeToString("just some bytes, not MLS".getBytes())))));
      assertEquals("bad_welcome", error(ws.request(send.copy().put("data", MlsBytes.welcome()))));
      assertEquals("bad_frame", error(ws.request(send.copy().put("data", MlsBytes.application(GROUP, 0, "x"))
          .put("to", "someone"))));
      assertEquals("unknown_conversation", error(ws.request(send.copy().put("conversation", "other")
          .put("data", MlsBytes.application(GROUP, 0, "x")))));
      assertEquals("forbidden", error(ws.request(new JsonObject().put("type", "queue.take"))));
      assertEquals("already_authenticated", error(open(ws, GROUP)));
      // still works after all that
      assertEquals("msg.ack", ws.request(send.copy().put("data", MlsBytes.application(GROUP, 0, "fine"))).getString("type"));
    }
  }

  @Test
  void everyStaffFrameValidatesItsFields() {
    try (WsClient ws = WsClient.connect(server.vertx, server.port)) {
      JsonObject authed = ws.request(new JsonObject().put("type", "staff.auth").put("token", server.token("worker2"))
          .put("device", "device-hardening"));
      assertEquals("staff.authed", authed.getString("type"), authed.encode());
      String[][] cases = {
          // type, fields (JSON), expected error
          {"presence.set", "{}", "bad_frame"},
          {"presence.set", "{\"status\":\"sleeping\"}", "bad_frame"},
          {"presence.set", "{\"status\":7}", "bad_frame"},
          {"keypackages.upload", "{\"device\":\"another-device\",\"keyPackages\":[]}", "bad_frame"},
          {"keypackages.upload", "{\"device\":\"device-hardening\",\"keyPackages\":[7]}", "bad_frame"},
          {"keypackages.upload", "{\"device\":\"device-hardening\",\"keyPackages\":[\"AAAA\"]}", "bad_frame"},
          {"keypackages.upload", "{\"device\":\"device-hardening\",\"keyPackages\":\"x\"}", "bad_frame"},
          {"queue.take", "{\"queue\":\"$where\"}", "bad_frame"},
          {"queue.take", "{\"conversation\":{\"$ne\":null}}", "bad_frame"},
          {"conversation.open", "{\"conversation\":\"nope\",\"afterSeq\":0}", "not_a_member"},
          {"conversation.open", "{\"conversation\":\"nope\",\"afterSeq\":-5}", "bad_frame"},
          {"conversation.open", "{\"afterSeq\":0}", "bad_frame"},
          {"conversation.transfer", "{\"conversation\":\"nope\"}", "bad_frame"},
          {"conversation.transfer", "{\"conversation\":\"nope\",\"toQueue\":\"families\",\"toStaff\":\"x\"}",
              "bad_frame"},
          {"conversation.transfer", "{\"conversation\":\"nope\",\"toQueue\":\"families\"}", "not_yours"},
          {"conversation.join", "{\"conversation\":\"nope\"}", "forbidden"},
          {"conversation.join", "{}", "bad_frame"},
          {"conversation.leave", "{\"conversation\":\"nope\"}", "not_a_member"},
          {"conversation.leave", "{\"conversation\":[1]}", "bad_frame"},
          {"conversation.end", "{\"conversation\":\"nope\"}", "bad_frame"},
          {"conversation.end", "{\"conversation\":\"nope\",\"outcome\":\"gossip\"}", "unknown_outcome"},
          {"conversation.end", "{\"conversation\":\"nope\",\"outcome\":\"advice\"}", "not_yours"},
          {"msg.send", "{\"conversation\":\"nope\",\"data\":\"AAAA\"}", "unknown_conversation"},
          {"msg.send", "{\"conversation\":\"nope\"}", "bad_frame"},
          {"citizen.end", "{\"conversation\":\"nope\"}", "forbidden"},
          {"staff.auth", "{}", "already_authenticated"},
          {"citizen.open", "{}", "already_authenticated"},
      };
      for (String[] c : cases) {
        JsonObject frame = new JsonObject(c[1]).put("type", c[0]);
        assertEquals(c[2], error(ws.request(frame)), c[0] + " " + c[1]);
      }
      assertFalse(ws.isClosed(), "a staff member's mistakes are answered, not punished by a disconnect");
      assertEquals("presence.ok", ws.request(new JsonObject().put("type", "presence.set").put("status", "busy"))
          .getString("type"));
    }
  }

  @Test
  void aBurstOfFramesIsThrottledWithAnErrorFrame() throws Exception {
    try (WsClient ws = WsClient.connect(server.vertx, server.port)) {
      open(ws, "burst-group-00000004".getBytes());
      for (int i = 0; i < 45; i++) {
        ws.send(new JsonObject().put("type", "citizen.open").put("i", i));
      }
      ws.expect(f -> "rate_limited".equals(f.getString("error")), "a rate_limited error frame");
      Thread.sleep(1200);
      assertFalse(ws.isClosed());
      assertEquals("already_authenticated", error(open(ws, GROUP)), "usable again after a pause");
    }
  }

  @Test
  void floodingIsThrottledAndAbuseClosesOnlyThatConnection() throws Exception {
    try (WsClient bystander = WsClient.connect(server.vertx, server.port);
        WsClient flooder = WsClient.connect(server.vertx, server.port)) {
      byte[] group = "bystander-group-0003".getBytes();
      String conv = open(bystander, group).getString("conversation");
      for (int i = 0; i < 60 && !flooder.isClosed(); i++) {
        try {
          flooder.send(new JsonObject().put("type", "unknown.frame").put("i", i));
        } catch (AssertionError closedMeanwhile) {
          break;
        }
      }
      long deadline = System.currentTimeMillis() + 5000;
      while (!flooder.isClosed() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(flooder.isClosed(), "a connection sending only garbage is closed");
      assertEquals((short) 1008, flooder.closeStatus());
      assertTrue(flooder.snapshot().stream().anyMatch(f -> "unknown_type".equals(f.getString("error"))));
      // the other chat goes on
      JsonObject ack = bystander.request(new JsonObject().put("type", "msg.send").put("conversation", conv)
          .put("data", MlsBytes.application(group, 0, "still-here")));
      assertEquals("msg.ack", ack.getString("type"), ack.encode());
      assertEquals(1L, bystander.expect("msg").getLong("seq"));
    }
  }
}
