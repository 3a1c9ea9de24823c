package fi.matala.chat.delivery;

import fi.matala.chat.ChatException;
import fi.matala.chat.conversation.Conversation;
import fi.matala.chat.conversation.ConversationRepository;
import io.vertx.core.Future;

/**
 * What a citizen may store in a conversation before any staff member has joined it
 * (MATALA_UNANSWERED_MAX_MESSAGES and _BYTES): anyone can open a chat anonymously, so without a
 * bound one script could fill the database with ciphertext nobody will ever read. An honest page
 * sends almost nothing before someone joins (its messages wait until there is a member to read
 * them); what adding staff takes is never counted: the Welcome, and a commit while the server has
 * asked the citizen's client to add or remove someone. Over the quota: error "quota_exceeded".
 */
final class UnansweredQuota {
  private final ConversationRepository conversations;
  private final int maxMessages;
  private final long maxBytes;

  UnansweredQuota(ConversationRepository conversations, int maxMessages, long maxBytes) {
    this.conversations = conversations;
    this.maxMessages = maxMessages;
    this.maxBytes = maxBytes;
  }

  /** What was counted, to give back if the message is not stored after all. */
  interface Counted {
    Future<Void> giveBack();
  }

  private static final Counted NOTHING = Future::succeededFuture;

  /** Counts the message (or not, if it is free); fails with quota_exceeded when it does not fit. */
  Future<Counted> count(Conversation c, String staffId, MlsEnvelope mls) {
    boolean free = staffId != null || c.answered() || mls.isWelcome() || (mls.isCommit() && !c.pendingAdds().isEmpty());
    if (free) {
      return Future.succeededFuture(NOTHING);
    }
    int bytes = mls.data().length;
    return conversations.countUnanswered(c.id(), bytes, maxMessages, maxBytes).map(fits -> {
      if (!fits) {
        throw new ChatException("quota_exceeded",
            "Nobody has answered yet; no more can be stored in this conversation until a worker joins");
      }
      return () -> conversations.uncountUnanswered(c.id(), bytes);
    });
  }
}
