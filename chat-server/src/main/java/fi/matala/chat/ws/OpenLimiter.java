package fi.matala.chat.ws;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * New conversations per client address, in memory only: the address is never written anywhere
 * and is forgotten once its window has passed.
 */
public final class OpenLimiter {
  private final int limit;
  private final long windowMillis;
  private final Map<String, Deque<Long>> opens = new ConcurrentHashMap<>();

  public OpenLimiter(int limit, long windowMillis) {
    this.limit = limit;
    this.windowMillis = windowMillis;
  }

  public boolean tryOpen(String address) {
    long now = System.currentTimeMillis();
    Deque<Long> q = opens.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (q) {
      while (!q.isEmpty() && q.peekFirst() < now - windowMillis) {
        q.removeFirst();
      }
      if (q.size() >= limit) {
        return false;
      }
      q.addLast(now);
      return true;
    }
  }

  public void sweep() {
    long cutoff = System.currentTimeMillis() - windowMillis;
    opens.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        return e.getValue().isEmpty() || e.getValue().peekLast() < cutoff;
      }
    });
  }
}
