package fi.matala.chat.retention;

import fi.matala.audit.AuditLog;
import fi.matala.chat.conversation.ConversationRepository;
import fi.matala.chat.delivery.MessageLog;
import fi.matala.chat.events.ChatEvents;
import fi.matala.chat.keys.KeyPackageStore;
import fi.matala.chat.presence.PresenceRepository;
import fi.matala.requests.RequestStore;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what has outlived its retention: conversations with their ciphertext and the traces of
 * their ids ({@link ConversationEraser}), sealed requests, expired key packages; removes
 * conversation ids from statistics events and audit entries older than the retention period
 * (whatever conversation they name: one deleted by a purge a crash interrupted, or named by a
 * write that raced with its deletion); and deletes device and presence entries nobody has
 * refreshed for the retention period. The server's own job, because the embedded database has
 * no TTL indexes; running it on several nodes at once is harmless (every step is idempotent).
 */
public final class RetentionJob {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
  private static final int BATCH = 500;

  private final Duration retention;
  private final ConversationRepository conversations;
  private final ConversationEraser eraser;
  private final MessageLog log;
  private final ChatEvents events;
  private final AuditLog audit;
  private final KeyPackageStore keyPackages;
  private final PresenceRepository presence;
  private final RequestStore requests;

  public RetentionJob(Duration retention, ConversationRepository conversations, ConversationEraser eraser,
      MessageLog log, ChatEvents events, AuditLog audit, KeyPackageStore keyPackages, PresenceRepository presence,
      RequestStore requests) {
    this.retention = retention;
    this.conversations = conversations;
    this.eraser = eraser;
    this.log = log;
    this.events = events;
    this.audit = audit;
    this.keyPackages = keyPackages;
    this.presence = presence;
    this.requests = requests;
  }

  /** Number of conversations deleted. */
  public Future<Integer> run(Date now) {
    Date cutoff = new Date(now.getTime() - retention.toMillis());
    return conversations.expiredIds(now, BATCH).compose(ids -> {
      Future<Void> chain = Future.succeededFuture();
      for (String id : ids) {
        chain = chain.compose(v -> eraser.erase(id)).mapEmpty();
      }
      return chain.map(v -> ids.size());
    }).compose(n -> log.purgeExpired(now)
        .compose(m -> keyPackages.purgeExpired(now))
        .compose(k -> requests.purgeExpired(now))
        .compose(k -> events.forgetBefore(cutoff))
        .compose(e -> audit.forgetConversationsBefore(cutoff).map(a -> e + a))
        .compose(ids -> keyPackages.purgeStaleDevices(cutoff)
            .compose(d -> presence.purgeStale(cutoff).map(p -> d + p))
            .map(rows -> {
              if (n > 0 || ids > 0 || rows > 0) {
                LOG.info("Retention: deleted {} expired conversations, removed {} conversation ids from statistics and"
                    + " audit, deleted {} stale device and presence entries", n, ids, rows);
              }
              return n;
            })));
  }
}
