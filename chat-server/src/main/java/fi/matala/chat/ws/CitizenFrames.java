package fi.matala.chat.ws;

import fi.matala.chat.Addresses;
import fi.matala.chat.ChatException;
import fi.matala.chat.ChatOperations;
import fi.matala.chat.conversation.Conversation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.bson.Document;

/**
 * The frames of an anonymous citizen's connection (docs/protocol.md): open or resume one chat,
 * then send to it, end it and refuse a staff member. A citizen only ever sees their own chat.
 */
final class CitizenFrames {
  private final Vertx vertx;
  private final ChatSocket socket;
  private final ChatOperations chat;
  private final OpenLimiter openLimiter;
  private final ResumeThrottle resumeThrottle;
  private final String clientAddress;
  private Conversation conversation;
  private ConversationFeed feed;
  private boolean authenticating;

  CitizenFrames(Vertx vertx, ChatSocket socket, ChatOperations chat, OpenLimiter openLimiter,
      ResumeThrottle resumeThrottle, String clientAddress) {
    this.vertx = vertx;
    this.socket = socket;
    this.chat = chat;
    this.openLimiter = openLimiter;
    this.resumeThrottle = resumeThrottle;
    this.clientAddress = clientAddress;
  }

  boolean authenticated() {
    return conversation != null;
  }

  boolean authenticating() {
    return authenticating;
  }

  /** The frames of an opened or resumed chat. */
  Future<JsonObject> handle(String type, Frame f) {
    return switch (type) {
      case "msg.send" -> sendMessage(f);
      case "citizen.end" -> end(f);
      case "member.refused" -> memberRefused(f);
      default -> throw ChatSocket.notAllowed(type, "forbidden", "Not allowed for a citizen");
    };
  }

  Future<JsonObject> open(Frame f) {
    String queue = f.id("queue");
    String lang = f.oneOf("lang", "fi", "sv", "en");
    String groupId = f.base64("groupId", 16, 64);
    if (!openLimiter.tryOpen(clientAddress)) {
      throw new ChatException("rate_limited", "Too many new chats from this connection; wait a few minutes");
    }
    authenticating = true;
    // "authenticating" lasts until this connection has become the chat's: no second open or resume slips in
    return chat.citizens().open(queue, lang, groupId, clientAddress)
        .compose(opened -> {
          become(opened.conversation(), 0);
          return chat.figures().compute().map(fig -> {
            JsonObject pos = fig.getJsonObject("positions").getJsonObject(opened.conversation().id(), new JsonObject());
            return new JsonObject().put("type", "citizen.opened").put("conversation", opened.conversation().id())
                .put("secret", opened.secret()).put("seq", 0).put("status", "queued")
                .put("position", pos.getInteger("position", 1))
                .put("estimatedWaitSeconds", pos.getLong("estimatedWaitSeconds", 0L));
          });
        })
        .andThen(ar -> authenticating = false);
  }

  /** Replies before delivery starts, so that the client knows the chat before its messages arrive. */
  Future<JsonObject> resume(Frame f) {
    String id = f.token("conversation", 64);
    String secret = f.token("secret", 64);
    long afterSeq = f.seq("afterSeq");
    if (!resumeThrottle.tryResume(clientAddress)) {
      throw new ChatException("rate_limited", "Too many resumes from this connection; wait a moment");
    }
    authenticating = true;
    return chat.citizens().resume(id, secret, clientAddress)
        .onFailure(e -> {
          if (e instanceof ChatException ce && ce.code().equals("unknown_conversation")) {
            resumeThrottle.wrongSecret(clientAddress);
          }
        })
        .compose(c -> chat.figures().compute().map(fig -> {
          JsonObject reply = new JsonObject().put("type", "citizen.resumed").put("conversation", c.id())
              .put("status", c.status().name().toLowerCase());
          socket.send(withPosition(reply, fig, c.id()).put("rid", f.rid()));
          become(c, afterSeq);
          for (Document pending : c.pendingAdds()) {
            socket.send(new JsonObject().put("type", "member.add").put("conversation", c.id())
                .mergeIn(new JsonObject(pending.toJson())));
          }
          return (JsonObject) null;
        }))
        .andThen(ar -> authenticating = false);
  }

  private void become(Conversation c, long afterSeq) {
    conversation = c;
    chat.citizens().attendance().connected(c.id());
    feed = new ConversationFeed(vertx, socket, chat, null);
    feed.follow(c.id(), afterSeq);
    socket.consume(Addresses.QUEUE_FIGURES, (JsonObject fig) -> {
      JsonObject pos = fig.getJsonObject("positions").getJsonObject(c.id());
      if (pos != null) {
        socket.send(new JsonObject().put("type", "queue.position").put("conversation", c.id()).mergeIn(pos));
      }
    });
  }

  private Future<JsonObject> sendMessage(Frame f) {
    OutgoingMessage m = OutgoingMessage.read(f);
    own(m.conversation());
    return chat.delivery().send(conversation, null, m.data(), m.to().orElse(null)).map(s -> s.toAck());
  }

  private Future<JsonObject> end(Frame f) {
    String id = own(f.token("conversation", 64));
    boolean delete = f.bool("delete");
    return chat.citizens().end(conversation, delete).map(deleted -> new JsonObject().put("type", "citizen.ended")
        .put("conversation", id).put("deleted", deleted));
  }

  /**
   * The citizen's client refused every device of a staff member it was asked to add. The answer
   * says what became of the chat: "queued" (with the position, like citizen.resumed) when it went
   * back to the queue, else "active".
   */
  private Future<JsonObject> memberRefused(Frame f) {
    String id = own(f.token("conversation", 64));
    String staffId = f.token("staff", 64);
    String reason = f.oneOf("reason", "identity_mismatch", "invalid");
    return chat.citizens().refused(conversation, staffId, reason)
        .compose(r -> chat.figures().compute().map(fig -> withPosition(new JsonObject().put("type", "member.dropped")
            .put("conversation", id).put("staff", staffId)
            .put("status", r.conversation().status().name().toLowerCase()), fig, id)));
  }

  /** A citizen names their conversation in every frame; any other is refused without saying whether it exists. */
  private String own(String id) {
    if (!id.equals(conversation.id())) {
      throw new ChatException("unknown_conversation", "Not your conversation");
    }
    return id;
  }

  /** Adds the queue position and estimated wait if the chat is waiting. */
  private static JsonObject withPosition(JsonObject reply, JsonObject figures, String id) {
    JsonObject pos = figures.getJsonObject("positions").getJsonObject(id);
    if (pos != null) {
      reply.put("position", pos.getInteger("position")).put("estimatedWaitSeconds", pos.getLong("estimatedWaitSeconds"));
    }
    return reply;
  }

  void close() {
    if (feed != null) {
      feed.close();
    }
    if (conversation != null) {
      chat.citizens().attendance().disconnected(conversation.id());
    }
  }
}
