package fi.matala.chat.assignment;

import fi.matala.audit.AuditLog;
import fi.matala.auth.Role;
import fi.matala.auth.StaffPrincipal;
import fi.matala.auth.StaffRepository;
import fi.matala.chat.ChatException;
import fi.matala.chat.ChatNotices;
import fi.matala.chat.conversation.Conversation;
import fi.matala.chat.conversation.ConversationRepository;
import fi.matala.chat.conversation.Member;
import fi.matala.chat.conversation.MembershipRequests;
import fi.matala.chat.delivery.MessageLog;
import fi.matala.chat.events.ChatEvents;
import fi.matala.chat.keys.KeyPackageStore;
import fi.matala.chat.queue.QueueDefinition;
import fi.matala.chat.queue.QueueFigures;
import fi.matala.chat.queue.QueueRepository;
import fi.matala.config.MatalaConfig;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Who is in a chat on the staff side: a worker takes it from the queue, transfers it or ends it;
 * a supervisor or peer expert joins and leaves. Each state change is one atomic database update,
 * then a notice on the event bus and, for the encrypted group, a request to the citizen's client.
 */
public final class StaffAssignments {
  private final MatalaConfig config;
  private final QueueRepository queues;
  private final ConversationRepository conversations;
  private final MessageLog log;
  private final KeyPackageStore keyPackages;
  private final ChatEvents events;
  private final QueueFigures figures;
  private final StaffRepository staff;
  private final AuditLog audit;
  private final MembershipRequests membership;
  private final ChatNotices notices;

  public StaffAssignments(MatalaConfig config, QueueRepository queues, ConversationRepository conversations,
      MessageLog log, KeyPackageStore keyPackages, ChatEvents events, QueueFigures figures, StaffRepository staff,
      AuditLog audit, MembershipRequests membership, ChatNotices notices) {
    this.config = config;
    this.queues = queues;
    this.conversations = conversations;
    this.log = log;
    this.keyPackages = keyPackages;
    this.events = events;
    this.figures = figures;
    this.staff = staff;
    this.audit = audit;
    this.membership = membership;
    this.notices = notices;
  }

  /** The anonymous outcome categories a worker picks from when ending a chat (configured). */
  public List<String> outcomes() {
    return config.outcomes();
  }

  public record Taken(Conversation conversation, long waitedSeconds) {}

  public Future<Taken> take(StaffPrincipal who, Optional<String> queue, Optional<String> conversation) {
    if (!who.has(Role.WORKER) && !who.has(Role.THERAPIST)) {
      return Future.failedFuture(new ChatException("forbidden", "Only workers take chats"));
    }
    // only workers and therapists get here, so this is "worker" or "therapist", as on their device certificate
    String role = Role.deviceRole(who.roles());
    Member taker = new Member(who.id(), who.displayName(), role, null, null);
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
        .compose(c -> membership.add(c, taker, role, "taken", pendingRemovals(c, who.id()))
            .map(c2 -> c)
            .recover(e -> conversations.untake(c.id(), who.id()).transform(x -> {
              figures.changed();
              return Future.<Conversation>failedFuture(e);
            })))
        .compose(c -> {
          long waited = Duration.between(c.queuedAt().toInstant(), Instant.now()).toSeconds();
          figures.changed();
          notices.assigned(who.id(), c);
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
      return log.lastSeq(id).compose(last -> toQueue.isPresent()
          ? transferToQueue(who, id, last, toQueue.get())
          : transferToColleague(who, c, last, toStaff)
      ).compose(v -> {
        notices.removed(who.id(), id, "transferred");
        figures.changed();
        return events.record(ChatEvents.Type.TRANSFERRED, id, toQueue.orElse(c.queue()),
                new Document("toStaff", toStaff.isPresent()))
            .compose(x -> audit.record(who, "conversation.transfer", "conversation", id,
                new Document("toQueue", toQueue.orElse(null)).append("toStaff", toStaff.orElse(null))));
      });
    });
  }

  private Future<Void> transferToQueue(StaffPrincipal who, String id, long last, String toQueue) {
    return queues.list().compose(all -> {
      if (all.stream().noneMatch(q -> q.id().equals(toQueue))) {
        throw new ChatException("unknown_queue", "No such queue");
      }
      return conversations.release(id, who.id(), last + 1, toQueue);
    }).compose(r -> {
      notices.members(id);
      Conversation after = r.orElseThrow(() -> new ChatException("not_yours", "This chat is not assigned to you"));
      // nobody to add yet: the citizen's client removes the old worker now
      return membership.remove(after, List.of(who.id()), "transfer");
    });
  }

  private Future<Void> transferToColleague(StaffPrincipal who, Conversation c, long last, Optional<String> toStaff) {
    String id = c.id();
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
        notices.members(id);
        return conversations.addMember(id, incoming, true);
      })
          .compose(r -> membership.add(r.orElseThrow(), incoming, Role.deviceRole(member.roles()), "transfer",
              List.of(who.id()))
              .map(v -> true)
              // the colleague's last key package went elsewhere meanwhile: the chat waits in its queue instead
              .recover(e -> conversations.release(id, member.id(), last + 1, c.queue())
                  .compose(x -> membership.remove(c, List.of(who.id()), "transfer")).map(x -> false)))
          .map(added -> {
            if (added) {
              notices.assigned(member.id(), c);
            }
            return null;
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
          return membership.add(c, joining, Role.deviceRole(who.roles()), "join", List.of());
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
          notices.members(id);
          notices.removed(who.id(), id, "left");
          return membership.remove(c, List.of(who.id()), "leave");
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
        notices.status(id, "ended", "staff");
        notices.removed(who.id(), id, "ended");
        figures.changed();
        long seconds = Duration.between(c.queuedAt().toInstant(), Instant.now()).toSeconds();
        return events.record(ChatEvents.Type.ENDED, id, c.queue(),
                new Document("by", "staff").append("outcome", outcome).append("durationSeconds", seconds))
            .compose(v -> audit.record(who, "conversation.end", "conversation", id, new Document("outcome", outcome)));
      });
    });
  }
}
