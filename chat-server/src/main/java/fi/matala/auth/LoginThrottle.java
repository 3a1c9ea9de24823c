package fi.matala.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed sign-ins per username and per client address within a sliding window. Kept in
 * memory only: addresses are never written anywhere. Each node of a cluster throttles on its own,
 * which still bounds guessing to a small multiple of the limit.
 */
public final class LoginThrottle {
  private final int perUser;
  private final int perAddress;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(int perUser, int perAddress, Duration window, Clock clock) {
    this.perUser = perUser;
    this.perAddress = perAddress;
    this.window = window;
    this.clock = clock;
  }

  public static LoginThrottle standard() {
    return new LoginThrottle(5, 30, Duration.ofMinutes(15), Clock.systemUTC());
  }

  /** Seconds until another attempt is allowed, or empty when it is allowed now. */
  public OptionalLong retryAfter(String username, String address) {
    long now = clock.millis();
    long wait = Math.max(waitFor("u:" + username, perUser, now), waitFor("a:" + address, perAddress, now));
    return wait > 0 ? OptionalLong.of(Math.max(1, (wait + 999) / 1000)) : OptionalLong.empty();
  }

  public void failed(String username, String address) {
    long now = clock.millis();
    record("u:" + username, now);
    record("a:" + address, now);
  }

  public void succeeded(String username) {
    failures.remove("u:" + username);
  }

  /** Drops keys whose failures have all left the window, so memory stays bounded. */
  public void sweep() {
    long cutoff = clock.millis() - window.toMillis();
    failures.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        prune(e.getValue(), cutoff);
        return e.getValue().isEmpty();
      }
    });
  }

  private void record(String key, long now) {
    Deque<Long> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (q) {
      q.addLast(now);
      while (q.size() > Math.max(perUser, perAddress)) {
        q.removeFirst();
      }
    }
  }

  private long waitFor(String key, int limit, long now) {
    Deque<Long> q = failures.get(key);
    if (q == null) {
      return 0;
    }
    synchronized (q) {
      prune(q, now - window.toMillis());
      if (q.size() < limit) {
        return 0;
      }
      // the attempt that frees a slot is the one `limit` places from the newest
      long oldestCounted = q.stream().skip(q.size() - limit).findFirst().orElse(now);
      return oldestCounted + window.toMillis() - now;
    }
  }

  private static void prune(Deque<Long> q, long cutoff) {
    while (!q.isEmpty() && q.peekFirst() < cutoff) {
      q.removeFirst();
    }
  }
}
