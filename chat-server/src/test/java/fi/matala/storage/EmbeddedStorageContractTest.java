package fi.matala.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract on the embedded default (mongo-java-server, H2, over a loopback socket). */
class EmbeddedStorageContractTest extends StorageContract {
  private static EmbeddedMongo mongo;

  @BeforeAll
  static void startEmbedded() {
    try {
      mongo = EmbeddedMongo.start(Files.createTempDirectory("matala-contract"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopEmbedded() {
    mongo.close();
  }

  @Override
  String uri() {
    return mongo.connectionString();
  }
}
