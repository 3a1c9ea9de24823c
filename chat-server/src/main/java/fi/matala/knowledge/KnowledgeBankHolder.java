package fi.matala.knowledge;

import fi.matala.chat.Addresses;
import fi.matala.config.MatalaConfig;
import fi.matala.kb.Audience;
import fi.matala.kb.KnowledgeBank;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The knowledge bank, built once on a worker thread when first needed (or warmed up at start), so
 * that building the client indexes never delays the server's start or blocks an event loop. When
 * the content directory changes, the new staff index version is published on the event bus so
 * that open staff consoles fetch it ({@code kb.changed}).
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
      vertx.executeBlocking(() -> {
        KnowledgeBank bank = config.kbDir()
            .map(dir -> KnowledgeBank.fromDirectory(dir, POLL_INTERVAL))
            .orElseGet(KnowledgeBank::bundled);
        bank.onChange(this::announce);
        return bank;
      }, false).onComplete(loading);
    }
    return loading.future();
  }

  private void announce(KnowledgeBank bank) {
    vertx.eventBus().publish(Addresses.KB_CHANGED,
        new JsonObject().put("version", bank.clientIndex(Audience.STAFF).version()));
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
