package fi.matala.storage;

import de.bwaldvogel.mongo.MongoServer;
import fi.matala.files.OwnerOnlyFiles;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database when no MONGO_URI is configured: mongo-java-server with its H2 backend,
 * files in the data directory, listening on a loopback port so that the application uses the
 * official MongoDB driver over a real socket exactly as it would against MongoDB.
 */
public final class EmbeddedMongo implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongo.class);
  public static final String FILE_NAME = "matala.mv";

  private final MongoServer server;
  private final MVStore store;
  private final String connectionString;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private EmbeddedMongo(MongoServer server, MVStore store, String connectionString) {
    this.server = server;
    this.store = store;
    this.connectionString = connectionString;
  }

  public static EmbeddedMongo start(Path dataDir) {
    return start(dataDir, DurableH2Backend.Sync.DISK);
  }

  /** With a substitute for the fsync, so that tests can hold a commit between apply and disk. */
  static EmbeddedMongo start(Path dataDir, DurableH2Backend.Sync sync) {
    OwnerOnlyFiles.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE_NAME);
    // H2 would create the file with the umask's permissions; made owner-only first, H2 opens it
    OwnerOnlyFiles.createFileIfMissing(file);
    // autoCommitDelay 0: nothing is written behind our back; DurableH2Backend commits explicitly.
    MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().compress().open();
    MongoServer server = new MongoServer(new DurableH2Backend(store, sync));
    server.bind("127.0.0.1", 0);
    String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    LOG.info("Embedded database in {} listening on loopback port {}", file, server.getLocalAddress().getPort());
    return new EmbeddedMongo(server, store, uri);
  }

  public String connectionString() {
    return connectionString;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.shutdownNow();
      if (!store.isClosed()) {
        store.close();
      }
    }
  }
}
