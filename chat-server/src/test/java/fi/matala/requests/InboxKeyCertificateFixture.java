package fi.matala.requests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.e2ee.OrganisationCa;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Writes the inbox key certificate the real organisation CA issues, for the browser's verifier tests
 * (web-client/test/requests/fixtures/inbox-key-chain.json):
 *
 * <pre>WRITE_INBOX_KEY_FIXTURE=1 mvn -B -q -o -pl chat-server test -Dtest=InboxKeyCertificateFixture -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Besides the chain it holds the X25519 private key (a test key, nothing else uses it), so that the
 * browser test can open what it sealed to the certified key, and the root of a second CA.
 */
class InboxKeyCertificateFixture {
  static final Path FIXTURE = Path.of("../web-client/test/requests/fixtures/inbox-key-chain.json");

  static byte[] last32(byte[] encoded) {
    return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "WRITE_INBOX_KEY_FIXTURE", matches = "1")
  void write() throws Exception {
    OrganisationCa ca = OrganisationCa.openOrCreate(Files.createTempDirectory("fixture-ca"));
    OrganisationCa other = OrganisationCa.openOrCreate(Files.createTempDirectory("fixture-other-ca"));
    KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
    byte[] publicKey = last32(pair.getPublic().getEncoded());
    String keyId = UUID.randomUUID().toString();
    Base64.Encoder b64 = Base64.getEncoder();
    String leaf = b64.encodeToString(ca.certifyInboxKey(keyId, publicKey));
    Instant now = Instant.now();
    assertTrue(InboxKeyCertificate.verify(ca, keyId, b64.encodeToString(publicKey), leaf, now).isPresent());
    JsonObject fixture = new JsonObject()
        .put("comment", "Issued by OrganisationCa.certifyInboxKey (BouncyCastle); regenerate with InboxKeyCertificateFixture. "
            + "Verify with now = generatedAtMs.")
        .put("generatedAtMs", now.toEpochMilli())
        .put("root", b64.encodeToString(ca.rootDer()))
        .put("otherRoot", b64.encodeToString(other.rootDer()))
        .put("served", new JsonObject().put("keyId", keyId).put("publicKey", b64.encodeToString(publicKey))
            .put("certificateChain", new JsonArray().add(leaf).add(b64.encodeToString(ca.issuingDer()))))
        .put("otherCaChain", new JsonArray().add(b64.encodeToString(other.certifyInboxKey(keyId, publicKey)))
            .add(b64.encodeToString(other.issuingDer())))
        .put("privateKey", b64.encodeToString(last32(pair.getPrivate().getEncoded())));
    Files.createDirectories(FIXTURE.getParent());
    Files.writeString(FIXTURE, fixture.encodePrettily() + "\n");
  }
}
