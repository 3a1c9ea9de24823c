package fi.matala.chat.citizen;

import fi.matala.audit.AuditLog;
import fi.matala.chat.ChatException;
import fi.matala.chat.ChatNotices;
import fi.matala.chat.conversation.Conversation;
import fi.matala.chat.conversation.ConversationRepository;
import fi.matala.chat.events.ChatEvents;
import fi.matala.chat.queue.QueueDefinition;
import fi.matala.chat.queue.QueueFigures;
import fi.matala.chat.queue.QueueRepository;
import fi.matala.chat.retention.ConversationEraser;
import fi.matala.config.MatalaConfig;
import fi.matala.crypto.Sha256;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an anonymous citizen can do with their chat: open it, resume it with the secret only their
 * browser holds, end (and delete) it, and refuse a staff member their client could not verify.
 * Each state change is one atomic database update, then a notice on the event bus.
 */
public final class CitizenChats {
  private static final Logger LOG = LoggerFactory.getLogger(CitizenChats.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MatalaConfig config;
  private final QueueRepository queues;
  private final ConversationRepository conversations;
  private final ConversationEraser eraser;
  private final ChatEvents events;
  private final QueueFigures figures;
  private final AuditLog audit;
  private final ChatNotices notices;
  private final WaitingPerAddress perAddress;
  private final CitizenAttendance attendance;

  public CitizenChats(MatalaConfig config, QueueRepository queues, ConversationRepository conversations,
      ConversationEraser eraser, ChatEvents events, QueueFigures figures, AuditLog audit, ChatNotices notices) {
    this.config = config;
    this.queues = queues;
    this.conversations = conversations;
    this.eraser = eraser;
    this.events = events;
    this.figures = figures;
    this.audit = audit;
    this.notices = notices;
    this.perAddress = new WaitingPerAddress(config.floods().waitingPerAddress());
    this.attendance = new CitizenAttendance(conversations, figures, config.floods().queueDetachAfter());
  }

  /** Which citizens are still there (for connections and the periodic tick). */
  public CitizenAttendance attendance() {
    return attendance;
  }

  /** A new conversation and the resume secret that only the citizen's browser will hold. */
  public record Opened(Conversation conversation, String secret) {}

  /** Opens a chat without a per-address limit (for tools and tests that act as the server). */
  public Future<Opened> open(String queueId, String lang, String groupIdB64) {
    return open(queueId, lang, groupIdB64, null);
  }

  /**
   * Opens a chat for a citizen at this client address (memory only), which may have at most
   * MATALA_QUEUE_MAX_WAITING_PER_ADDRESS chats waiting in the queue; null: no such limit.
   */
  public Future<Opened> open(String queueId, String lang, String groupIdB64, String address) {
    record Admitted(QueueDefinition queue, WaitingPerAddress.Entry place) {}
    return queues.list().compose(all -> {
      QueueDefinition q = all.stream().filter(d -> d.id().equals(queueId)).findFirst()
          .orElseThrow(() -> new ChatException("unknown_queue", "No such queue"));
      if (!q.hours().isOpen(Instant.now())) {
        throw new ChatException("queue_closed", "This service is closed now");
      }
      long readAt = System.currentTimeMillis();
      return conversations.waiting().map(w -> {
        Set<String> waiting = idsIn(w, queueId);
        if (waiting.size() >= config.queueMaxWaiting()) {
          throw new ChatException("queue_full", "All workers are busy and the queue is full");
        }
        WaitingPerAddress.Entry place = address == null ? null : perAddress.admit(address, queueId, null, waiting, readAt);
        if (address != null && place == null) {
          throw tooManyWaiting();
        }
        return new Admitted(q, place);
      });
    }).compose(a -> {
      String id = randomToken(18);
      String secret = randomToken(32);
      return conversations.create(id, a.queue().id(), lang, groupIdB64, Sha256.base64Url(secret), a.queue().priority(),
              config.retention())
          .andThen(ar -> {
            if (a.place() != null) {
              if (ar.succeeded()) {
                a.place().created(ar.result().id());
              } else {
                a.place().cancel();
              }
            }
          })
          .map(c -> new Opened(c, secret));
    }).compose(o -> events.record(ChatEvents.Type.QUEUED, o.conversation().id(), o.conversation().queue(), null)
        .map(v -> {
          figures.changed();
          return o;
        }));
  }

  /** Resumes without a per-address limit (for tools and tests that act as the server). */
  public Future<Conversation> resume(String id, String secret) {
    return resume(id, secret, null);
  }

  /**
   * The conversation with this id and secret; its citizen counts as present again. A waiting chat
   * that had dropped out of its queue (its citizen gone longer than MATALA_QUEUE_DETACH_AFTER)
   * rejoins it in its old place (its queuedAt is kept: the citizen has waited since then, and a
   * phone that slept should not cost them their turn) if this address has room for one more
   * waiting chat in that queue; otherwise "rate_limited", and the page tries again later.
   */
  public Future<Conversation> resume(String id, String secret, String address) {
    return conversations.byIdAndSecret(id, Sha256.base64Url(secret)).map(o -> o.orElseThrow(() ->
        new ChatException("unknown_conversation", "No such conversation (it may have ended and been deleted)")))
        .compose(c -> c.status() == Conversation.Status.QUEUED && conversations.detached(c)
            ? rejoin(c, address)
            : conversations.seen(List.of(c.id()), new Date()).map(v -> c));
  }

  private Future<Conversation> rejoin(Conversation c, String address) {
    long readAt = System.currentTimeMillis();
    return conversations.waiting().compose(w -> {
      WaitingPerAddress.Entry place = address == null ? null
          : perAddress.admit(address, c.queue(), c.id(), idsIn(w, c.queue()), readAt);
      if (address != null && place == null) {
        throw tooManyWaiting();
      }
      return conversations.seen(List.of(c.id()), new Date()).map(v -> {
        if (place != null) {
          place.created(c.id());
        }
        figures.changed();
        return c;
      });
    });
  }

  /** Housekeeping: forgets the addresses of chats no longer waiting. */
  public Future<Void> sweep() {
    long readAt = System.currentTimeMillis();
    return conversations.waiting().map(w -> {
      perAddress.sweep(w.stream().map(d -> d.getString("_id")).collect(Collectors.toSet()), readAt);
      return null;
    });
  }

  private static Set<String> idsIn(List<Document> waiting, String queue) {
    return waiting.stream().filter(d -> queue.equals(d.getString("queue"))).map(d -> d.getString("_id"))
        .collect(Collectors.toSet());
  }

  private static ChatException tooManyWaiting() {
    return new ChatException("rate_limited", "Too many chats are waiting from this connection; wait a few minutes");
  }

  /**
   * Ends the chat for the citizen; true if it was also deleted (as they asked). Deleting also
   * removes its id from statistics and audit at once; its "ended" event is then counted without
   * an id from the start, and is stored before the deletion so that nothing is left behind it.
   */
  public Future<Boolean> end(Conversation c, boolean delete) {
    return conversations.end(c.id(), null)
        .compose(ended -> {
          Future<Void> event = ended.isPresent()
              ? events.record(ChatEvents.Type.ENDED, delete ? null : c.id(), c.queue(),
                  new Document("by", "citizen").append("outcome", null))
              : Future.succeededFuture();
          notices.status(c.id(), "ended", "citizen");
          if (c.assignedTo() != null) {
            notices.removed(c.assignedTo(), c.id(), "ended");
          }
          figures.changed();
          return event.compose(v -> delete ? eraser.erase(c.id()) : Future.succeededFuture(false));
        });
  }

  /**
   * The citizen's client refused every device of a staff member it was asked to add (their
   * certificate named someone else or another role, or did not verify): nobody may be left
   * waiting for a Welcome that will never come. The addition is dropped; an assigned worker's chat
   * goes back to its queue in its old place; the staff member's consoles close it. A certificate
   * mismatch means misconfiguration or an attack, so it is logged and audited (no citizen data).
   */
  public Future<ConversationRepository.Refusal> refused(Conversation c, String staffId, String reason) {
    return conversations.refuse(c.id(), staffId).compose(o -> {
      ConversationRepository.Refusal r = o.orElseThrow(() -> new ChatException("not_pending",
          "That staff member is not waiting to be added to this conversation"));
      LOG.warn("The citizen's client refused the devices of staff {} in conversation {}: {}", staffId, c.id(), reason);
      notices.members(c.id());
      notices.removed(staffId, c.id(), "refused");
      if (r.requeued()) {
        figures.changed();
      }
      // for statistics the taken chat went back to its queue, like a transfer to a queue
      Future<Void> event = r.requeued()
          ? events.record(ChatEvents.Type.TRANSFERRED, c.id(), c.queue(),
              new Document("toStaff", false).append("refused", true))
          : Future.succeededFuture();
      return event.compose(v -> audit.record(null, "citizen", "member.refused", "staff", staffId,
              new Document("conversation", c.id()).append("reason", reason).append("requeued", r.requeued())))
          .map(v -> r);
    });
  }

  private static String randomToken(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
