package fi.matala.chat.retention;

import fi.matala.audit.AuditLog;
import fi.matala.chat.conversation.ConversationRepository;
import fi.matala.chat.delivery.MessageLog;
import fi.matala.chat.events.ChatEvents;
import io.vertx.core.Future;

/**
 * Deletes one conversation and removes its id from everything that still names it: its
 * ciphertext, the statistics events (which stay as anonymous counts) and the audit entries (which
 * stay as a record of what staff did). Used by the citizen's delete-now and by the retention job.
 *
 * <p>There are no transactions, so the order is what makes a crash harmless: the conversation
 * document goes last. Until then it is still there with its expiry, and the retention job, which
 * finds expired conversations by that document, runs every step again (each is idempotent): a
 * purge interrupted anywhere is finished by the next run after the conversation expires, which
 * is never later than the retention period. A trace written after its step by an operation that
 * had read the conversation just before (an audit entry of a staff action racing with the
 * deletion) is removed by the retention job's sweep by age ({@link RetentionJob}).
 */
public final class ConversationEraser {
  private final ConversationRepository conversations;
  private final MessageLog log;
  private final ChatEvents events;
  private final AuditLog audit;

  public ConversationEraser(ConversationRepository conversations, MessageLog log, ChatEvents events, AuditLog audit) {
    this.conversations = conversations;
    this.log = log;
    this.events = events;
    this.audit = audit;
  }

  /** True if the conversation document was there to delete. */
  public Future<Boolean> erase(String id) {
    return log.deleteConversation(id)
        .compose(n -> events.forget(id))
        .compose(n -> audit.forgetConversation(id))
        .compose(n -> conversations.delete(id));
  }
}
