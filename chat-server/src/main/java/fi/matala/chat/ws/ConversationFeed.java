package fi.matala.chat.ws;

import fi.matala.chat.Addresses;
import fi.matala.chat.ChatOperations;
import fi.matala.chat.conversation.Member;
import fi.matala.chat.delivery.StoredMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the conversations one connection follows, in order and exactly once, from the message
 * log: an event-bus notice only says that something changed, and the feed sends what it has not
 * sent yet and the viewer may see. It sends no faster than the client reads: while the socket's
 * write queue is full it waits, and goes on from the log once there is room (so resuming a long
 * conversation over a slow link neither buffers it all in memory nor counts as not reading).
 * Lives on the socket's event loop; all state is confined.
 */
final class ConversationFeed {
  private static final Logger LOG = LoggerFactory.getLogger(ConversationFeed.class);
  private static final int PAGE = 100;
  /** A page cut short because the client's write queue filled up: go on when it drains. */
  private static final int BLOCKED = -1;

  private final Vertx vertx;
  private final ChatSocket socket;
  private final ChatOperations chat;
  /** The staff member reading, or null for the citizen (who sees everything not addressed to someone). */
  private final String staffId;
  private final Map<String, Follower> following = new HashMap<>();

  ConversationFeed(Vertx vertx, ChatSocket socket, ChatOperations chat, String staffId) {
    this.vertx = vertx;
    this.socket = socket;
    this.chat = chat;
    this.staffId = staffId;
  }

  /** Delivery state of one followed conversation. */
  private static final class Follower {
    final String conversation;
    long lastSent;
    boolean pumping;
    boolean again;
    boolean stopped;
    boolean waitingForRoom;
    /** This staff member's membership as last read (null: unknown). */
    Member member;

    Follower(String conversation, long afterSeq) {
      this.conversation = conversation;
      this.lastSent = afterSeq;
    }
  }

  /** Sends what follows afterSeq, then every new message; following again may rewind, never skip. */
  void follow(String conversation, long afterSeq) {
    Follower existing = following.get(conversation);
    if (existing != null) {
      existing.lastSent = Math.min(existing.lastSent, afterSeq);
      pump(existing);
      return;
    }
    Follower f = new Follower(conversation, afterSeq);
    following.put(conversation, f);
    socket.consume(Addresses.conversation(conversation), (JsonObject event) -> onConversationEvent(f, event));
    pump(f);
  }

  void unfollow(String conversation) {
    Follower f = following.remove(conversation);
    if (f != null) {
      f.stopped = true;
    }
  }

  /** The socket closed (its consumers are gone): forget everything. */
  void close() {
    following.clear();
  }

  private void onConversationEvent(Follower f, JsonObject event) {
    if (f.stopped) {
      return;
    }
    switch (event.getString("event", "")) {
      case "appended" -> {
        long seq = event.getLong("seq", 0L);
        if (seq <= f.lastSent) {
          return;
        }
        if (!f.pumping && seq == f.lastSent + 1 && deliverDirectly(f, seq, event)) {
          return;
        }
        pump(f);
      }
      case "members" -> {
        f.member = null; // visibility may have changed: the next delivery re-reads it
        pump(f);
      }
      case "member.add" -> {
        if (staffId == null) { // only the citizen's client changes the group
          socket.send(new JsonObject().put("type", "member.add").put("conversation", f.conversation)
              .mergeIn(event.getJsonObject("pending")));
        }
      }
      case "status" -> socket.send(new JsonObject().put("type", "conversation.status")
          .put("conversation", f.conversation).put("status", event.getString("status")).put("by", event.getString("by")));
      default -> { }
    }
  }

  /**
   * The fast path: the next message in order arrived on the event bus and this connection's
   * visibility is known, so it is delivered without reading the log. Anything else (a gap, an
   * unknown membership) goes through {@link #pump}.
   */
  private boolean deliverDirectly(Follower f, long seq, JsonObject event) {
    JsonObject frame = event.getJsonObject("frame");
    if (frame == null) {
      return false;
    }
    String to = event.getString("to");
    boolean visible;
    if (staffId == null) {
      visible = to == null;
    } else {
      Member m = f.member;
      if (m == null || m.joinedSeq() == null || m.leftSeq() != null || seq < m.joinedSeq()) {
        return false;
      }
      visible = to == null || to.equals(staffId);
    }
    if (visible) {
      if (socket.writeQueueFull()) {
        return false; // the pump waits for room and reads this one from the log
      }
      socket.send(frame);
    }
    f.lastSent = seq;
    return true;
  }

  /** Sends every message after lastSent that this connection may see, in order; coalesces concurrent triggers. */
  private void pump(Follower f) {
    if (f.pumping) {
      f.again = true;
      return;
    }
    if (socket.writeQueueFull()) {
      waitForRoom(f);
      return;
    }
    f.pumping = true;
    f.again = false;
    Future<Optional<Member>> visibility = staffId == null ? Future.succeededFuture(Optional.empty())
        : chat.conversations().byId(f.conversation).map(o -> o.flatMap(c -> c.anyMember(staffId)));
    visibility.compose(member -> {
      if (staffId != null) {
        if (member.isEmpty() || member.get().joinedSeq() == null) {
          return Future.succeededFuture(0); // not added yet: wait for the Welcome, skip nothing
        }
        f.lastSent = Math.max(f.lastSent, member.get().joinedSeq() - 1);
        f.member = member.get();
      }
      return chat.log().after(f.conversation, f.lastSent, PAGE).map(list -> {
        for (StoredMessage m : list) {
          if (f.stopped || socket.closed()) {
            break;
          }
          if (socket.writeQueueFull()) {
            return BLOCKED;
          }
          boolean visible = staffId == null
              ? m.to() == null
              : member.get().mayRead(m.seq()) && (m.to() == null || m.to().equals(staffId));
          if (visible) {
            socket.send(m.toFrame());
          }
          f.lastSent = m.seq();
        }
        return list.size();
      });
    }).onComplete(ar -> {
      f.pumping = false;
      if (ar.failed()) {
        LOG.warn("Delivery of a conversation failed; retrying: {}", ar.cause().toString());
        vertx.setTimer(1000, t -> pump(f));
      } else if (ar.result() == BLOCKED) {
        waitForRoom(f);
      } else if (!f.stopped && !socket.closed() && (f.again || ar.result() == PAGE)) {
        pump(f);
      }
    });
  }

  /** Goes on once the client has read enough; events meanwhile only mark that there is more. */
  private void waitForRoom(Follower f) {
    if (f.waitingForRoom || f.stopped || socket.closed()) {
      return;
    }
    f.waitingForRoom = true;
    socket.whenWritable(() -> {
      f.waitingForRoom = false;
      if (!f.stopped && !socket.closed()) {
        pump(f);
      }
    });
  }
}
