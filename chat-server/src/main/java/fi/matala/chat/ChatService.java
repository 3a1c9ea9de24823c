package fi.matala.chat;

import fi.matala.audit.AuditLog;
import fi.matala.auth.Role;
import fi.matala.auth.StaffPrincipal;
import fi.matala.auth.StaffRepository;
import fi.matala.chat.conversation.Conversation;
import fi.matala.chat.conversation.ConversationRepository;
import fi.matala.chat.conversation.Member;
import fi.matala.chat.delivery.MessageLog;
import fi.matala.chat.delivery.MlsEnvelope;
import fi.matala.chat.delivery.StoredMessage;
import fi.matala.chat.events.ChatEvents;
import fi.matala.chat.keys.KeyPackageStore;
import fi.matala.chat.presence.PresenceRepository;
import fi.matala.chat.queue.QueueDefinition;
import fi.matala.chat.queue.QueueFigures;
import fi.matala.chat.queue.QueueRepository;
import fi.matala.config.MatalaConfig;
import fi.matala.crypto.Sha256;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's operations, independent of any connection: open and resume (citizen), take,
 * transfer, join and end (staff), and the delivery service's append. Each state change is one
 * atomic database update, then a notification on the event bus.
 */
public final class ChatService {
  private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final MatalaConfig config;
  private final QueueRepository queues;
  private final ConversationRepository conversations;
  private final MessageLog log;
  private final KeyPackageStore keyPackages;
  private final ChatEvents events;
  private final QueueFigures figures;
  private final StaffRepository staff;
  private final AuditLog audit;
  private final PresenceRepository presence;

  public ChatService(Vertx vertx, MatalaConfig config, QueueRepository queues, ConversationRepository conversations,
      MessageLog log, KeyPackageStore keyPackages, ChatEvents events, QueueFigures figures, StaffRepository staff,
      AuditLog audit, PresenceRepository presence) {
    this.presence = presence;
    this.vertx = vertx;
    this.config = config;
    this.queues = queues;
    this.conversations = conversations;
    this.log = log;
    this.keyPackages = keyPackages;
    this.events = events;
    this.figures = figures;
    this.staff = staff;
    this.audit = audit;
  }

  /** The anonymous outcome categories a worker picks from when ending a chat (configured). */
  public List<String> outcomes() {
    return config.outcomes();
  }

  public QueueFigures figures() {
    return figures;
  }

  public KeyPackageStore keyPackages() {
    return keyPackages;
  }

  public MessageLog log() {
    return log;
  }

  public ConversationRepository conversations() {
    return conversations;
  }

  public PresenceRepository presence() {
    return presence;
  }

  /** Records a staff action on a conversation (e.g. opening it to read). */
  public Future<Void> audit(StaffPrincipal who, String action, String conversation) {
    return audit.record(who, action, "conversation", conversation, null);
  }

  // ---- citizen ----

  /** A new conversation and the resume secret that only the citizen's browser will hold. */
  public record Opened(Conversation conversation, String secret) {}

  public Future<Opened> open(String queueId, String lang, String groupIdB64) {
    return queues.list().compose(all -> {
      QueueDefinition q = all.stream().filter(d -> d.id().equals(queueId)).findFirst()
          .orElseThrow(() -> new ChatException("unknown_queue", "No such queue"));
      if (!q.hours().isOpen(Instant.now())) {
        throw new ChatException("queue_closed", "This service is closed now");
      }
      return conversations.waiting().map(w -> {
        long waiting = w.stream().filter(d -> queueId.equals(d.getString("queue"))).count();
        if (waiting >= config.queueMaxWaiting()) {
          throw new ChatException("queue_full", "All workers are busy and the queue is full");
        }
        return q;
      });
    }).compose(q -> {
      String id = randomToken(18);
      String secret = randomToken(32);
      return conversations.create(id, q.id(), lang, groupIdB64, sha256(secret), q.priority(), config.retention())
          .map(c -> new Opened(c, secret));
    }).compose(o -> events.record(ChatEvents.Type.QUEUED, o.conversation().id(), o.conversation().queue(), null)
        .map(v -> {
          figures.changed();
          return o;
        }));
  }

