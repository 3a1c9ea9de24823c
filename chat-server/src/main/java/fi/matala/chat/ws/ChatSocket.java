package fi.matala.chat.ws;

import fi.matala.auth.StaffPrincipal;
import fi.matala.auth.StaffTokenVerifier;
import fi.matala.chat.Addresses;
import fi.matala.chat.ChatException;
import fi.matala.chat.ChatOperations;
import fi.matala.chat.conversation.Conversation;
import fi.matala.chat.conversation.Member;
import fi.matala.chat.delivery.StoredMessage;
import fi.matala.chat.keys.RoleChangeRecertification;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket: authenticates it (citizen by conversation secret, staff by token), validates
 * and dispatches its frames (docs/protocol.md) and delivers the conversations it follows, in
 * order and exactly once, from the message log. Runs on one event loop; all state is confined.
 */
final class ChatSocket {
  private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);
  static final int MAX_FRAME_CHARS = 64 * 1024;
  private static final int PAGE = 100;
  private static final int MAX_BAD_FRAMES_PER_MINUTE = 20;

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final ChatOperations chat;
  private final StaffTokenVerifier verifier;
  private final ConnectedStaff connectedStaff;
  private final OpenLimiter openLimiter;
  private final String clientAddress;
  private final TokenBucket budget = new TokenBucket(30, 10);
  private final Map<String, Follower> following = new HashMap<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private long badFrameWindowStart = System.currentTimeMillis();
  private int badFrames;
  private boolean closed;

  // identity: exactly one of these once authenticated
  private Conversation citizenConversation;
  private StaffPrincipal staff;
  private String staffDevice;
  /** Set when an admin changed this staff member's roles: this connection's device certificate is out of date. */
  private boolean certificateOutdated;
  private boolean authenticating;

  ChatSocket(Vertx vertx, ServerWebSocket ws, ChatOperations chat, StaffTokenVerifier verifier,
      ConnectedStaff connectedStaff, OpenLimiter openLimiter, String clientAddress) {
    this.vertx = vertx;
    this.ws = ws;
    this.chat = chat;
    this.verifier = verifier;
    this.connectedStaff = connectedStaff;
    this.openLimiter = openLimiter;
    this.clientAddress = clientAddress;
  }

  void start() {
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> bad(null, "binary_not_supported", "Send JSON text frames"));
    ws.exceptionHandler(e -> LOG.debug("WebSocket error: {}", e.toString()));
    ws.closeHandler(v -> onClose());
  }

  // ---- frames in ----

  private void onText(String text) {
    if (text.length() > MAX_FRAME_CHARS) {
      bad(null, "too_large", "A frame may be at most " + MAX_FRAME_CHARS + " characters");
      return;
    }
    if (!budget.tryTake()) {
      bad(null, "rate_limited", "Too many frames; slow down");
      return;
    }
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      bad(null, "malformed_json", "A frame must be a JSON object");
      return;
    }
    Object ridValue = frame.getValue("rid");
    if (ridValue != null && (!(ridValue instanceof String r) || r.length() > 64)) {
      bad(null, "bad_frame", "'rid' must be a string of at most 64 characters");
      return;
    }
    String rid = (String) ridValue;
    Object typeValue = frame.getValue("type");
    if (!(typeValue instanceof String type)) {
      bad(rid, "bad_frame", "'type' is required");
      return;
    }
    Future<JsonObject> reply;
    try {
      reply = dispatch(type, new Frame(frame));
    } catch (ChatException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(ar -> {
      if (ar.succeeded()) {
        if (ar.result() != null) {
          send(ar.result().put("rid", rid));
        }
      } else if (ar.cause() instanceof ChatException e) {
        bad(rid, e.code(), e.getMessage(), e.extra());
      } else {
        LOG.error("Chat frame '{}' failed", type, ar.cause());
        bad(rid, "internal_error", "The server could not handle this frame; try again");
      }
    });
  }

  private Future<JsonObject> dispatch(String type, Frame f) {
    if (citizenConversation == null && staff == null) {
      if (authenticating) {
        throw new ChatException("busy", "Authentication is in progress");
      }
      return switch (type) {
        case "citizen.open" -> citizenOpen(f);
        case "citizen.resume" -> citizenResume(f);
        case "staff.auth" -> staffAuth(f);
        default -> throw new ChatException(known(type) ? "not_authenticated" : "unknown_type",
            known(type) ? "Open, resume or authenticate first" : "Unknown frame type '" + type + "'");
      };
    }
    if (type.equals("citizen.open") || type.equals("citizen.resume") || type.equals("staff.auth")) {
      throw new ChatException("already_authenticated", "This connection is already authenticated");
    }
    if (citizenConversation != null) {
      return switch (type) {
        case "msg.send" -> sendMessage(f, null);
        case "citizen.end" -> citizenEnd(f);
        case "member.refused" -> memberRefused(f);
        default -> throw new ChatException(known(type) ? "forbidden" : "unknown_type",
            known(type) ? "Not allowed for a citizen" : "Unknown frame type '" + type + "'");
      };
    }
    return switch (type) {
      case "msg.send" -> sendMessage(f, staff.id());
      case "presence.set" -> presence(f);
      case "keypackages.upload" -> uploadKeyPackages(f);
      case "queue.take" -> take(f);
      case "conversation.open" -> openConversation(f);
      case "conversation.transfer" -> transfer(f);
      case "conversation.join" -> join(f);
      case "conversation.leave" -> leave(f);
      case "conversation.end" -> end(f);
      default -> throw new ChatException(known(type) ? "forbidden" : "unknown_type",
          known(type) ? "Not allowed for staff" : "Unknown frame type '" + type + "'");
    };
  }

  private static boolean known(String type) {
    return switch (type) {
      case "citizen.open", "citizen.resume", "citizen.end", "member.refused", "staff.auth", "msg.send", "presence.set",
          "keypackages.upload", "queue.take", "conversation.open", "conversation.transfer", "conversation.join",
          "conversation.leave", "conversation.end" -> true;
      default -> false;
    };
  }

  // ---- citizen ----

  private Future<JsonObject> citizenOpen(Frame f) {
    String queue = f.id("queue");
    String lang = f.oneOf("lang", "fi", "sv", "en");
    String groupId = f.base64("groupId", 16, 64);
    if (!openLimiter.tryOpen(clientAddress)) {
      throw new ChatException("rate_limited", "Too many new chats from this connection; wait a few minutes");
    }
    authenticating = true;
    return chat.citizens().open(queue, lang, groupId)
        .andThen(ar -> authenticating = false)
        .compose(opened -> {
          becomeCitizen(opened.conversation(), 0);
          return chat.figures().compute().map(fig -> {
            JsonObject pos = fig.getJsonObject("positions").getJsonObject(opened.conversation().id(), new JsonObject());
            return new JsonObject().put("type", "citizen.opened").put("conversation", opened.conversation().id())
                .put("secret", opened.secret()).put("seq", 0).put("status", "queued")
                .put("position", pos.getInteger("position", 1))
                .put("estimatedWaitSeconds", pos.getLong("estimatedWaitSeconds", 0L));
          });
        });
  }

  private Future<JsonObject> citizenResume(Frame f) {
    String id = f.token("conversation", 64);
    String secret = f.token("secret", 64);
    long afterSeq = f.seq("afterSeq");
    authenticating = true;
    return chat.citizens().resume(id, secret)
        .andThen(ar -> authenticating = false)
        .compose(c -> chat.figures().compute().map(fig -> {
          JsonObject reply = new JsonObject().put("type", "citizen.resumed").put("conversation", c.id())
              .put("status", c.status().name().toLowerCase());
          JsonObject pos = fig.getJsonObject("positions").getJsonObject(c.id());
          if (pos != null) {
            reply.put("position", pos.getInteger("position")).put("estimatedWaitSeconds", pos.getLong("estimatedWaitSeconds"));
          }
          send(reply.put("rid", f.rid()));
          becomeCitizen(c, afterSeq);
          for (org.bson.Document pending : c.pendingAdds()) {
            send(new JsonObject().put("type", "member.add").put("conversation", c.id())
                .mergeIn(new JsonObject(pending.toJson())));
          }
          return null;
        }));
  }

  private void becomeCitizen(Conversation c, long afterSeq) {
    citizenConversation = c;
    follow(c.id(), afterSeq);
    consume(Addresses.QUEUE_FIGURES, (JsonObject fig) -> {
      JsonObject pos = fig.getJsonObject("positions").getJsonObject(c.id());
      if (pos != null) {
        send(new JsonObject().put("type", "queue.position").put("conversation", c.id()).mergeIn(pos));
      }
    });
  }

  private Future<JsonObject> citizenEnd(Frame f) {
    String id = f.token("conversation", 64);
    if (!id.equals(citizenConversation.id())) {
      throw new ChatException("unknown_conversation", "Not your conversation");
    }
    boolean delete = f.bool("delete");
    return chat.citizens().end(citizenConversation, delete).map(deleted -> new JsonObject().put("type", "citizen.ended")
        .put("conversation", id).put("deleted", deleted));
  }

  /**
   * The citizen's client refused every device of a staff member it was asked to add. The answer
   * says what became of the chat: "queued" (with the position, like citizen.resumed) when it went
   * back to the queue, else "active".
   */
  private Future<JsonObject> memberRefused(Frame f) {
    String id = f.token("conversation", 64);
    if (!id.equals(citizenConversation.id())) {
      throw new ChatException("unknown_conversation", "Not your conversation");
    }
    String staffId = f.token("staff", 64);
    String reason = f.oneOf("reason", "identity_mismatch", "invalid");
    return chat.citizens().refused(citizenConversation, staffId, reason)
        .compose(r -> chat.figures().compute().map(fig -> {
          JsonObject reply = new JsonObject().put("type", "member.dropped").put("conversation", id)
              .put("staff", staffId).put("status", r.conversation().status().name().toLowerCase());
          JsonObject pos = fig.getJsonObject("positions").getJsonObject(id);
          if (pos != null) {
            reply.put("position", pos.getInteger("position")).put("estimatedWaitSeconds", pos.getLong("estimatedWaitSeconds"));
          }
          return reply;
        }));
  }

  // ---- staff ----

  private Future<JsonObject> staffAuth(Frame f) {
    String token = f.string("token", 8192);
    String device = f.token("device", 64);
    if (device.length() < 8) {
      throw new ChatException("bad_frame", "'device' must be 8-64 characters");
    }
    // a reconnecting console says what the worker had chosen, so a reconnect never flips them to available
    String status = f.has("presence") ? f.oneOf("presence", "available", "busy", "away") : "available";
    authenticating = true;
    return verifier.verify(token)
        .recover(e -> Future.failedFuture(new ChatException("unauthorized", "The sign-in has expired or is not valid")))
        .andThen(ar -> authenticating = false)
        .compose(p -> {
          staff = p;
          consume(Addresses.staff(p.id()), this::onStaffEvent);
          consume(Addresses.QUEUE_FIGURES, (JsonObject fig) -> send(new JsonObject().put("type", "queue.stats")
              .put("queues", fig.getJsonArray("queues")).put("waitingChats", waitingChats(fig))));
          consume(Addresses.REQUESTS_CHANGED, (JsonObject x) -> send(new JsonObject().put("type", "requests.changed")));
          staffDevice = device;
          // supervisors and peer experts never take chats: they do not count as available staff
          boolean takesChats = p.has(fi.matala.auth.Role.WORKER) || p.has(fi.matala.auth.Role.THERAPIST);
          return connectedStaff.connected(p.id(), device, takesChats ? status : "away");
        })
        .compose(v -> Future.all(chat.conversations().activeFor(staff.id()), chat.figures().compute()))
        .map(all -> {
          List<Conversation> mine = all.resultAt(0);
          JsonObject fig = all.resultAt(1);
          JsonArray convs = new JsonArray();
          mine.forEach(c -> convs.add(new JsonObject().put("conversation", c.id()).put("queue", c.queue())
              .put("lang", c.lang()).put("status", c.status().name().toLowerCase())
              .put("joinedSeq", c.member(staff.id()).map(Member::joinedSeq).orElse(null))));
          chat.figures().changed();
          return new JsonObject().put("type", "staff.authed")
              .put("staff", new JsonObject().put("id", staff.id()).put("username", staff.username())
                  .put("displayName", staff.displayName())
                  .put("roles", new JsonArray(staff.roles().stream().map(r -> r.id()).sorted().toList())))
              .put("conversations", convs).put("queues", fig.getJsonArray("queues"))
              .put("outcomes", new JsonArray(chat.assignments().outcomes()))
              .put("waitingChats", waitingChats(fig));
        });
  }

  /** The waiting chats a staff console lists (citizens get only their own position: see becomeCitizen). */
  private static JsonArray waitingChats(JsonObject figures) {
    return figures.getJsonArray("waitingChats", new JsonArray());
  }

  private void onStaffEvent(JsonObject event) {
    String conv = event.getString("conversation");
    switch (event.getString("event", "")) {
      case "assigned" -> send(new JsonObject().put("type", "conversation.assigned").mergeIn(event.copy().put("event", null)));
      case "removed" -> {
        unfollow(conv);
        send(new JsonObject().put("type", "conversation.removed").put("conversation", conv)
            .put("reason", event.getString("reason")));
      }
      case RoleChangeRecertification.EVENT -> {
        // key packages this connection uploads from now on would still state the old role
        certificateOutdated = true;
        send(new JsonObject().put("type", "staff.changed").put("reason", event.getString("reason")));
      }
      default -> { }
    }
  }

  private Future<JsonObject> presence(Frame f) {
    String status = f.oneOf("status", "available", "busy", "away");
    return chat.presence().set(staff.id(), status)
        .map(v -> {
          chat.figures().changed();
          return new JsonObject().put("type", "presence.ok").put("status", status);
        });
  }

  private Future<JsonObject> uploadKeyPackages(Frame f) {
    String device = f.token("device", 64);
    if (!device.equals(staffDevice)) {
      throw new ChatException("bad_frame", "Key packages can be uploaded only for this connection's device");
    }
    if (certificateOutdated) {
      throw new ChatException("recertify", "Your roles changed: get a new device certificate and reconnect");
    }
    JsonArray arr = f.array("keyPackages", 20);
    List<byte[]> packages = new ArrayList<>();
    for (Object o : arr) {
      if (!(o instanceof String s)) {
        throw new ChatException("bad_frame", "'keyPackages' must be base64 strings");
      }
      byte[] kp;
      try {
        kp = Base64.getDecoder().decode(s);
      } catch (IllegalArgumentException e) {
        throw new ChatException("bad_frame", "'keyPackages' must be base64 strings");
      }
      if (kp.length < 32 || kp.length > 8192) {
        throw new ChatException("bad_frame", "A key package must be 32-8192 bytes");
      }
      packages.add(kp);
    }
    return chat.keyPackages().store(staff.id(), device, packages)
        .map(n -> new JsonObject().put("type", "keypackages.ok").put("stored", packages.size()).put("available", n));
  }

  private Future<JsonObject> take(Frame f) {
    Optional<String> queue = f.optionalId("queue");
    Optional<String> conversation = f.optionalToken("conversation", 64);
    return chat.assignments().take(staff, queue, conversation).map(t -> new JsonObject().put("type", "queue.taken")
        .put("conversation", t.conversation().id()).put("queue", t.conversation().queue())
        .put("lang", t.conversation().lang()).put("waitedSeconds", t.waitedSeconds()));
  }

  private Future<JsonObject> openConversation(Frame f) {
    String id = f.token("conversation", 64);
    long afterSeq = f.seq("afterSeq");
    return chat.conversations().byId(id).compose(o -> {
      Conversation c = o.filter(x -> x.member(staff.id()).isPresent())
          .orElseThrow(() -> new ChatException("not_a_member", "You are not a member of this conversation"));
      follow(c.id(), afterSeq);
      return chat.audit().record(staff, "conversation.open", "conversation", c.id(), null).map(v -> new JsonObject().put("type", "conversation.opened")
          .put("conversation", c.id()).put("status", c.status().name().toLowerCase()));
    });
  }

  private Future<JsonObject> transfer(Frame f) {
    String id = f.token("conversation", 64);
    Optional<String> toQueue = f.optionalId("toQueue");
    Optional<String> toStaff = f.optionalToken("toStaff", 64);
    if (toQueue.isPresent() == toStaff.isPresent()) {
      throw new ChatException("bad_frame", "Give exactly one of 'toQueue' and 'toStaff'");
    }
    return chat.assignments().transfer(staff, id, toQueue, toStaff)
        .map(v -> new JsonObject().put("type", "conversation.transferred").put("conversation", id));
  }

  private Future<JsonObject> join(Frame f) {
    String id = f.token("conversation", 64);
    return chat.assignments().join(staff, id).map(v -> {
      follow(id, 0);
      return new JsonObject().put("type", "conversation.joining").put("conversation", id);
    });
  }

  private Future<JsonObject> leave(Frame f) {
    String id = f.token("conversation", 64);
    return chat.assignments().leave(staff, id).map(v -> {
      unfollow(id);
      return new JsonObject().put("type", "conversation.left").put("conversation", id);
    });
  }

  private Future<JsonObject> end(Frame f) {
    String id = f.token("conversation", 64);
    String outcome = f.string("outcome", 40);
    return chat.assignments().end(staff, id, outcome).map(v -> new JsonObject().put("type", "conversation.ended").put("conversation", id));
  }

  // ---- delivery ----

  private Future<JsonObject> sendMessage(Frame f, String staffId) {
    String id = f.token("conversation", 64);
    String data = f.string("data", MAX_FRAME_CHARS);
    Optional<String> to = f.optionalToken("to", 64);
    if (staffId == null) {
      if (!id.equals(citizenConversation.id())) {
        throw new ChatException("unknown_conversation", "Not your conversation");
      }
      return chat.delivery().send(citizenConversation, null, data, to.orElse(null)).map(this::ack);
    }
    return chat.conversations().byId(id).compose(o -> {
      Conversation conv = o.orElseThrow(() -> new ChatException("unknown_conversation", "No such conversation"));
      return chat.delivery().send(conv, staffId, data, to.orElse(null)).map(this::ack);
    });
  }

  private JsonObject ack(StoredMessage m) {
    return new JsonObject().put("type", "msg.ack").put("conversation", m.conversation()).put("seq", m.seq());
  }

  /** Delivery state of one followed conversation on this connection. */
  private final class Follower {
    final String conversation;
    long lastSent;
    boolean pumping;
    boolean again;
    boolean stopped;
    /** This staff member's membership as last read (null: unknown). */
    Member member;

    Follower(String conversation, long afterSeq) {
      this.conversation = conversation;
      this.lastSent = afterSeq;
    }
  }

  private void follow(String conversation, long afterSeq) {
    Follower existing = following.get(conversation);
    if (existing != null) {
      existing.lastSent = Math.min(existing.lastSent, afterSeq);
      pump(existing);
      return;
    }
    Follower f = new Follower(conversation, afterSeq);
    following.put(conversation, f);
    consume(Addresses.conversation(conversation), (JsonObject event) -> onConversationEvent(f, event));
    pump(f);
  }

  private void unfollow(String conversation) {
    Follower f = following.remove(conversation);
    if (f != null) {
      f.stopped = true;
    }
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
        if (citizenConversation != null) {
          send(new JsonObject().put("type", "member.add").put("conversation", f.conversation)
              .mergeIn(event.getJsonObject("pending")));
        }
      }
      case "status" -> send(new JsonObject().put("type", "conversation.status").put("conversation", f.conversation)
          .put("status", event.getString("status")).put("by", event.getString("by")));
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
    if (staff == null) {
      visible = to == null;
    } else {
      Member m = f.member;
      if (m == null || m.joinedSeq() == null || m.leftSeq() != null || seq < m.joinedSeq()) {
        return false;
      }
      visible = to == null || to.equals(staff.id());
    }
    if (visible) {
      send(frame);
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
    f.pumping = true;
    f.again = false;
    Future<Optional<Member>> visibility = staff == null ? Future.succeededFuture(Optional.empty())
        : chat.conversations().byId(f.conversation).map(o -> o.flatMap(c -> c.anyMember(staff.id())));
    visibility.compose(member -> {
      if (staff != null) {
        if (member.isEmpty() || member.get().joinedSeq() == null) {
          return Future.succeededFuture(0); // not added yet: wait for the Welcome, skip nothing
        }
        f.lastSent = Math.max(f.lastSent, member.get().joinedSeq() - 1);
        f.member = member.get();
      }
      return chat.log().after(f.conversation, f.lastSent, PAGE).map(list -> {
        for (StoredMessage m : list) {
          if (f.stopped || closed) {
            break;
          }
          boolean visible = staff == null
              ? m.to() == null
              : member.get().mayRead(m.seq()) && (m.to() == null || m.to().equals(staff.id()));
          if (visible) {
            send(m.toFrame());
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
      } else if (!f.stopped && !closed && (f.again || ar.result() == PAGE)) {
        pump(f);
      }
    });
  }

  // ---- plumbing ----

  private <T> void consume(String address, io.vertx.core.Handler<T> handler) {
    MessageConsumer<T> c = vertx.eventBus().consumer(address, msg -> {
      if (!closed) {
        handler.handle(msg.body());
      }
    });
    consumers.add(c);
  }

  private void send(JsonObject frame) {
    if (!closed && !ws.isClosed()) {
      ws.writeTextMessage(frame.encode());
    }
  }

  private void bad(String rid, String code, String message) {
    bad(rid, code, message, null);
  }

  private void bad(String rid, String code, String message, JsonObject extra) {
    JsonObject frame = new JsonObject().put("type", "error").put("error", code).put("message", message);
    if (rid != null) {
      frame.put("rid", rid);
    }
    if (extra != null) {
      frame.mergeIn(extra);
    }
    send(frame);
    long now = System.currentTimeMillis();
    if (now - badFrameWindowStart > 60_000) {
      badFrameWindowStart = now;
      badFrames = 0;
    }
    if (isClientError(code) && ++badFrames > MAX_BAD_FRAMES_PER_MINUTE) {
      ws.close((short) 1008, "too many bad frames");
    }
  }

  private static boolean isClientError(String code) {
    return switch (code) {
      case "malformed_json", "bad_frame", "unknown_type", "too_large", "binary_not_supported", "rate_limited",
          "bad_mls", "not_authenticated" -> true;
      default -> false;
    };
  }

  private void onClose() {
    closed = true;
    consumers.forEach(MessageConsumer::unregister);
    consumers.clear();
    following.clear();
    if (staff != null) {
      connectedStaff.disconnected(staff.id(), staffDevice).onComplete(ar -> chat.figures().changed());
    }
  }
}
