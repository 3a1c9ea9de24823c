package fi.matala.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * The set-up the chat tests share, through the real WebSocket protocol: a signed-in staff console
 * whose device has key packages (so it can take or join chats), and a citizen with an open chat.
 * Every step must succeed; the tests assert what they are about.
 */
public final class ChatSetup {
  private ChatSetup() {}

  /** Stands in for an MLS KeyPackage: the server never parses one, it only checks the size and passes it on. */
  public static String keyPackage(String marker) {
    return Base64.getEncoder().encodeToString(("fake-key-package-bytes-for-" + marker + "-padding-padding").getBytes());
  }

  /** {@code count} distinct key packages: marker-1, marker-2, ... */
  public static JsonArray keyPackages(String marker, int count) {
    JsonArray packages = new JsonArray();
    for (int i = 1; i <= count; i++) {
      packages.add(keyPackage(marker + "-" + i));
    }
    return packages;
  }

  public static JsonObject uploadFrame(String device, JsonArray keyPackages) {
    return new JsonObject().put("type", "keypackages.upload").put("device", device).put("keyPackages", keyPackages);
  }

  /** A demo staff member's console (demo password) with two key packages marked with the username. */
  public static WsClient staff(TestServer server, String username, String device) {
    return staff(server, server.token(username), device, keyPackages(username, 2));
  }

  /** A console signed in with this token for this device, which then uploads these key packages. */
  public static WsClient staff(TestServer server, String token, String device, JsonArray keyPackages) {
    WsClient ws = WsClient.connect(server.vertx, server.port);
    JsonObject authed = ws.request(new JsonObject().put("type", "staff.auth").put("token", token).put("device", device));
    assertEquals("staff.authed", authed.getString("type"), authed.encode());
    JsonObject kp = ws.request(uploadFrame(device, keyPackages));
    assertEquals("keypackages.ok", kp.getString("type"), kp.encode());
    return ws;
  }

  /** The staff.authed frame a console got when it signed in. */
  public static JsonObject authed(WsClient staff) {
    return staff.snapshot().stream().filter(f -> "staff.authed".equals(f.getString("type"))).findFirst().orElseThrow();
  }

  public static JsonObject openFrame(String queue, String lang, byte[] groupId) {
    return new JsonObject().put("type", "citizen.open").put("queue", queue).put("lang", lang)
        .put("groupId", Base64.getEncoder().encodeToString(groupId));
  }

  /** Opens a chat on this citizen socket; returns the citizen.opened frame. */
  public static JsonObject openChat(WsClient citizen, String queue, String lang, byte[] groupId) {
    JsonObject opened = citizen.request(openFrame(queue, lang, groupId));
    assertEquals("citizen.opened", opened.getString("type"), opened.encode());
    return opened;
  }
}
