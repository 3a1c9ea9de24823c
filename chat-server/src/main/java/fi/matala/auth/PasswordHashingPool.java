package fi.matala.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where sign-in password checks run: a few dedicated worker threads (Argon2id takes 19 MiB and
 * tens of milliseconds each) with a bounded queue. When it is full a check is turned away at once
 * ({@link Busy}, answered 503 with Retry-After) rather than piling up: a flood of sign-ins cannot
 * exhaust memory or starve the other blocking work of the server, and answers stay prompt.
 */
public final class PasswordHashingPool {
  /** The pool and its queue are full. */
  public static final class Busy extends RuntimeException {
    Busy() {
      super("password hashing pool full", null, false, false);
    }
  }

  private final WorkerExecutor executor;
  private final int capacity;
  private final AtomicInteger inUse = new AtomicInteger();

  public PasswordHashingPool(Vertx vertx, int threads, int queue) {
    this.executor = vertx.createSharedWorkerExecutor("matala-password-hashing", threads);
    this.capacity = threads + queue;
  }

  /** Runs the check on the pool, or fails at once with {@link Busy} when threads and queue are taken. */
  public <T> Future<T> submit(Callable<T> check) {
    if (inUse.incrementAndGet() > capacity) {
      inUse.decrementAndGet();
      return Future.failedFuture(new Busy());
    }
    return executor.executeBlocking(check, false).andThen(ar -> inUse.decrementAndGet());
  }

  public void close() {
    executor.close();
  }
}
