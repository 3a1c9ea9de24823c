package fi.matala.storage;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Locale;
import java.util.Set;

/**
 * What a wire-protocol command touches, as far as durability is concerned: whether it may
 * write, whether its reply can say anything about stored data, and the one collection it is
 * about (null when it may concern several or the whole server). Anything not recognised counts
 * as a write of unknown scope, so a command this list forgets is made durable and waited for,
 * never answered early.
 */
record CommandScope(boolean write, boolean revealsData, String namespace) {
  /** Commands whose reply says nothing about stored data: they need not wait for anything. */
  private static final Set<String> NO_DATA = Set.of(
      "hello", "ismaster", "ping", "buildinfo", "whatsmyuri", "getparameter", "getcmdlineopts", "hostinfo",
      "connectionstatus", "endsessions", "killcursors", "getfreemonitoringstatus", "saslstart",
      "saslcontinue", "features", "getlog");

  /** Reads of one collection, named by the command's value (getMore names it in "collection"). */
  private static final Set<String> COLLECTION_READS = Set.of("find", "count", "distinct", "listindexes", "getmore");

  /** Reads whose answer may draw on several collections or the whole server. */
  private static final Set<String> WIDE_READS = Set.of(
      "listcollections", "listdatabases", "dbstats", "collstats", "serverstatus", "explain", "currentop",
      "getlasterror", "validate");

  /** Writes of one collection, named by the command's value. */
  private static final Set<String> COLLECTION_WRITES = Set.of(
      "insert", "update", "delete", "findandmodify", "create", "createindexes", "drop", "dropindexes");

  static CommandScope of(String databaseName, String command, Document query) {
    String name = command.toLowerCase(Locale.ROOT);
    if (NO_DATA.contains(name)) {
      return new CommandScope(false, false, null);
    }
    if (name.equals("aggregate")) {
      return aggregate(databaseName, query);
    }
    if (COLLECTION_READS.contains(name)) {
      Object collection = name.equals("getmore") ? query.get("collection") : query.get(command);
      return new CommandScope(false, true, namespace(databaseName, collection));
    }
    if (WIDE_READS.contains(name)) {
      return new CommandScope(false, true, null);
    }
    if (COLLECTION_WRITES.contains(name)) {
      return new CommandScope(true, true, namespace(databaseName, query.get(command)));
    }
    return new CommandScope(true, true, null);
  }

  /** A pipeline can read other collections ($lookup, $unionWith, …) and write them ($out, $merge). */
  private static CommandScope aggregate(String databaseName, Document query) {
    String pipeline = String.valueOf(query.get("pipeline"));
    boolean writes = pipeline.contains("$out") || pipeline.contains("$merge");
    boolean readsOthers = pipeline.contains("$lookup") || pipeline.contains("$unionWith")
        || pipeline.contains("$graphLookup");
    String namespace = writes || readsOthers ? null : namespace(databaseName, query.get("aggregate"));
    return new CommandScope(writes, true, namespace);
  }

  private static String namespace(String databaseName, Object collection) {
    return collection instanceof String c ? databaseName + "." + c : null;
  }
}
