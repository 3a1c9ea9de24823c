package fi.matala.chat.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Random and mutated client frames of every type in docs/protocol.md: plausible frames with one to
 * three mutations (a field dropped, of the wrong type, huge, with control characters, nested
 * deeply, ...), frames of unknown types, broken JSON, random text, oversized and binary frames.
 * Deterministic for a seed, so that a failure can be replayed.
 */
final class FrameFactory {

  /** What one generated frame is. */
  record Frame(String text, byte[] binary, String rid) {
    boolean isBinary() {
      return binary != null;
    }
  }

  static final List<String> TYPES = List.of("citizen.open", "citizen.resume", "citizen.end", "member.refused",
      "staff.auth", "presence.set", "keypackages.upload", "queue.take", "conversation.transfer",
      "conversation.join", "conversation.leave", "conversation.end", "conversation.open", "msg.send");

  private final SplittableRandom random;
  private final Map<String, Map<String, Supplier<Object>>> fields = new LinkedHashMap<>();
  private long serial;

  FrameFactory(long seed, String staffToken) {
    this.random = new SplittableRandom(seed);
    Supplier<Object> conversation = () -> random.nextBoolean() ? id() : "c" + random.nextInt(1000);
    Supplier<Object> b64 = () -> base64(random.nextInt(1, 200));
    fields.put("citizen.open", Map.of("queue", () -> pick("mental-health", "substance-use", "families", "nope"),
        "lang", () -> pick("fi", "sv", "en", "de"), "groupId", () -> base64(random.nextInt(8, 80))));
    fields.put("citizen.resume", Map.of("conversation", conversation, "secret", () -> base64(32),
        "afterSeq", () -> random.nextInt(-5, 50)));
    fields.put("citizen.end", Map.of("conversation", conversation, "delete", random::nextBoolean));
    fields.put("member.refused", Map.of("conversation", conversation, "staff", () -> id(),
        "reason", () -> pick("identity_mismatch", "invalid", "other")));
    fields.put("staff.auth", Map.of("token", () -> random.nextInt(4) == 0 ? staffToken : "x.y.z",
        "device", () -> "device-" + random.nextInt(100000), "presence", () -> pick("available", "busy", "gone")));
    fields.put("presence.set", Map.of("status", () -> pick("available", "busy", "away", "invisible")));
    fields.put("keypackages.upload", Map.of("device", () -> "device-" + random.nextInt(100),
        "keyPackages", () -> new JsonArray().add(base64(64)).add(base64(random.nextInt(1, 9000)))));
    fields.put("queue.take", Map.of("queue", () -> pick("mental-health", "substance-use", "nope"),
        "conversation", conversation));
    fields.put("conversation.transfer", Map.of("conversation", conversation, "toQueue", () -> pick("families", "x"),
        "toStaff", () -> id()));
    fields.put("conversation.join", Map.of("conversation", conversation));
    fields.put("conversation.leave", Map.of("conversation", conversation));
    fields.put("conversation.end", Map.of("conversation", conversation,
        "outcome", () -> pick("advice", "listened", "made-up")));
    fields.put("conversation.open", Map.of("conversation", conversation, "afterSeq", () -> random.nextInt(-3, 40)));
    fields.put("msg.send", Map.of("conversation", conversation, "data", b64, "to", () -> id()));
  }

  Frame next() {
    int kind = random.nextInt(100);
    if (kind < 3) {
      return new Frame(null, bytes(random.nextInt(1, 300)), null);
    }
    if (kind < 10) {
      return new Frame(junkText(), null, null);
    }
    if (kind < 12) {
      // over the 64 KiB frame limit (refused before it is read, so without its rid), sometimes over
      // the 128 KiB transport limit (the connection is closed)
      return new Frame(new JsonObject().put("type", "msg.send").put("rid", rid())
          .put("data", "A".repeat(random.nextBoolean() ? 70_000 : 140_000)).encode(), null, null);
    }
    String rid = rid();
    JsonObject frame = new JsonObject();
    String type = kind < 16 ? pick("nope", "", "citizen.open ", "MSG.SEND", "staff.auth\u0000", "x".repeat(300))
        : TYPES.get(random.nextInt(TYPES.size()));
    frame.put("type", type);
    frame.put("rid", rid);
    Map<String, Supplier<Object>> schema = fields.getOrDefault(type, Map.of());
    for (var field : schema.entrySet()) {
      if (random.nextInt(5) > 0) {
        frame.put(field.getKey(), field.getValue().get());
      }
    }
    int mutations = random.nextInt(4);
    for (int i = 0; i < mutations; i++) {
      mutate(frame);
    }
    Object r = frame.getValue("rid");
    return new Frame(frame.encode(), null, r instanceof String s && s.length() <= 64 ? s : null);
  }

  private void mutate(JsonObject frame) {
    List<String> keys = new ArrayList<>(frame.fieldNames());
    String key = keys.isEmpty() || random.nextInt(6) == 0 ? "extra" + random.nextInt(5)
        : keys.get(random.nextInt(keys.size()));
    switch (random.nextInt(8)) {
      case 0 -> frame.remove(key);
      case 1 -> frame.put(key, strange());
      case 2 -> frame.put(key, "\u0000\u202e\uD83D\uDE00\u00e4" + "y".repeat(random.nextInt(1, 5000)));
      case 3 -> frame.put(key, nested(random.nextInt(1, 40)));
      case 4 -> frame.put(key, new JsonArray().add(1).add("a").addNull().add(new JsonObject()));
      case 5 -> frame.put(key, random.nextBoolean() ? random.nextLong() : random.nextDouble() * 1e300);
      case 6 -> frame.put(key, base64(random.nextInt(0, 2000)));
      default -> frame.put(key, random.nextBoolean() ? "" : "$where");
    }
  }

  private Object strange() {
    return switch (random.nextInt(6)) {
      case 0 -> null;
      case 1 -> true;
      case 2 -> -1;
      case 3 -> new JsonObject().put("$gt", "");
      case 4 -> Long.MAX_VALUE;
      default -> 0.5;
    };
  }

  private JsonObject nested(int depth) {
    JsonObject o = new JsonObject().put("v", random.nextInt());
    for (int i = 0; i < depth; i++) {
      o = new JsonObject().put("n", o);
    }
    return o;
  }

  private String junkText() {
    return switch (random.nextInt(7)) {
      case 0 -> "{\"type\":\"msg.send\",\"rid\":\"r";
      case 1 -> "null";
      case 2 -> "[1,2,3]";
      case 3 -> "\"just a string\"";
      case 4 -> "{".repeat(random.nextInt(1, 5000));
      case 5 -> new String(bytes(random.nextInt(1, 400)), java.nio.charset.StandardCharsets.ISO_8859_1);
      default -> "{\"type\":1e999999,\"rid\":[]}";
    };
  }

  private String rid() {
    return "f" + (serial++);
  }

  private String id() {
    return Long.toHexString(random.nextLong());
  }

  private String pick(String... values) {
    return values[random.nextInt(values.length)];
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return b;
  }

  private String base64(int n) {
    return Base64.getEncoder().encodeToString(bytes(n));
  }
}