  public Future<Conversation> resume(String id, String secret) {
    return conversations.byIdAndSecret(id, sha256(secret)).map(o -> o.orElseThrow(() ->
        new ChatException("unknown_conversation", "No such conversation (it may have ended and been deleted)")));
  }

  public Future<Boolean> citizenEnd(Conversation c, boolean delete) {
    return conversations.end(c.id(), null)
        .compose(ended -> {
          ended.ifPresent(e -> events.record(ChatEvents.Type.ENDED, c.id(), c.queue(),
              new Document("by", "citizen").append("outcome", null)));
          publishStatus(c.id(), "ended", "citizen");
          if (c.assignedTo() != null) {
            vertx.eventBus().publish(Addresses.staff(c.assignedTo()),
                new JsonObject().put("event", "removed").put("conversation", c.id()).put("reason", "ended"));
          }
          figures.changed();
          return delete ? deleteConversation(c.id()) : Future.succeededFuture(false);
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
      publishMembers(c.id());
      vertx.eventBus().publish(Addresses.staff(staffId),
          new JsonObject().put("event", "removed").put("conversation", c.id()).put("reason", "refused"));
      if (r.requeued()) {
        figures.changed();
      }
      return audit.record(null, "citizen", "member.refused", "staff", staffId,
              new Document("conversation", c.id()).append("reason", reason).append("requeued", r.requeued()))
          .map(v -> r);
    });
  }

  private Future<Boolean> deleteConversation(String id) {
    return log.deleteConversation(id).compose(n -> conversations.delete(id));
  }

  // ---- staff ----

  public record Taken(Conversation conversation, long waitedSeconds) {}

  public Future<Taken> take(StaffPrincipal who, Optional<String> queue, Optional<String> conversation) {
    if (!who.has(Role.WORKER) && !who.has(Role.THERAPIST)) {
      return Future.failedFuture(new ChatException("forbidden", "Only workers take chats"));
    }
    Member taker = new Member(who.id(), who.displayName(), primaryRole(who), null, null);
    return conversations.countAssigned(who.id())
        .compose(n -> n >= config.workerChatLimit()
            ? Future.failedFuture(new ChatException("limit_reached", "You already have " + n + " chats"))
            : keyPackages.available(who.id()))
        .compose(kp -> kp == 0
            ? Future.failedFuture(new ChatException("no_key_packages", "Your device has no key packages; reconnect"))
            : queues.list())
        .compose(all -> {
          List<String> served = all.stream().map(QueueDefinition::id).filter(id -> queue.map(id::equals).orElse(true)).toList();
          Future<Optional<Conversation>> taken = conversation.isPresent()
              ? conversations.take(conversation.get(), taker)
              : conversations.takeNext(served, taker);
          return taken.map(o -> o.orElseThrow(() -> conversation.isPresent()
              ? new ChatException("already_taken", "Someone already took this chat, or it ended")
              : new ChatException("nothing_waiting", "Nobody is waiting")));
        })
        .compose(c -> requestAdd(c, taker, Role.deviceRole(who.roles()), "taken", pendingRemovals(c, who.id()))
            .map(c2 -> c)
            .recover(e -> conversations.untake(c.id(), who.id()).transform(x -> {
              figures.changed();
              return Future.<Conversation>failedFuture(e);
            })))
        .compose(c -> {
          long waited = Duration.between(c.queuedAt().toInstant(), Instant.now()).toSeconds();
          figures.changed();
          vertx.eventBus().publish(Addresses.staff(who.id()), assigned(c));
          return events.record(ChatEvents.Type.TAKEN, c.id(), c.queue(), new Document("waitSeconds", waited))
              .compose(v -> audit.record(who, "conversation.take", "conversation", c.id(), null))
              .map(v -> new Taken(c, waited));
        });
  }

