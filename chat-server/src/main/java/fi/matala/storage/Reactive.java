package fi.matala.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Bridges the MongoDB reactive-streams driver to Vert.x futures. The driver signals on its own
 * threads; results are handed back on the caller's Vert.x context so handlers never run on a
 * driver thread.
 */
public final class Reactive {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Reactive.class);

  private Reactive() {}

  /** All items of the publisher. */
  public static <T> Future<List<T>> list(Publisher<T> publisher) {
    Context context = Vertx.currentContext();
    Promise<List<T>> promise = Promise.promise();
    publisher.subscribe(new Subscriber<T>() {
      private final List<T> items = new ArrayList<>();

      @Override
      public void onSubscribe(Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(T item) {
        items.add(item);
      }

      @Override
      public void onError(Throwable t) {
        onContext(context, () -> promise.tryFail(t));
      }

      @Override
      public void onComplete() {
        onContext(context, () -> promise.tryComplete(items));
      }
    });
    return promise.future();
  }

  /** The first item, if any; the rest is not requested. */
  public static <T> Future<Optional<T>> first(Publisher<T> publisher) {
    Context context = Vertx.currentContext();
    Promise<Optional<T>> promise = Promise.promise();
    publisher.subscribe(new Subscriber<T>() {
      private Subscription subscription;

      @Override
      public void onSubscribe(Subscription s) {
        subscription = s;
        s.request(1);
      }

      @Override
      public void onNext(T item) {
        subscription.cancel();
        onContext(context, () -> promise.tryComplete(Optional.ofNullable(item)));
      }

      @Override
      public void onError(Throwable t) {
        onContext(context, () -> promise.tryFail(t));
      }

      @Override
      public void onComplete() {
        onContext(context, () -> promise.tryComplete(Optional.empty()));
      }
    });
    return promise.future();
  }

  /** A publisher that yields exactly one result (insert, update, count). */
  public static <T> Future<T> single(Publisher<T> publisher) {
    return first(publisher).map(o -> o.orElseThrow(() -> new IllegalStateException("no result from database")));
  }

  private static void onContext(Context context, Runnable action) {
    if (context == null) {
      action.run();
      return;
    }
    try {
      context.runOnContext(v -> action.run());
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the event loop is gone: the platform is stopping and nobody waits for this result any more
      LOG.debug("Database result after the event loop closed: dropped");
    }
  }
}
