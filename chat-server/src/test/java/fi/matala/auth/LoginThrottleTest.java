package fi.matala.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Growing delays instead of lock-out, counted before the password is checked (a clock under the test's control). */
class LoginThrottleTest {
  static final String STRANGER = "203.0.113.7";
  static final String OFFICE = "198.51.100.20";

  /** A clock the test moves by hand. */
  static final class TestClock extends Clock {
    long millis = 1_000_000_000L;

    void advance(Duration d) {
      millis += d.toMillis();
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  final TestClock clock = new TestClock();
  final LoginThrottle throttle = new LoginThrottle(
      new LoginThrottle.Policy(20, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(15)),
      new LoginThrottle.Policy(20, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1)),
      new LoginThrottle.Policy(5, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1)),
      clock);

  /** One attempt that fails; the seconds to wait first if it had to wait (then it is made after waiting). */
  long failAfterWaiting(String user, String address) {
    LoginThrottle.Decision d = throttle.reserve(user, address);
    long waited = 0;
    if (!d.allowed()) {
      waited = d.retryAfterSeconds();
      clock.advance(Duration.ofSeconds(waited));
      d = throttle.reserve(user, address);
      assertTrue(d.allowed(), "allowed once Retry-After has passed");
    }
    d.attempt().failed();
    return waited;
  }

  @Test
  void afterAFewFailuresEachFurtherAttemptWaitsLonger() {
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      waits.add(failAfterWaiting("tiina", STRANGER));
    }
    assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 1L, 2L, 4L, 8L, 16L, 32L, 64L), waits);
    LoginThrottle.Decision next = throttle.reserve("tiina", STRANGER);
    assertFalse(next.allowed(), "even the right password waits: nothing is checked during the delay");
    assertEquals(128, next.retryAfterSeconds());
  }

  @Test
  void attemptsUnderWayCountBeforeTheirPasswordIsChecked() {
    // parallel requests: none has failed yet when the next one asks
    List<LoginThrottle.Decision> parallel = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      parallel.add(throttle.reserve("tiina", STRANGER));
    }
    assertEquals(5, parallel.stream().filter(LoginThrottle.Decision::allowed).count());
    assertTrue(parallel.stream().filter(d -> !d.allowed()).allMatch(d -> d.retryAfterSeconds() >= 1));
  }

  @Test
  void aStrangerCannotKeepTheOwnerOutForLong() {
    // a stranger hammers the worker's username from one address for a day, as fast as allowed
    long start = clock.millis();
    int guesses = 0;
    while (clock.millis() - start < Duration.ofDays(1).toMillis()) {
      failAfterWaiting("tiina", STRANGER);
      guesses++;
    }
    assertTrue(guesses < 120, "guessing stays slow: " + guesses + " guesses in a day");
    // the worker, from the office, waits at most a minute, and after their sign-in not at all
    LoginThrottle.Decision owner = throttle.reserve("tiina", OFFICE);
    assertTrue(owner.allowed() || owner.retryAfterSeconds() <= 60, "waits " + owner.retryAfterSeconds() + " s");
    if (!owner.allowed()) {
      clock.advance(Duration.ofSeconds(owner.retryAfterSeconds()));
      owner = throttle.reserve("tiina", OFFICE);
    }
    assertTrue(owner.allowed());
    owner.attempt().succeeded();
  }

  @Test
  void manyAddressesTogetherStillGuessSlowly() {
    // a different address for every guess: only the account's own delay applies, and it caps at a minute
    int guesses = 0;
    long start = clock.millis();
    while (clock.millis() - start < Duration.ofHours(1).toMillis()) {
      failAfterWaiting("tiina", "192.0.2." + (guesses % 250));
      guesses++;
    }
    // 20 free, a few quick ones, then one a minute
    assertTrue(guesses <= 90, guesses + " guesses in an hour");
    assertTrue(guesses >= 80, "the account's own delay never exceeds a minute: " + guesses);
  }

  @Test
  void theRightPasswordForgivesTheAccountButNotTheAddress() {
    for (int i = 0; i < 4; i++) {
      failAfterWaiting("tiina", OFFICE);
    }
    throttle.reserve("tiina", OFFICE).attempt().succeeded();
    for (int i = 0; i < 5; i++) {
      assertEquals(0, failAfterWaiting("tiina", OFFICE), "a fresh start for the account");
    }
    // the address keeps its count: 9 failures so far, the 20 free ones run out across accounts
    for (int i = 0; i < 11; i++) {
      assertEquals(0, failAfterWaiting("user" + i, OFFICE));
    }
    assertFalse(throttle.reserve("someone-else", OFFICE).allowed());
  }

  @Test
  void anAttemptWhosePasswordWasNeverCheckedIsNotCounted() {
    for (int i = 0; i < 10; i++) {
      LoginThrottle.Decision d = throttle.reserve("tiina", STRANGER);
      assertTrue(d.allowed());
      d.attempt().abandoned(); // e.g. the hashing pool was full
      d.attempt().failed(); // a later report is ignored
    }
  }

  @Test
  void quietKeysAreForgotten() {
    for (int i = 0; i < 8; i++) {
      failAfterWaiting("tiina", STRANGER);
    }
    clock.advance(Duration.ofHours(1));
    throttle.sweep();
    assertEquals(0, failAfterWaiting("tiina", STRANGER));
  }
}
