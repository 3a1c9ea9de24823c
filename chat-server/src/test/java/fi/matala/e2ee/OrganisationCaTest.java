package fi.matala.e2ee;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class OrganisationCaTest {

  static X509Certificate x509(byte[] der) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  static byte[] rawEd25519(PublicKey key) {
    byte[] spki = key.getEncoded();
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }

  @Test
  void deviceCertificatesChainToTheRootAndBindTheStaffMember() throws Exception {
    Path dir = Files.createTempDirectory("org-ca");
    OrganisationCa ca = OrganisationCa.openOrCreate(dir);
    PublicKey deviceKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
    X509Certificate root = x509(ca.rootDer());
    X509Certificate issuing = x509(ca.issuingDer());
    X509Certificate leaf = x509(ca.certifyDevice("staff-1", "Tiina \u202eTyöntekijä", "worker", "device-abc12345",
        rawEd25519(deviceKey)));

    root.verify(root.getPublicKey());
    issuing.verify(root.getPublicKey());
    leaf.verify(issuing.getPublicKey());
    assertThrows(SignatureException.class, () -> leaf.verify(root.getPublicKey()));
    assertEquals(issuing.getSubjectX500Principal(), leaf.getIssuerX500Principal());
    assertTrue(issuing.getBasicConstraints() >= 0, "issuing cert is a CA");
    assertEquals(-1, leaf.getBasicConstraints(), "leaf is not a CA");
    assertTrue(leaf.getKeyUsage()[0], "digitalSignature");
    assertArrayEquals(deviceKey.getEncoded(), leaf.getPublicKey().getEncoded());
    Duration validity = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
    assertTrue(validity.compareTo(Duration.ofHours(24)) <= 0, "at most 24 h: " + validity);
    String subject = leaf.getSubjectX500Principal().getName();
    assertTrue(subject.contains("OU=worker"), subject);
    assertTrue(subject.contains("CN=Tiina Työntekijä"), "bidi override stripped: " + subject);
    assertTrue(subject.contains("staff-1"), subject);
    assertEquals("urn:matala:device:device-abc12345", leaf.getSubjectAlternativeNames().iterator().next().get(1));

    // the same CA is loaded on the next start
    assertArrayEquals(ca.rootDer(), OrganisationCa.openOrCreate(dir).rootDer());
  }

  @Test
  void staffDevicesAreCertifiedOverHttpsAndTheRootIsPublic() throws Exception {
    try (TestServer server = TestServer.start()) {
      HttpResponse<Buffer> root = await(server.client.get("/api/e2ee/root").send());
      assertEquals(200, root.statusCode());
      X509Certificate rootCert = x509(Base64.getDecoder().decode(root.bodyAsJsonObject().getString("root")));

      PublicKey deviceKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
      JsonObject req = new JsonObject().put("device", "browser-device-1")
          .put("publicKey", Base64.getEncoder().encodeToString(rawEd25519(deviceKey)));
      assertEquals(401, await(server.client.post("/api/devices/certificate").sendJsonObject(req)).statusCode());
      HttpResponse<Buffer> r = await(server.client.post("/api/devices/certificate")
          .putHeader("Authorization", "Bearer " + server.token("peer")).sendJsonObject(req));
      assertEquals(200, r.statusCode(), r.bodyAsString());
      var chain = r.bodyAsJsonObject().getJsonArray("certificateChain");
      X509Certificate leaf = x509(Base64.getDecoder().decode(chain.getString(0)));
      X509Certificate issuing = x509(Base64.getDecoder().decode(chain.getString(1)));
      issuing.verify(rootCert.getPublicKey());
      leaf.verify(issuing.getPublicKey());
      assertTrue(leaf.getSubjectX500Principal().getName().contains("OU=peer"));

      HttpResponse<Buffer> bad = await(server.client.post("/api/devices/certificate")
          .putHeader("Authorization", "Bearer " + server.token("peer"))
          .sendJsonObject(req.copy().put("publicKey", Base64.getEncoder().encodeToString(new byte[31]))));
      assertEquals(400, bad.statusCode());
      assertEquals("invalid_key", bad.bodyAsJsonObject().getString("error"));
    }
  }
}
