package fi.matala.chat.delivery;

import fi.matala.chat.ChatException;
import fi.matala.chat.ChatNotices;
import fi.matala.chat.conversation.Conversation;
import fi.matala.chat.conversation.ConversationRepository;
import fi.matala.config.FloodLimits;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The MLS delivery service: checks what it can read of a message's header (group, epoch, who may
 * send it (SenderRules), Welcome recipient), appends it to the conversation's log in order, then
 * tells the followers.
 */
public final class MessageDelivery {
  private final ConversationRepository conversations;
  private final MessageLog log;
  private final ChatNotices notices;
  private final UnansweredQuota quota;

  /** {@code limits}: what a citizen may store before anyone answers (see {@link UnansweredQuota}). */
  public MessageDelivery(ConversationRepository conversations, MessageLog log, ChatNotices notices, FloodLimits limits) {
    this.conversations = conversations;
    this.log = log;
    this.notices = notices;
    this.quota = new UnansweredQuota(conversations, limits.unansweredMaxMessages(), limits.unansweredMaxBytes());
  }

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
      SenderRules.check(c.id(), staffId, mls);
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
      return epochOk.compose(v -> quota.count(c, staffId, mls))
          .compose(counted -> log.append(c.id(), draft)
              .recover(e -> counted.giveBack().transform(x -> Future.<StoredMessage>failedFuture(e))))
          .recover(e -> Future.failedFuture(e instanceof MessageLog.CommitConflict
              ? new ChatException("commit_conflict", "Another commit for this epoch came first",
                  new JsonObject().put("epoch", mls.epoch()))
              : e))
          .compose(m -> mls.isWelcome()
              ? conversations.welcomed(c.id(), to, m.seq()).map(x -> {
                  notices.members(c.id());
                  return m;
                })
              : removalDone(c, staffId, mls) ? conversations.clearRemovalOnly(c.id()).map(x -> m)
              : Future.succeededFuture(m))
          .map(m -> {
            notices.appended(c.id(), m);
            return m;
          });
    });
  }

  /** A removal-only request is done once the citizen's client has committed after it. */
  private static boolean removalDone(Conversation c, String staffId, MlsEnvelope mls) {
    return staffId == null && mls.isCommit() && c.pendingAdds().stream().anyMatch(p -> p.get("staff") == null);
  }
}
