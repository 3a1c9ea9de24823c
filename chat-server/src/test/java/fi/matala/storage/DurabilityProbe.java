package fi.matala.storage;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Run in a child JVM by {@link EmbeddedDurabilityTest}: inserts documents through the real driver,
 * waits for every acknowledgement, then halts the process at once (no shutdown hooks, no close).
 */
public final class DurabilityProbe {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    boolean concurrent = args.length > 2 && args[2].equals("concurrent");
    EmbeddedMongo mongo = EmbeddedMongo.start(dir);
    Database db = Database.connect(mongo.connectionString(), "probe");
    var coll = db.collection("acked");
    if (concurrent) {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        all.add(Reactive.single(coll.insertOne(new Document("_id", i))));
      }
      Future.all(all).await(60, TimeUnit.SECONDS);
    } else {
      for (int i = 0; i < count; i++) {
        Reactive.single(coll.insertOne(new Document("_id", i))).await(10, TimeUnit.SECONDS);
      }
    }
    System.out.println("ACKED " + count);
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
