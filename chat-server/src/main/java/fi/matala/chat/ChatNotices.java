package fi.matala.chat;

import fi.matala.chat.conversation.Conversation;
import fi.matala.chat.delivery.StoredMessage;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.bson.Document;

/**
 * What the chat operations publish on the event bus after a state change, for every connection
 * (on any node) to pass on to its client: see the address table in docs/architecture.md.
 */
public final class ChatNotices {
  /** The event on a staff member's address that ends their connections' sessions (reason "roles" or "disabled"). */
  public static final String SESSION_ENDED = "session.ended";

  private final Vertx vertx;

  public ChatNotices(Vertx vertx) {
    this.vertx = vertx;
  }

  /** The conversation ended; {@code by} is "citizen" or "staff". */
  public void status(String conversation, String status, String by) {
    vertx.eventBus().publish(Addresses.conversation(conversation),
        new JsonObject().put("event", "status").put("status", status).put("by", by));
  }

  /** Membership changed: followers re-read what they may see. */
  public void members(String conversation) {
    vertx.eventBus().publish(Addresses.conversation(conversation), new JsonObject().put("event", "members"));
  }

  /** The citizen's client must add and/or remove members (a pending addition). */
  public void memberAdd(String conversation, Document pending) {
    vertx.eventBus().publish(Addresses.conversation(conversation),
        new JsonObject().put("event", "member.add").put("pending", new JsonObject(pending.toJson())));
  }

  /** A message was stored; it rides along so that followers that are up to date deliver it without a read. */
  public void appended(String conversation, StoredMessage m) {
    vertx.eventBus().publish(Addresses.conversation(conversation), new JsonObject().put("event", "appended")
        .put("seq", m.seq()).put("to", m.to()).put("frame", m.toFrame()));
  }

  /** A chat now belongs to this staff member: their consoles list it. */
  public void assigned(String staffId, Conversation c) {
    vertx.eventBus().publish(Addresses.staff(staffId), new JsonObject().put("event", "assigned")
        .put("conversation", c.id()).put("queue", c.queue()).put("lang", c.lang()));
  }

  /** This staff member's consoles close the chat; reason: "ended", "transferred", "left" or "refused". */
  public void removed(String staffId, String conversation, String reason) {
    vertx.eventBus().publish(Addresses.staff(staffId),
        new JsonObject().put("event", "removed").put("conversation", conversation).put("reason", reason));
  }

  /**
   * This node's connections of the staff member end their sessions. Local only: every node's
   * StaffRevocations calls this for its own connections once it no longer accepts the old tokens,
   * so a console that reconnects at once cannot sign in again with them on any node.
   */
  public void sessionsEnded(String staffId, String reason) {
    vertx.eventBus().publish(Addresses.staff(staffId), new JsonObject().put("event", SESSION_ENDED).put("reason", reason),
        new DeliveryOptions().setLocalOnly(true));
  }
}
