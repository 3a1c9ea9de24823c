package fi.matala.chat;

import static fi.matala.support.TestServer.DEMO_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.ChatSetup;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A staff connection lasts as long as the access token it was signed in with: without an in-band
 * renewal (staff.renew) it is closed when the token expires, so a stolen or forgotten console
 * cannot outlive its sign-in. Access tokens last 10 s here.
 */
class StaffTokenExpiryTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("MATALA_ACCESS_TOKEN_TTL", "PT10S"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject renew(WsClient ws, String token) {
    return ws.request(new JsonObject().put("type", "staff.renew").put("token", token));
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void aConnectionIsClosedWhenItsTokenExpiresUnlessRenewedInBand() {
    JsonObject signIn = server.login("worker", DEMO_PASSWORD);
    long expiresAt = signIn.getLong("expiresAt");
    WsClient plain = ChatSetup.staff(server, signIn.getString("token"), "device-expiry-1", ChatSetup.keyPackages("e1", 1));
    WsClient renewing = ChatSetup.staff(server, signIn.getString("token"), "device-expiry-2", ChatSetup.keyPackages("e2", 1));
    long authedExpiry = ChatSetup.authed(plain).getLong("expiresAt");
    assertTrue(Math.abs(authedExpiry - expiresAt) < 1_500, "staff.authed says when the session ends");

    sleep(3_000);
    JsonObject fresh = server.login("worker", DEMO_PASSWORD);
    JsonObject renewed = renew(renewing, fresh.getString("token"));
    assertEquals("staff.renewed", renewed.getString("type"), renewed.encode());
    assertTrue(renewed.getLong("expiresAt") > authedExpiry + 2_000, "the deadline moved to the new token's");

    // the first token runs out: the connection that did not renew is closed, the other goes on
    assertEquals((short) 4401, plain.awaitClose(Math.max(0, expiresAt - System.currentTimeMillis()) + 2_000));
    assertEquals("token expired", plain.closeReason());
    assertTrue(System.currentTimeMillis() >= expiresAt - 1_000, "not before the token's expiry");
    assertNull(renewing.closeStatus());
    assertEquals("presence.ok", renewing.request(new JsonObject().put("type", "presence.set").put("status", "busy"))
        .getString("type"), "the renewed connection still works");

    // and it too ends with its renewed token, when not renewed again
    long second = renewed.getLong("expiresAt");
    assertEquals((short) 4401, renewing.awaitClose(Math.max(0, second - System.currentTimeMillis()) + 2_000));
    assertTrue(System.currentTimeMillis() >= second - 1_000);
  }

  @Test
  void aRenewalMustBeAValidTokenOfTheSameStaffMember() {
    JsonObject signIn = server.login("worker2", DEMO_PASSWORD);
    WsClient console = ChatSetup.staff(server, signIn.getString("token"), "device-expiry-3", ChatSetup.keyPackages("e3", 1));
    assertEquals("unauthorized", renew(console, "not-a-token").getString("error"));
    assertEquals("wrong_staff", renew(console, server.token("therapist")).getString("error"),
        "a colleague's token does not extend this session");
    assertEquals("bad_frame", console.request(new JsonObject().put("type", "staff.renew")).getString("error"));
    assertNull(console.closeStatus(), "a refused renewal leaves the connection as it was");

    WsClient citizen = WsClient.connect(server.vertx, server.port);
    assertEquals("not_authenticated", renew(citizen, signIn.getString("token")).getString("error"),
        "staff.renew does not sign a connection in");
    List.of(console, citizen).forEach(WsClient::close);
  }
}
