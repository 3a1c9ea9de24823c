package fi.matala.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.matala.support.MlsBytes;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console offers exactly the outcome categories the server is configured with, and the server enforces them. */
class OutcomeCategoriesTest {

  @Test
  void staffGetTheConfiguredOutcomesAndOnlyThoseEndAChat() {
    try (TestServer server = TestServer.start(Map.of("MATALA_OUTCOMES", "advice,guidance-given,no-contact"))) {
      WsClient worker = WsClient.connect(server.vertx, server.port);
      JsonObject authed = worker.request(new JsonObject().put("type", "staff.auth").put("token", server.token("worker"))
          .put("device", "device-outcomes"));
      assertEquals(List.of("advice", "guidance-given", "no-contact"), authed.getJsonArray("outcomes").getList());
      worker.request(new JsonObject().put("type", "keypackages.upload").put("device", "device-outcomes")
          .put("keyPackages", new JsonArray().add(Base64.getEncoder().encodeToString(
              "fake-key-package-bytes-for-outcomes-padding-padding".getBytes()))));

      WsClient citizen = WsClient.connect(server.vertx, server.port);
      byte[] group = "outcomes-group-00001".getBytes();
      String conv = citizen.request(new JsonObject().put("type", "citizen.open").put("queue", "families")
          .put("lang", "sv").put("groupId", Base64.getEncoder().encodeToString(group))).getString("conversation");
      assertEquals("queue.taken", worker.request(new JsonObject().put("type", "queue.take")).getString("type"));
      citizen.request(new JsonObject().put("type", "msg.send").put("conversation", conv)
          .put("data", MlsBytes.commit(group, 0)));

      JsonObject end = new JsonObject().put("type", "conversation.end").put("conversation", conv);
      // a default category that this installation does not use
      assertEquals("unknown_outcome", worker.request(end.copy().put("outcome", "referral")).getString("error"));
      assertEquals("conversation.ended", worker.request(end.copy().put("outcome", "guidance-given")).getString("type"));
      citizen.close();
      worker.close();
    }
  }
}
