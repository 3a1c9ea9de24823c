package fi.matala.chat.ws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * citizen.resume per client address (memory only): a token bucket of {@code perMinute} tokens,
 * refilled at {@code perMinute} a minute. A resume costs one token; a wrong id or secret costs
 * {@link #WRONG_SECRET_COST} in all, so guessing (hopeless against 32 random bytes anyway) or
 * hammering the database with made-up resumes slows down far sooner than an honest page that
 * reconnects after every network change.
 */
public final class ResumeThrottle {
  static final int WRONG_SECRET_COST = 5;

  private final double capacity;
  private final double perMilli;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public ResumeThrottle(int perMinute) {
    this.capacity = perMinute;
    this.perMilli = perMinute / 60_000.0;
  }

  private final class Bucket {
    double tokens = capacity;
    long last = System.currentTimeMillis();

    synchronized void refill(long now) {
      tokens = Math.min(capacity, tokens + (now - last) * perMilli);
      last = now;
    }

    synchronized boolean take(double n, boolean orDebt) {
      refill(System.currentTimeMillis());
      if (tokens >= n) {
        tokens -= n;
        return true;
      }
      if (orDebt) {
        // a penalty is always charged, up to one bucket of debt: the next attempts wait for it
        tokens = Math.max(-capacity, tokens - n);
      }
      return false;
    }

    synchronized boolean full(long now) {
      refill(now);
      return tokens >= capacity;
    }
  }

  /** Takes the cost of one resume; false when this address must wait. */
  public boolean tryResume(String address) {
    return buckets.computeIfAbsent(address, a -> new Bucket()).take(1, false);
  }

  /** The resume named no conversation with that secret: charge the rest of the higher cost. */
  public void wrongSecret(String address) {
    buckets.computeIfAbsent(address, a -> new Bucket()).take(WRONG_SECRET_COST - 1, true);
  }

  /** Forgets addresses whose bucket is full again (nothing to remember about them). */
  public void sweep() {
    long now = System.currentTimeMillis();
    buckets.values().removeIf(b -> b.full(now));
  }
}
