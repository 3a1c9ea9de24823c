package fi.matala.chat.ws;

import fi.matala.auth.Role;
import fi.matala.auth.StaffPrincipal;
import fi.matala.auth.StaffTokenVerifier;
import fi.matala.chat.Addresses;
import fi.matala.chat.ChatException;
import fi.matala.chat.ChatNotices;
import fi.matala.chat.ChatOperations;
import fi.matala.chat.conversation.Conversation;
import fi.matala.chat.conversation.Member;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The frames of a staff console's connection (docs/protocol.md): sign in with a token for one
 * device, then presence, key packages, taking, opening, transferring, joining, leaving and ending chats.
 * How long the sign-in lasts is the {@link StaffSession}'s business.
 */
final class StaffFrames {
  private final Vertx vertx;
  private final ChatSocket socket;
  private final ChatOperations chat;
  private final StaffTokenVerifier verifier;
  private final ConnectedStaff connectedStaff;
  private final StaffSession session;
  private StaffPrincipal staff;
  private String device;
  private ConversationFeed feed;
  private boolean authenticating;

  StaffFrames(Vertx vertx, ChatSocket socket, ChatOperations chat, StaffTokenVerifier verifier,
      ConnectedStaff connectedStaff) {
    this.vertx = vertx;
    this.socket = socket;
    this.chat = chat;
    this.verifier = verifier;
    this.connectedStaff = connectedStaff;
    this.session = new StaffSession(vertx, socket, chat.keyPackages());
  }

  boolean authenticated() {
    return staff != null;
  }

  boolean authenticating() {
    return authenticating;
  }

  /** The frames of a signed-in console. */
  Future<JsonObject> handle(String type, Frame f) {
    if (session.ended()) {
      throw new ChatException("unauthorized", "This session has ended; sign in again");
    }
    return switch (type) {
      case "staff.renew" -> renew(f);
      case "msg.send" -> sendMessage(f);
      case "presence.set" -> presence(f);
      case "keypackages.upload" -> uploadKeyPackages(f);
      case "queue.take" -> take(f);
      case "conversation.open" -> openConversation(f);
      case "conversation.transfer" -> transfer(f);
      case "conversation.join" -> join(f);
      case "conversation.leave" -> leave(f);
      case "conversation.end" -> end(f);
      default -> throw ChatSocket.notAllowed(type, "forbidden", "Not allowed for staff");
    };
  }

  Future<JsonObject> authenticate(Frame f) {
    String token = f.string("token", 8192);
    String device = f.token("device", 64);
    if (device.length() < 8) {
      throw new ChatException("bad_frame", "'device' must be 8-64 characters");
    }
    // a reconnecting console says what the worker had chosen, so a reconnect never flips them to available
    String status = f.has("presence") ? f.oneOf("presence", "available", "busy", "away") : "available";
    authenticating = true;
    return verify(token)
        .compose(p -> {
          socket.consume(Addresses.staff(p.id()), this::onStaffEvent);
          // checked again now that this connection hears of its session ending: a revocation that
          // came between the first check and the subscription is caught here, never missed
          return verify(token).onFailure(e -> socket.close(CloseCodes.TOKEN_EXPIRED, "sign-in no longer valid"));
        })
        .andThen(ar -> authenticating = false)
        .compose(p -> {
          if (session.ended() || socket.closed()) {
            return Future.failedFuture(new ChatException("unauthorized", "This session has ended; sign in again"));
          }
          staff = p;
          session.begin(p, device);
          feed = new ConversationFeed(vertx, socket, chat, p.id());
          socket.consume(Addresses.QUEUE_FIGURES, (JsonObject fig) -> socket.send(new JsonObject()
              .put("type", "queue.stats").put("queues", fig.getJsonArray("queues")).put("waitingChats", waitingChats(fig))));
          socket.consume(Addresses.REQUESTS_CHANGED, (JsonObject x) -> socket.send(new JsonObject()
              .put("type", "requests.changed")));
          socket.consume(Addresses.KB_CHANGED, (JsonObject x) -> socket.send(new JsonObject()
              .put("type", "kb.changed").put("version", x.getString("version"))));
          this.device = device;
          // supervisors and peer experts never take chats: they do not count as available staff
          boolean takesChats = p.has(Role.WORKER) || p.has(Role.THERAPIST);
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
              .put("waitingChats", waitingChats(fig))
              .put("expiresAt", session.expiresAt());
        });
  }

  private Future<StaffPrincipal> verify(String token) {
    return verifier.verify(token)
        .recover(e -> Future.failedFuture(new ChatException("unauthorized", "The sign-in has expired or is not valid")));
  }

  /** staff.renew: the console refreshed its access token; the connection now lasts as long as the new one. */
  private Future<JsonObject> renew(Frame f) {
    String token = f.string("token", 8192);
    return verify(token).map(p -> {
      staff = session.renew(p);
      return new JsonObject().put("type", "staff.renewed").put("expiresAt", session.expiresAt());
    });
  }

  /** The waiting chats a staff console lists (citizens get only their own position: see CitizenFrames). */
  private static JsonArray waitingChats(JsonObject figures) {
    return figures.getJsonArray("waitingChats", new JsonArray());
  }

  private void onStaffEvent(JsonObject event) {
    String conv = event.getString("conversation");
    if (staff == null && !ChatNotices.SESSION_ENDED.equals(event.getString("event"))) {
      return; // still signing in: staff.authed lists what is theirs
    }
    switch (event.getString("event", "")) {
      case "assigned" -> socket.send(new JsonObject().put("type", "conversation.assigned")
          .mergeIn(event.copy().put("event", null)));
      case "removed" -> {
        feed.unfollow(conv);
        socket.send(new JsonObject().put("type", "conversation.removed").put("conversation", conv)
            .put("reason", event.getString("reason")));
      }
      case ChatNotices.SESSION_ENDED -> session.end(event.getString("reason", ""));
      default -> { }
    }
  }

  private Future<JsonObject> sendMessage(Frame f) {
    OutgoingMessage m = OutgoingMessage.read(f);
    return chat.conversations().byId(m.conversation()).compose(o -> {
      Conversation conv = o.orElseThrow(() -> new ChatException("unknown_conversation", "No such conversation"));
      return chat.delivery().send(conv, staff.id(), m.data(), m.to().orElse(null)).map(s -> s.toAck());
    });
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
    if (!device.equals(this.device)) {
      throw new ChatException("bad_frame", "Key packages can be uploaded only for this connection's device");
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
      feed.follow(c.id(), afterSeq);
      return chat.audit().record(staff, "conversation.open", "conversation", c.id(), null)
          .map(v -> new JsonObject().put("type", "conversation.opened")
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
      feed.follow(id, 0);
      return new JsonObject().put("type", "conversation.joining").put("conversation", id);
    });
  }

  private Future<JsonObject> leave(Frame f) {
    String id = f.token("conversation", 64);
    return chat.assignments().leave(staff, id).map(v -> {
      feed.unfollow(id);
      return new JsonObject().put("type", "conversation.left").put("conversation", id);
    });
  }

  private Future<JsonObject> end(Frame f) {
    String id = f.token("conversation", 64);
    String outcome = f.string("outcome", 40);
    return chat.assignments().end(staff, id, outcome)
        .map(v -> new JsonObject().put("type", "conversation.ended").put("conversation", id));
  }

  /** The connection closed: the device no longer counts as connected, which may change the queue figures. */
  void close() {
    session.close();
    if (feed != null) {
      feed.close();
    }
    if (staff != null) {
      connectedStaff.disconnected(staff.id(), device).onComplete(ar -> chat.figures().changed());
    }
  }
}
