package fi.matala.storage;

import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The storage contract on a real MongoDB replica set in a container. Reported as skipped, not
 * failed, where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoDbStorageContractTest extends StorageContract {
  @Container
  static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

  @Override
  String uri() {
    return MONGO.getReplicaSetUrl();
  }
}
