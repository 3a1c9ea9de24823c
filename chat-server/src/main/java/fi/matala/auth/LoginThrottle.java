package fi.matala.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Growing delays between failed sign-ins, instead of locking an account: after a few failures
 * each further attempt must wait longer than the one before (429 with Retry-After), counted
 * per account, per client address and per account from that address. A stranger hammering a
 * worker's username slows down themselves (the pair and their address) long before the account
 * itself, whose delay never exceeds a minute; so they cannot keep the worker out for long, and
 * guessing stays slow from one address or from many.
 *
 * <p>An attempt is counted when it is let through, before its password is hashed: parallel
 * requests each see the ones still under way as failures, so they cannot slip past the limit.
 * Kept in memory only: addresses are never written anywhere. Each node of a cluster throttles on
 * its own, which still bounds guessing to a small multiple.
 */
public final class LoginThrottle {
  /**
   * After {@code freeAttempts} counted attempts, the next must wait {@code firstDelay} after the
   * last one, and each later one twice as long as the one before, up to {@code maxDelay}. A key
   * without attempts for {@code forgetAfter} starts afresh.
   */
  public record Policy(int freeAttempts, Duration firstDelay, Duration maxDelay, Duration forgetAfter) {}

  /** Why one key counts: its failures and the attempts under way, and when it was last tried. */
  private static final class Tally {
    int failures;
    int underWay;
    long lastAttempt;
  }

  /** The answer to a sign-in request: go ahead (and report the outcome), or wait this long. */
  public record Decision(Attempt attempt, long retryAfterSeconds) {
    public boolean allowed() {
      return attempt != null;
    }
  }

  private final Policy perAccount;
  private final Policy perAddress;
  private final Policy perAccountAndAddress;
  private final Clock clock;
  private final Map<String, Tally> tallies = new HashMap<>();

  public LoginThrottle(Policy perAccount, Policy perAddress, Policy perAccountAndAddress, Clock clock) {
    this.perAccount = perAccount;
    this.perAddress = perAddress;
    this.perAccountAndAddress = perAccountAndAddress;
    this.clock = clock;
  }

  public static LoginThrottle standard() {
    return new LoginThrottle(
        // the account from anywhere: gentle, so that nobody can keep its owner out for long
        new Policy(20, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(15)),
        // one address across accounts (an office behind one address has room for typing errors)
        new Policy(20, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1)),
        // one address at one account: a guesser slows down fast
        new Policy(5, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1)),
        Clock.systemUTC());
  }

  /** Lets the attempt through (counting it as a failure until its outcome is known) or says how long to wait. */
  public synchronized Decision reserve(String username, String address) {
    long now = clock.millis();
    List<Keyed> keys = keys(username, address);
    long wait = 0;
    for (Keyed k : keys) {
      wait = Math.max(wait, waitMillis(tally(k.key(), k.policy(), now), k.policy(), now));
    }
    if (wait > 0) {
      return new Decision(null, Math.max(1, (wait + 999) / 1000));
    }
    for (Keyed k : keys) {
      Tally t = tally(k.key(), k.policy(), now);
      t.underWay++;
      t.lastAttempt = now;
    }
    return new Decision(new Attempt(username, address), 0);
  }

  /** Drops keys that have had no attempt for their policy's forgetting time, so memory stays bounded. */
  public synchronized void sweep() {
    long now = clock.millis();
    tallies.entrySet().removeIf(e -> {
      Policy policy = policyOf(e.getKey());
      return e.getValue().underWay == 0 && now - e.getValue().lastAttempt >= policy.forgetAfter().toMillis();
    });
  }

  /** A sign-in attempt that was let through; report exactly one outcome (later ones are ignored). */
  public final class Attempt {
    private final String username;
    private final String address;
    private boolean settled;

    private Attempt(String username, String address) {
      this.username = username;
      this.address = address;
    }

    /** Wrong password, unknown or disabled account: counted. */
    public void failed() {
      settle(true);
    }

    /** Signed in: the account's failures (also from this address) are forgiven; the address's are not. */
    public void succeeded() {
      synchronized (LoginThrottle.this) {
        if (settle(false)) {
          forgive(accountKey(username));
          forgive(pairKey(username, address));
        }
      }
    }

    /** The password was never checked (the server was too busy or failed): not counted. */
    public void abandoned() {
      settle(false);
    }

    private boolean settle(boolean failure) {
      synchronized (LoginThrottle.this) {
        if (settled) {
          return false;
        }
        settled = true;
        for (Keyed k : keys(username, address)) {
          Tally t = tallies.get(k.key());
          if (t != null) {
            t.underWay = Math.max(0, t.underWay - 1);
            if (failure) {
              t.failures++;
            }
          }
        }
        return true;
      }
    }
  }

  private record Keyed(String key, Policy policy) {}

  private List<Keyed> keys(String username, String address) {
    return List.of(new Keyed(accountKey(username), perAccount), new Keyed(addressKey(address), perAddress),
        new Keyed(pairKey(username, address), perAccountAndAddress));
  }

  private static String accountKey(String username) {
    return "u:" + username;
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }

  private static String pairKey(String username, String address) {
    return "p:" + address + "\u0000" + username;
  }

  private Policy policyOf(String key) {
    return switch (key.charAt(0)) {
      case 'u' -> perAccount;
      case 'a' -> perAddress;
      default -> perAccountAndAddress;
    };
  }

  private void forgive(String key) {
    Tally t = tallies.get(key);
    if (t != null) {
      t.failures = 0;
    }
  }

  /** The key's tally, started afresh when it has been quiet for the policy's forgetting time. */
  private Tally tally(String key, Policy policy, long now) {
    Tally t = tallies.computeIfAbsent(key, k -> new Tally());
    if (t.underWay == 0 && t.failures > 0 && now - t.lastAttempt >= policy.forgetAfter().toMillis()) {
      t.failures = 0;
    }
    return t;
  }

  private static long waitMillis(Tally t, Policy policy, long now) {
    int counted = t.failures + t.underWay;
    if (counted < policy.freeAttempts()) {
      return 0;
    }
    int extra = counted - policy.freeAttempts(); // 0 for the first attempt that has to wait
    long delay = policy.maxDelay().toMillis();
    if (extra < 40) {
      delay = Math.min(delay, policy.firstDelay().toMillis() << extra);
    }
    return Math.max(0, t.lastAttempt + delay - now);
  }
}
