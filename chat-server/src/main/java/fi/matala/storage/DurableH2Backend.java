package fi.matala.storage;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;

/**
 * The embedded database's H2 backend, changed so that no client learns of a write before it is
 * on disk. Stock mongo-java-server acknowledges writes that H2 commits later in the background,
 * and its readers see a write the moment it is applied in memory; so an abrupt stop could lose an
 * acknowledged write, or one that another connection had already read and passed on (a chat
 * message delivered, then lost, its sequence number given again).
 *
 * <p>Every write takes a ticket before it is applied. No reply leaves (a found document, an
 * acknowledgement, a duplicate-key error) until every write that could have shaped it is
 * durable: the writes that had started on the collection it is about (or on anything, when its
 * scope is wider or unknown) by the time the reply was computed. A commit takes the apply gate
 * exclusively while H2 writes the changes out (not while it fsyncs), so it knows exactly which
 * tickets it covers and always holds whole writes: mongo-java-server stores a document before its
 * unique-index entries, and a commit holding only the document would let a second insert of the
 * same key (a message's seq, a commit's epoch) succeed after a crash. That exclusion is the
 * measured cost of this class (BENCHMARKS.md). Concurrent commands share one commit and one fsync
 * (group commit): whoever finds its tickets already covered returns at once.
 */
final class DurableH2Backend extends H2Backend {
  /** How a committed store reaches the disk; tests substitute one they can hold. */
  interface Sync {
    Sync DISK = MVStore::sync;

    void sync(MVStore store);
  }

  private final Sync sync;
  /** Writers hold it shared while applying; a commit holds it exclusively. */
  private final ReentrantReadWriteLock applyGate = new ReentrantReadWriteLock();
  private final AtomicLong writesStarted = new AtomicLong();
  /** The last ticket taken by a write to each collection ("database.collection"). */
  private final Map<String, Long> lastWriteTo = new ConcurrentHashMap<>();
  /** The last ticket taken by a write whose collection is not known (drop database, rename, …). */
  private final AtomicLong lastWideWrite = new AtomicLong();
  private final Object commitLock = new Object();
  private volatile long durableUpTo;

  DurableH2Backend(MVStore store, Sync sync) {
    super(store);
    this.sync = sync;
  }

  @Override
  public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
    CommandScope scope = CommandScope.of(databaseName, command, query);
    try {
      if (!scope.write()) {
        return super.handleCommand(channel, databaseName, command, query);
      }
      applyGate.readLock().lock();
      try {
        long ticket = writesStarted.incrementAndGet();
        // published before the write is applied, so any reader that sees its effect sees its ticket
        if (scope.namespace() == null) {
          lastWideWrite.accumulateAndGet(ticket, Math::max);
        } else {
          lastWriteTo.merge(scope.namespace(), ticket, Math::max);
        }
        return super.handleCommand(channel, databaseName, command, query);
      } finally {
        applyGate.readLock().unlock();
      }
    } finally {
      // also on failure: "duplicate key" or "not found" may rest on writes not yet durable
      if (scope.revealsData()) {
        awaitDurable(writesThatCouldShape(scope));
      }
    }
  }

  /** A legacy OP_QUERY read (today's driver sends none): it may concern anything, so it waits for all writes. */
  @Override
  public QueryResult handleQuery(MongoQuery query) {
    try {
      return super.handleQuery(query);
    } finally {
      awaitDurable(writesStarted.get());
    }
  }

  private long writesThatCouldShape(CommandScope scope) {
    if (scope.namespace() == null) {
      return writesStarted.get();
    }
    return Math.max(lastWriteTo.getOrDefault(scope.namespace(), 0L), lastWideWrite.get());
  }

  private void awaitDurable(long ticket) {
    if (durableUpTo >= ticket) {
      return;
    }
    synchronized (commitLock) {
      if (durableUpTo >= ticket) {
        return; // a commit that began after this ticket's write was applied already covered it
      }
      long covered;
      MVStore store = getMvStore();
      applyGate.writeLock().lock();
      try {
        covered = writesStarted.get(); // every started write has finished applying: we hold the gate
        store.commit();
      } finally {
        applyGate.writeLock().unlock();
      }
      sync.sync(store);
      durableUpTo = covered;
    }
  }
}
