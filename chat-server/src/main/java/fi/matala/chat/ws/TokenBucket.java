package fi.matala.chat.ws;

/** A per-connection frame budget: a burst, refilled at a steady rate. Used on one event loop only. */
final class TokenBucket {
  private final double capacity;
  private final double perMilli;
  private double tokens;
  private long last;

  TokenBucket(int burst, int perSecond) {
    this.capacity = burst;
    this.perMilli = perSecond / 1000.0;
    this.tokens = burst;
    this.last = System.currentTimeMillis();
  }

  boolean tryTake() {
    long now = System.currentTimeMillis();
    tokens = Math.min(capacity, tokens + (now - last) * perMilli);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