  /** Staff whose access ended (transfer) but whom the citizen's client has not yet removed from the MLS group. */
  private static List<String> pendingRemovals(Conversation c, String except) {
    return c.members().stream().filter(m -> !m.active() && m.joinedSeq() != null && !m.staffId().equals(except))
        .map(Member::staffId).toList();
  }

  public Future<Void> transfer(StaffPrincipal who, String id, Optional<String> toQueue, Optional<String> toStaff) {
    return conversations.byId(id).compose(o -> {
      Conversation c = o.filter(x -> who.id().equals(x.assignedTo()))
          .orElseThrow(() -> new ChatException("not_yours", "This chat is not assigned to you"));
      return log.lastSeq(id).compose(last -> {
        if (toQueue.isPresent()) {
          return queues.list().compose(all -> {
            if (all.stream().noneMatch(q -> q.id().equals(toQueue.get()))) {
              throw new ChatException("unknown_queue", "No such queue");
            }
            return conversations.release(id, who.id(), last + 1, toQueue.get());
          }).compose(r -> {
            publishMembers(id);
            Conversation after = r.orElseThrow(() -> new ChatException("not_yours", "This chat is not assigned to you"));
            // nobody to add yet: the citizen's client removes the old worker now
            return requestRemove(after, List.of(who.id()), "transfer");
          });
        }
        String target = toStaff.orElseThrow(() -> new ChatException("bad_frame", "Give toQueue or toStaff"));
        if (target.equals(who.id())) {
          throw new ChatException("bad_frame", "Transfer to yourself");
        }
        return staff.byId(target).compose(t -> {
          var member = t.filter(m -> !m.disabled() && (m.has(Role.WORKER) || m.has(Role.THERAPIST)))
              .orElseThrow(() -> new ChatException("unknown_staff", "No such active worker"));
          Member incoming = new Member(member.id(), member.displayName(), member.roles().get(0).id(), null, null);
          return keyPackages.available(member.id()).compose(n -> {
            if (n == 0) {
              throw new ChatException("colleague_offline", "That colleague is not connected now");
            }
            return conversations.release(id, who.id(), last + 1, null);
          }).compose(r -> {
            publishMembers(id);
            return conversations.addMember(id, incoming, true);
          })
              .compose(r -> requestAdd(r.orElseThrow(), incoming, Role.deviceRole(member.roles()), "transfer",
                  List.of(who.id()))
                  .map(v -> true)
                  // the colleague's last key package went elsewhere meanwhile: the chat waits in its queue instead
                  .recover(e -> conversations.release(id, member.id(), last + 1, c.queue())
                      .compose(x -> requestRemove(c, List.of(who.id()), "transfer")).map(x -> false)))
              .map(added -> {
                if (added) {
                  vertx.eventBus().publish(Addresses.staff(member.id()), assigned(c));
                }
                return null;
              });
        });
      }).compose(v -> {
        vertx.eventBus().publish(Addresses.staff(who.id()),
            new JsonObject().put("event", "removed").put("conversation", id).put("reason", "transferred"));
        figures.changed();
        return events.record(ChatEvents.Type.TRANSFERRED, id, toQueue.orElse(c.queue()),
                new Document("toStaff", toStaff.isPresent()))
            .compose(x -> audit.record(who, "conversation.transfer", "conversation", id,
                new Document("toQueue", toQueue.orElse(null)).append("toStaff", toStaff.orElse(null))));
      });
    });
  }

  /** A supervisor or peer expert joins visibly: the citizen's client adds them and shows who joined. */
  public Future<Void> join(StaffPrincipal who, String id) {
    if (!who.has(Role.SUPERVISOR) && !who.has(Role.PEER)) {
      return Future.failedFuture(new ChatException("forbidden", "Only supervisors and peer experts join chats"));
    }
    Member joining = new Member(who.id(), who.displayName(), who.has(Role.SUPERVISOR) ? "supervisor" : "peer", null, null);
    return keyPackages.available(who.id())
        .compose(n -> n == 0 ? Future.failedFuture(new ChatException("no_key_packages", "Reconnect your device"))
            : conversations.addMember(id, joining, false))
        .compose(o -> {
          Conversation c = o.orElseThrow(() -> new ChatException("unknown_conversation", "No such open conversation"));
          return requestAdd(c, joining, Role.deviceRole(who.roles()), "join", List.of());
        })
        .compose(v -> audit.record(who, "conversation.join", "conversation", id, null));
  }

