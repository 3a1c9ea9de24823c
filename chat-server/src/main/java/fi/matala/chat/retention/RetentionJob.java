package fi.matala.chat.retention;

import fi.matala.chat.conversation.ConversationRepository;
import fi.matala.chat.delivery.MessageLog;
import fi.matala.chat.keys.KeyPackageStore;
import fi.matala.requests.RequestStore;
import io.vertx.core.Future;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what has outlived its retention: conversations with their ciphertext, sealed requests,
 * and expired key packages. The server's own job, because the embedded database has no TTL indexes; running it on
 * several nodes at once is harmless (deletes are idempotent).
 */
public final class RetentionJob {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
  private static final int BATCH = 500;

  private final ConversationRepository conversations;
  private final MessageLog log;
  private final KeyPackageStore keyPackages;
  private final RequestStore requests;

  public RetentionJob(ConversationRepository conversations, MessageLog log, KeyPackageStore keyPackages,
      RequestStore requests) {
    this.conversations = conversations;
    this.log = log;
    this.keyPackages = keyPackages;
    this.requests = requests;
  }

  /** Number of conversations deleted. */
  public Future<Integer> run(Date now) {
    return conversations.expiredIds(now, BATCH).compose(ids -> {
      Future<Void> chain = Future.succeededFuture();
      for (String id : ids) {
        chain = chain.compose(v -> log.deleteConversation(id)).compose(n -> conversations.delete(id)).mapEmpty();
      }
      return chain.map(v -> ids.size());
    }).compose(n -> log.purgeExpired(now).compose(m -> keyPackages.purgeExpired(now))
        .compose(k -> requests.purgeExpired(now)).map(k -> {
      if (n > 0) {
        LOG.info("Retention: deleted {} expired conversations", n);
      }
      return n;
    }));
  }
}
