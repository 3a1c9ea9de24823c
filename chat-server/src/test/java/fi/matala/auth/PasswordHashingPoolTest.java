package fi.matala.auth;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hashing pool turns work away at once when its threads and queue are taken, instead of piling it up. */
class PasswordHashingPoolTest {
  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void aFullPoolRefusesAtOnceAndTakesWorkAgainWhenFree() throws Exception {
    PasswordHashingPool pool = new PasswordHashingPool(vertx, 1, 1);
    CountDownLatch release = new CountDownLatch(1);
    Future<String> running = pool.submit(() -> {
      release.await(10, TimeUnit.SECONDS);
      return "first";
    });
    Future<String> queued = pool.submit(() -> "second");
    Future<String> refused = pool.submit(() -> "third");
    assertTrue(refused.failed(), "refused without waiting");
    assertInstanceOf(PasswordHashingPool.Busy.class, refused.cause());
    assertTrue(!running.isComplete() && !queued.isComplete());

    release.countDown();
    assertEquals("first", await(running));
    assertEquals("second", await(queued));
    assertEquals("again", await(pool.submit(() -> "again")), "room again once the work is done");

    Future<String> failing = pool.submit(() -> {
      throw new IllegalStateException("boom");
    });
    assertThrows(Exception.class, () -> failing.await(10, TimeUnit.SECONDS));
    CountDownLatch hold = new CountDownLatch(1);
    Future<String> a = pool.submit(() -> {
      hold.await(10, TimeUnit.SECONDS);
      return "a";
    });
    Future<String> b = pool.submit(() -> "b");
    assertFalse(b.failed(), "a failed check gave its place back");
    assertTrue(pool.submit(() -> "c").failed());
    hold.countDown();
    assertEquals("a", await(a));
    assertEquals("b", await(b));
  }
}