  /** A joined supervisor or peer expert leaves; the citizen's client removes them from the group. */
  public Future<Void> leave(StaffPrincipal who, String id) {
    return log.lastSeq(id)
        .compose(last -> conversations.leave(id, who.id(), last + 1))
        .compose(o -> {
          Conversation c = o.orElseThrow(() -> new ChatException("not_a_member",
              "You have not joined this chat (a worker transfers or ends it instead)"));
          publishMembers(id);
          vertx.eventBus().publish(Addresses.staff(who.id()),
              new JsonObject().put("event", "removed").put("conversation", id).put("reason", "left"));
          return requestRemove(c, List.of(who.id()), "leave");
        })
        .compose(v -> audit.record(who, "conversation.leave", "conversation", id, null));
  }

  public Future<Void> end(StaffPrincipal who, String id, String outcome) {
    if (!config.outcomes().contains(outcome)) {
      return Future.failedFuture(new ChatException("unknown_outcome", "Outcome must be one of " + config.outcomes()));
    }
    return conversations.byId(id).compose(o -> {
      Conversation c = o.filter(x -> who.id().equals(x.assignedTo()))
          .orElseThrow(() -> new ChatException("not_yours", "This chat is not assigned to you"));
      return conversations.end(id, outcome).compose(ended -> {
        if (ended.isEmpty()) {
          throw new ChatException("already_ended", "The chat has already ended");
        }
        publishStatus(id, "ended", "staff");
        vertx.eventBus().publish(Addresses.staff(who.id()),
            new JsonObject().put("event", "removed").put("conversation", id).put("reason", "ended"));
        figures.changed();
        long seconds = Duration.between(c.queuedAt().toInstant(), Instant.now()).toSeconds();
        return events.record(ChatEvents.Type.ENDED, id, c.queue(),
                new Document("by", "staff").append("outcome", outcome).append("durationSeconds", seconds))
            .compose(v -> audit.record(who, "conversation.end", "conversation", id, new Document("outcome", outcome)));
      });
    });
  }

  // ---- delivery ----

  /** Stores a message from the citizen (staffId null) or a staff member, then notifies followers. */
  public Future<StoredMessage> send(Conversation known, String staffId, String dataB64, String to) {
    return conversations.byId(known.id()).compose(o -> {
      Conversation c = o.orElseThrow(() -> new ChatException("unknown_conversation", "No such conversation"));
      if (c.status() == Conversation.Status.ENDED) {
        throw new ChatException("conversation_ended", "The conversation has ended");
      }
      if (staffId != null && c.member(staffId).map(m -> m.joinedSeq() == null).orElse(true)) {
        throw new ChatException("not_a_member", "You are not (yet) a member of this conversation");
      }
      MlsEnvelope mls = MlsEnvelope.read(dataB64, c.groupId());
      if (mls.isWelcome()) {
        if (to == null || c.member(to).map(m -> m.joinedSeq() != null).orElse(true)) {
          throw new ChatException("bad_welcome", "A Welcome needs 'to': a staff member waiting to be added");
        }
      } else if (to != null) {
        throw new ChatException("bad_frame", "'to' is only for a Welcome");
      }
      Future<Void> epochOk = mls.isCommit() && mls.epoch() > 0
          ? log.hasCommit(c.id(), mls.epoch() - 1).compose(prev -> prev ? Future.succeededFuture()
              : Future.failedFuture(new ChatException("stale_epoch", "No commit for the previous epoch is known",
                  new JsonObject().put("epoch", mls.epoch()))))
          : Future.succeededFuture();
      MessageLog.Draft draft = new MessageLog.Draft(staffId == null ? "citizen" : staffId, mls.wire(), mls.content(),
          mls.epoch(), mls.data(), to, c.expiresAt());
      return epochOk.compose(v -> log.append(c.id(), draft))
          .recover(e -> Future.failedFuture(e instanceof MessageLog.CommitConflict
              ? new ChatException("commit_conflict", "Another commit for this epoch came first",
                  new JsonObject().put("epoch", mls.epoch()))
              : e))
          .compose(m -> mls.isWelcome()
              ? conversations.welcomed(c.id(), to, m.seq()).map(x -> {
                  publishMembers(c.id());
                  return m;
                })
              : removalDone(c, staffId, mls) ? conversations.clearRemovalOnly(c.id()).map(x -> m)
              : Future.succeededFuture(m))
          .map(m -> {
            // the message rides along so that followers that are up to date deliver it without a read
            vertx.eventBus().publish(Addresses.conversation(c.id()), new JsonObject().put("event", "appended")
                .put("seq", m.seq()).put("to", m.to()).put("frame", m.toFrame()));
            return m;
          });
    });
  }

