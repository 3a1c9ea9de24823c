package fi.matala.storage;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;

/**
 * The embedded database's H2 backend, changed so that a write is on disk before the client is
 * told it succeeded. Stock mongo-java-server acknowledges writes that H2 commits later in the
 * background, so an abrupt stop loses acknowledged data. Here every command that is not known to
 * be read-only commits and syncs the MVStore before its reply leaves. Concurrent writers share one
 * commit (group commit): a writer whose change was already covered by a commit that started after
 * it finished returns at once.
 */
final class DurableH2Backend extends H2Backend {
  private static final Set<String> READ_ONLY = Set.of(
      "find", "getmore", "count", "distinct", "listcollections", "listindexes", "listdatabases",
      "hello", "ismaster", "ping", "buildinfo", "getlasterror", "getlog", "hostinfo", "serverstatus",
      "dbstats", "collstats", "whatsmyuri", "getparameter", "getcmdlineopts", "connectionstatus",
      "endsessions", "killcursors", "getfreemonitoringstatus", "saslstart", "saslcontinue", "aggregate",
      "explain", "currentop", "features");

  private final AtomicLong writesApplied = new AtomicLong();
  private final Object commitLock = new Object();
  private long durableUpTo;

  DurableH2Backend(MVStore store) {
    super(store);
  }

  @Override
  public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
    Document reply = super.handleCommand(channel, databaseName, command, query);
    if (!READ_ONLY.contains(command.toLowerCase(java.util.Locale.ROOT)) || writesOut(command, query)) {
      makeDurable(writesApplied.incrementAndGet());
    }
    return reply;
  }

  /** An aggregation with $out or $merge writes a collection. */
  private static boolean writesOut(String command, Document query) {
    if (!"aggregate".equalsIgnoreCase(command)) {
      return false;
    }
    String text = String.valueOf(query.get("pipeline"));
    return text.contains("$out") || text.contains("$merge");
  }

  private void makeDurable(long myWrite) {
    synchronized (commitLock) {
      if (durableUpTo >= myWrite) {
        return; // a commit that began after this write finished already covered it
      }
      long covered = writesApplied.get();
      MVStore store = getMvStore();
      store.commit();
      store.sync();
      durableUpTo = covered;
    }
  }
}
