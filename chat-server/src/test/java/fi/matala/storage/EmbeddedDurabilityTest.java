package fi.matala.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Acknowledged means durable on the embedded default: every acked insert survives an abrupt halt. */
class EmbeddedDurabilityTest {

  @ParameterizedTest
  @ValueSource(strings = {"sequential", "concurrent"})
  void everyAcknowledgedInsertSurvivesAHalt(String mode) throws Exception {
    Path dir = Files.createTempDirectory("matala-durability");
    int count = 200;
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), DurabilityProbe.class.getName(), dir.toString(),
        Integer.toString(count), mode)
        .redirectErrorStream(true).start();
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "probe finished");
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(out.contains("ACKED " + count), out);

    try (EmbeddedMongo reopened = EmbeddedMongo.start(dir); Database db = Database.connect(reopened.connectionString(), "probe")) {
      List<Document> docs = Reactive.list(db.collection("acked").find()).await(30, TimeUnit.SECONDS);
      assertEquals(count, docs.size(), "acknowledged inserts found after the halt");
    }
  }
}
