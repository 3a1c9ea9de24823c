package fi.matala.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No reply on the embedded default rests on a write that is not yet on disk. The fsync is held
 * open by the test (a write is then applied and committed in memory, not durable), so the race
 * a crash would expose is there every time instead of by timing luck: another connection must not
 * read that write, nor be told "duplicate key" because of it, until the fsync has finished.
 */
class ReadAfterDurableTest {
  /** How long a reply that must wait is given to come early anyway (it never should). */
  private static final long EARLY_MS = 700;

  private HeldSync sync;
  private EmbeddedMongo mongo;
  private Database writer;
  private Database reader;

  /** An fsync the test can hold: commits reach it and wait until released. */
  static final class HeldSync implements DurableH2Backend.Sync {
    private volatile boolean held;
    private final Semaphore reached = new Semaphore(0);
    private final Semaphore released = new Semaphore(0);

    @Override
    public void sync(MVStore store) {
      if (held) {
        reached.release();
        released.acquireUninterruptibly();
      }
      store.sync();
    }

    void hold() {
      held = true;
    }

    void awaitReached() throws InterruptedException {
      assertTrue(reached.tryAcquire(20, TimeUnit.SECONDS), "a commit reached the fsync");
    }

    void release() {
      held = false;
      released.release(1000);
    }
  }

  @BeforeEach
  void start() throws Exception {
    sync = new HeldSync();
    mongo = EmbeddedMongo.start(Files.createTempDirectory("matala-read-durable"), sync);
    // two clients: two sockets, as two chat connections on one node (or two nodes) would be
    writer = Database.connect(mongo.connectionString(), "race");
    reader = Database.connect(mongo.connectionString(), "race");
    await(Reactive.single(writer.collection("messages").insertOne(new Document("_id", "c/000000000001"))));
    await(Reactive.single(writer.collection("conversations").insertOne(new Document("_id", "c"))));
  }

  @AfterEach
  void stop() {
    sync.release();
    writer.close();
    reader.close();
    mongo.close();
  }

  @Test
  void anotherConnectionDoesNotReadAWriteBeforeItIsDurable() throws Exception {
    sync.hold();
    Future<?> insert = Reactive.single(writer.collection("messages").insertOne(new Document("_id", "c/000000000002")));
    sync.awaitReached(); // applied and committed in memory; the fsync has not happened

    Future<List<Document>> read = Reactive.list(reader.collection("messages").find(Filters.gt("_id", "c/000000000001")));
    assertFalse(completesWithin(read, EARLY_MS),
        "a reader got " + (read.succeeded() ? read.result() : read.cause()) + " while the write was not on disk");
    assertFalse(insert.isComplete(), "the write was acknowledged before it was on disk");

    sync.release();
    assertEquals(List.of("c/000000000002"), await(read).stream().map(d -> d.getString("_id")).toList());
    await(insert);
  }

  @Test
  void aDuplicateKeyRefusalWaitsForTheWriteItCollidedWith() throws Exception {
    sync.hold();
    Future<?> first = Reactive.single(writer.collection("messages").insertOne(new Document("_id", "c/000000000003")));
    sync.awaitReached();

    // the second writer loses the seq to a write a crash could still undo: it must not hear so yet
    Future<?> second = Reactive.single(reader.collection("messages").insertOne(new Document("_id", "c/000000000003")));
    assertFalse(completesWithin(second, EARLY_MS), "refused because of a write that was not on disk: " + second.cause());

    sync.release();
    await(first);
    assertTrue(completesWithin(second, 20_000), "the second insert was answered after the fsync");
    Throwable refusal = second.cause();
    assertInstanceOf(MongoWriteException.class, refusal);
    assertEquals(ErrorCategory.DUPLICATE_KEY, ((MongoWriteException) refusal).getError().getCategory());
  }

  @Test
  void aReadOfAnotherCollectionDoesNotWaitForThatWrite() throws Exception {
    sync.hold();
    Future<?> insert = Reactive.single(writer.collection("messages").insertOne(new Document("_id", "c/000000000004")));
    sync.awaitReached();

    Future<Optional<Document>> read = Reactive.first(reader.collection("conversations").find(Filters.eq("_id", "c")));
    assertTrue(completesWithin(read, 20_000), "a read of conversations waited for a write of messages");
    assertTrue(read.result().isPresent());
    assertFalse(insert.isComplete());
  }

  private static boolean completesWithin(Future<?> f, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (!f.isComplete() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    return f.isComplete();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(30, TimeUnit.SECONDS);
  }
}
