package fi.matala.knowledge;

import fi.matala.config.MatalaConfig;
import fi.matala.kb.KnowledgeBank;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * The knowledge bank, built once on a worker thread when first needed (or warmed up at start), so
 * that building the Lucene index never delays the server's start or blocks an event loop.
 */
public final class KnowledgeBankHolder implements AutoCloseable {
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final MatalaConfig config;
  private Promise<KnowledgeBank> loading;

  public KnowledgeBankHolder(Vertx vertx, MatalaConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  public synchronized Future<KnowledgeBank> get() {
    if (loading == null) {
      loading = Promise.promise();
      vertx.executeBlocking(() -> config.kbDir()
              .map(dir -> KnowledgeBank.fromDirectory(dir, POLL_INTERVAL))
              .orElseGet(KnowledgeBank::bundled), false)
          .onComplete(loading);
    }
    return loading.future();
  }

  /** Starts building now, so the first citizen search does not wait for it. */
  public void warmUp() {
    get();
  }

  @Override
  public synchronized void close() {
    if (loading != null) {
      loading.future().onSuccess(KnowledgeBank::close);
    }
  }
}