  /** A removal-only request is done once the citizen's client has committed after it. */
  private static boolean removalDone(Conversation c, String staffId, MlsEnvelope mls) {
    return staffId == null && mls.isCommit() && c.pendingAdds().stream().anyMatch(p -> p.get("staff") == null);
  }

  // ---- notifications ----

  /**
   * Asks the citizen's client to add a staff member's devices. The role announced is the one their
   * device certificates state (not the role they have in this conversation, e.g. "supervisor" for
   * a worker who is also a supervisor): the client adds only devices whose certificate matches it.
   */
  private Future<Void> requestAdd(Conversation c, Member member, String deviceRole, String reason, List<String> remove) {
    return keyPackages.claim(member.staffId()).compose(kps -> {
      if (kps.isEmpty()) {
        return Future.failedFuture(new ChatException("no_key_packages", "No key packages for that staff member"));
      }
      JsonArray packages = new JsonArray();
      kps.forEach(k -> packages.add(Base64.getEncoder().encodeToString(k)));
      Document pending = new Document("staff", new Document("id", member.staffId())
          .append("displayName", member.displayName()).append("role", deviceRole))
          .append("keyPackages", packages.getList()).append("remove", remove).append("reason", reason);
      return conversations.addPending(c.id(), pending).map(o -> {
        vertx.eventBus().publish(Addresses.conversation(c.id()),
            new JsonObject().put("event", "member.add").put("pending", new JsonObject(pending.toJson())));
        return null;
      });
    });
  }

  private Future<Void> requestRemove(Conversation c, List<String> remove, String reason) {
    Document pending = new Document("staff", null).append("keyPackages", List.of()).append("remove", remove)
        .append("reason", reason);
    return conversations.addPending(c.id(), pending).map(o -> {
      vertx.eventBus().publish(Addresses.conversation(c.id()),
          new JsonObject().put("event", "member.add").put("pending", new JsonObject(pending.toJson())));
      return null;
    });
  }

  private void publishStatus(String id, String status, String by) {
    vertx.eventBus().publish(Addresses.conversation(id),
        new JsonObject().put("event", "status").put("status", status).put("by", by));
  }

  private void publishMembers(String id) {
    vertx.eventBus().publish(Addresses.conversation(id), new JsonObject().put("event", "members"));
  }

  private static JsonObject assigned(Conversation c) {
    return new JsonObject().put("event", "assigned").put("conversation", c.id()).put("queue", c.queue())
        .put("lang", c.lang());
  }

  private static String primaryRole(StaffPrincipal p) {
    return p.has(Role.WORKER) ? "worker" : p.has(Role.THERAPIST) ? "therapist" : "staff";
  }

  static String randomToken(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String sha256(String s) {
    return Sha256.base64Url(s);
  }

}
