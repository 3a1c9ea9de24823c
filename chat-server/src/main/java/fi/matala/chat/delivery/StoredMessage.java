package fi.matala.chat.delivery;

import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Date;
import org.bson.Document;
import org.bson.types.Binary;

/** One opaque MLS message in a conversation's log, with what the server could read of its header. */
public record StoredMessage(String conversation, long seq, String sender, String wire, String content, long epoch,
    byte[] data, String to, Date at) {

  /** The `msg` frame for a recipient (docs/protocol.md). */
  public JsonObject toFrame() {
    return new JsonObject().put("type", "msg").put("conversation", conversation).put("seq", seq)
        .put("sender", sender).put("wire", wire).put("content", content).put("epoch", epoch)
        .put("data", Base64.getEncoder().encodeToString(data)).put("at", at.getTime());
  }

  /** The `msg.ack` frame for the sender: the message is stored under this seq. */
  public JsonObject toAck() {
    return new JsonObject().put("type", "msg.ack").put("conversation", conversation).put("seq", seq);
  }

  static StoredMessage fromDocument(Document d) {
    return new StoredMessage(d.getString("conv"), d.getLong("seq"), d.getString("sender"), d.getString("wire"),
        d.getString("content"), d.getLong("epoch"), d.get("data", Binary.class).getData(), d.getString("to"),
        d.getDate("at"));
  }
}
