package fi.matala.chat.citizen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Waiting chats per client address and queue, in memory only (the address is never stored): a
 * queue of {@code MATALA_QUEUE_MAX_WAITING} cannot be filled from two addresses. The database
 * says which chats are waiting; this remembers which of them came from where, and forgets a chat
 * as soon as the database no longer lists it as waiting (taken, ended, or its citizen gone).
 *
 * <p>Parallel opens from one address must not all slip through while none of them is stored
 * yet: a place is reserved before the chat is created, and an entry is only forgotten if it was
 * known before the waiting list it is missing from was read.
 */
final class WaitingPerAddress {
  private final int limit;
  /** "address queue" → this address's chats waiting in that queue (or still being created). */
  private final Map<String, List<Entry>> entries = new HashMap<>();

  WaitingPerAddress(int limit) {
    this.limit = limit;
  }

  /** A chat counted for an address; its id is null while it is being created. */
  final class Entry {
    private final String key;
    private String conversation;
    private long since;

    private Entry(String key, String conversation) {
      this.key = key;
      this.conversation = conversation;
      this.since = System.currentTimeMillis();
    }

    /** The reserved chat exists now, under this id. */
    void created(String id) {
      synchronized (WaitingPerAddress.this) {
        conversation = id;
        since = System.currentTimeMillis();
      }
    }

    /** The reserved chat was not created after all. */
    void cancel() {
      synchronized (WaitingPerAddress.this) {
        List<Entry> list = entries.get(key);
        if (list != null) {
          list.remove(this);
          if (list.isEmpty()) {
            entries.remove(key);
          }
        }
      }
    }
  }

  /**
   * Counts {@code conversation} (null: one about to be created) for this address in this queue,
   * or returns null when the address has {@code limit} chats waiting there already.
   * {@code waiting} are the ids the database listed as waiting in this queue, read at
   * {@code readAt} (epoch millis, taken before the read began). A chat the address has counted
   * already is simply confirmed.
   */
  synchronized Entry admit(String address, String queue, String conversation, Set<String> waiting, long readAt) {
    String key = address + " " + queue;
    List<Entry> list = entries.computeIfAbsent(key, k -> new ArrayList<>());
    list.removeIf(e -> e.conversation != null && !waiting.contains(e.conversation) && e.since < readAt);
    for (Entry e : list) {
      if (conversation != null && conversation.equals(e.conversation)) {
        return e;
      }
    }
    if (list.size() >= limit) {
      return null;
    }
    Entry e = new Entry(key, conversation);
    list.add(e);
    return e;
  }

  /** Forgets every chat no longer waiting (housekeeping; {@code waiting} read at {@code readAt}). */
  synchronized void sweep(Set<String> waiting, long readAt) {
    entries.values().forEach(list ->
        list.removeIf(e -> e.conversation != null && !waiting.contains(e.conversation) && e.since < readAt));
    entries.values().removeIf(List::isEmpty);
  }

  synchronized int size() {
    return entries.values().stream().mapToInt(List::size).sum();
  }
}
