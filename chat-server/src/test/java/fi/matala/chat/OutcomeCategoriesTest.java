package fi.matala.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.matala.support.ChatSetup;
import fi.matala.support.MlsBytes;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console offers exactly the outcome categories the server is configured with, and the server enforces them. */
class OutcomeCategoriesTest {

  @Test
  void staffGetTheConfiguredOutcomesAndOnlyThoseEndAChat() {
    try (TestServer server = TestServer.start(Map.of("MATALA_OUTCOMES", "advice,guidance-given,no-contact"))) {
      WsClient worker = ChatSetup.staff(server, server.token("worker"), "device-outcomes",
          new JsonArray().add(ChatSetup.keyPackage("outcomes")));
      assertEquals(List.of("advice", "guidance-given", "no-contact"),
          ChatSetup.authed(worker).getJsonArray("outcomes").getList());

      WsClient citizen = WsClient.connect(server.vertx, server.port);
      byte[] group = "outcomes-group-00001".getBytes();
      String conv = ChatSetup.openChat(citizen, "families", "sv", group).getString("conversation");
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
