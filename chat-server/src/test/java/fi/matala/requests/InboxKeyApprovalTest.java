package fi.matala.requests;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.e2ee.OrganisationCa;
import fi.matala.storage.Reactive;
import fi.matala.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request inbox key is authenticated like staff devices: two admins put it in place, the
 * organisation CA certifies it, and only a key whose certificate verifies is served.
 */
class InboxKeyApprovalTest {
  static TestServer server;
  static final SecureRandom RANDOM = new SecureRandom();

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Each test starts without a waiting proposal. */
  @BeforeEach
  void noPendingProposal() {
    JsonObject pending = state("admin").getJsonObject("pending");
    if (pending != null) {
      assertEquals(200, post("/api/admin/inbox-key/proposals/" + pending.getString("keyId") + "/reject", null, "admin")
          .statusCode());
    }
  }

  static byte[] x25519PublicKey() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return b;
  }

  static JsonObject proposal(byte[] publicKey) {
    return new JsonObject().put("publicKey", Base64.getEncoder().encodeToString(publicKey)).put("wrappedPrivateKey",
        new JsonObject().put("v", 1).put("kdf", "PBKDF2-SHA256").put("iterations", 600000)
            .put("salt", RequestApiTest.b64(16)).put("iv", RequestApiTest.b64(12)).put("ct", RequestApiTest.b64(48)));
  }

  static HttpResponse<Buffer> post(String path, JsonObject body, String username) {
    var req = server.client.post(path);
    if (username != null) {
      req.putHeader("Authorization", "Bearer " + server.token(username));
    }
    return await(body == null ? req.send() : req.sendJsonObject(body));
  }

  static JsonObject state(String username) {
    HttpResponse<Buffer> r = await(server.client.get("/api/admin/inbox-key")
        .putHeader("Authorization", "Bearer " + server.token(username)).send());
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static HttpResponse<Buffer> publicKey() {
    return await(server.client.get("/api/public/inbox-key").send());
  }

  static String propose(byte[] publicKey, String username) {
    HttpResponse<Buffer> r = post("/api/admin/inbox-key/proposals", proposal(publicKey), username);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    assertEquals("pending", r.bodyAsJsonObject().getString("status"));
    return r.bodyAsJsonObject().getString("keyId");
  }

  /** Proposed by admin, approved by admin2: the way every key becomes active. */
  static String activeKey(byte[] publicKey) {
    String keyId = propose(publicKey, "admin");
    HttpResponse<Buffer> approved = post("/api/admin/inbox-key/proposals/" + keyId + "/approve", null, "admin2");
    assertEquals(200, approved.statusCode(), approved.bodyAsString());
    return keyId;
  }

  static List<Document> auditOf(String keyId) {
    return await(server.platform.services().audit().recent(20, keyId));
  }

  static X509Certificate x509(String base64) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
  }

  static JsonObject request(String keyId) throws Exception {
    return new JsonObject().put("queue", "families").put("lang", "fi").put("lookup", RequestApiTest.lookup())
        .put("keyId", keyId).put("sealed", RequestApiTest.sealed());
  }

  @Test
  void oneAdminAloneCannotActivateAKey() throws Exception {
    String served = publicKey().statusCode() == 200 ? publicKey().bodyAsJsonObject().getString("keyId") : null;
    String keyId = propose(x25519PublicKey(), "admin");

    JsonObject pending = state("admin").getJsonObject("pending");
    assertEquals(keyId, pending.getString("keyId"));
    assertEquals("Aino Ylläpitäjä", pending.getJsonObject("proposedBy").getString("displayName"));
    HttpResponse<Buffer> pub = publicKey();
    assertFalse(pub.statusCode() == 200 && keyId.equals(pub.bodyAsJsonObject().getString("keyId")),
        "a proposed key is not served");
    assertEquals(served, pub.statusCode() == 200 ? pub.bodyAsJsonObject().getString("keyId") : null);
    assertEquals("unknown_key", post("/api/public/requests", request(keyId), null).bodyAsJsonObject().getString("error"),
        "nothing can be sealed to a proposed key");
    assertEquals(409, post("/api/admin/inbox-key/proposals", proposal(x25519PublicKey()), "admin2").statusCode(),
        "one proposal waits at a time");
    assertEquals("proposal_pending",
        post("/api/admin/inbox-key/proposals", proposal(x25519PublicKey()), "admin").bodyAsJsonObject().getString("error"));
    assertEquals(403, post("/api/admin/inbox-key/proposals", proposal(x25519PublicKey()), "worker").statusCode());
    assertTrue(auditOf(keyId).stream().anyMatch(d -> "inbox-key.propose".equals(d.getString("action"))
        && "admin".equals(d.getString("actorUsername"))));
  }

  @Test
  void nobodyApprovesTheirOwnProposal() {
    String keyId = propose(x25519PublicKey(), "admin");
    HttpResponse<Buffer> self = post("/api/admin/inbox-key/proposals/" + keyId + "/approve", null, "admin");
    assertEquals(403, self.statusCode(), self.bodyAsString());
    assertEquals("own_proposal", self.bodyAsJsonObject().getString("error"));
    assertEquals(keyId, state("admin").getJsonObject("pending").getString("keyId"), "the proposal still waits");
    assertFalse(publicKey().statusCode() == 200 && keyId.equals(publicKey().bodyAsJsonObject().getString("keyId")));
    assertTrue(auditOf(keyId).stream().anyMatch(d -> "inbox-key.approve-refused".equals(d.getString("action"))));
    assertEquals(403, post("/api/admin/inbox-key/proposals/" + keyId + "/approve", null, "worker").statusCode(),
        "only admins approve");
  }

  @Test
  void anotherAdminsApprovalActivatesACertifiedKey() throws Exception {
    byte[] key = x25519PublicKey();
    String keyId = propose(key, "admin");
    HttpResponse<Buffer> approved = post("/api/admin/inbox-key/proposals/" + keyId + "/approve", null, "admin2");
    assertEquals(200, approved.statusCode(), approved.bodyAsString());
    assertEquals("active", approved.bodyAsJsonObject().getString("status"));
    assertEquals(404, post("/api/admin/inbox-key/proposals/" + keyId + "/approve", null, "admin2").statusCode(),
        "approved once");

    JsonObject served = publicKey().bodyAsJsonObject();
    assertEquals(keyId, served.getString("keyId"));
    assertEquals(Base64.getEncoder().encodeToString(key), served.getString("publicKey"));
    JsonArray chain = served.getJsonArray("certificateChain");
    assertEquals(2, chain.size());
    X509Certificate leaf = x509(chain.getString(0));
    X509Certificate issuing = x509(chain.getString(1));
    X509Certificate root = x509(await(server.client.get("/api/e2ee/root").send()).bodyAsJsonObject().getString("root"));
    leaf.verify(issuing.getPublicKey());
    issuing.verify(root.getPublicKey());
    assertThrows(SignatureException.class, () -> leaf.verify(root.getPublicKey()));
    leaf.checkValidity();
    // the certified key is exactly the proposed one, for key agreement, naming the key id
    byte[] spki = leaf.getPublicKey().getEncoded();
    assertArrayEquals(key, java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    assertEquals("X25519", ((java.security.spec.NamedParameterSpec)
        ((java.security.interfaces.XECPublicKey) leaf.getPublicKey()).getParams()).getName());
    assertTrue(leaf.getKeyUsage()[4], "keyAgreement");
    assertFalse(leaf.getKeyUsage()[0], "no digitalSignature");
    assertEquals(-1, leaf.getBasicConstraints(), "not a CA");
    assertEquals(OrganisationCa.INBOX_KEY_URN_PREFIX + keyId, leaf.getSubjectAlternativeNames().iterator().next().get(1));
    assertEquals(leaf.getNotAfter().getTime(), served.getLong("notAfter"));
    assertTrue(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant())
        .compareTo(OrganisationCa.INBOX_KEY_VALIDITY.plusMinutes(5)) <= 0);

    JsonObject active = state("admin").getJsonObject("active");
    assertEquals(keyId, active.getString("keyId"));
    assertEquals("Olli Ylläpitäjä", active.getJsonObject("approvedBy").getString("displayName"));
    assertNull(state("admin").getJsonObject("pending"));
    assertTrue(auditOf(keyId).stream().anyMatch(d -> "inbox-key.approve".equals(d.getString("action"))
        && "admin2".equals(d.getString("actorUsername"))));
    assertEquals(201, post("/api/public/requests", request(keyId), null).statusCode(), "requests are sealed to it");
  }

  @Test
  void aRejectedProposalNeverBecomesActive() {
    String keyId = propose(x25519PublicKey(), "admin");
    assertEquals(200, post("/api/admin/inbox-key/proposals/" + keyId + "/reject", null, "admin2").statusCode());
    assertEquals(404, post("/api/admin/inbox-key/proposals/" + keyId + "/approve", null, "admin2").statusCode());
    assertEquals("no_proposal", post("/api/admin/inbox-key/proposals/" + keyId + "/reject", null, "admin")
        .bodyAsJsonObject().getString("error"));
    assertNull(state("admin").getJsonObject("pending"));
    assertTrue(auditOf(keyId).stream().anyMatch(d -> "inbox-key.reject".equals(d.getString("action"))));
  }

  @Test
  void aKeyWrittenStraightIntoTheDatabaseIsNotServed() throws Exception {
    String approved = activeKey(x25519PublicKey());
    String approvedCertificate = publicKey().bodyAsJsonObject().getJsonArray("certificateChain").getString(0);
    var keys = server.platform.services().db().collection("inbox_keys");
    OrganisationCa otherCa = OrganisationCa.openOrCreate(Files.createTempDirectory("other-ca"));
    long later = System.currentTimeMillis() + 60_000;
    // no certificate; a certificate from another CA; the approved key's certificate beside another public key
    byte[] forged = x25519PublicKey();
    String otherId = UUID.randomUUID().toString();
    List<Document> forgeries = List.of(
        forgedRecord(UUID.randomUUID().toString(), forged, null, later),
        forgedRecord(otherId, forged, Base64.getEncoder().encodeToString(otherCa.certifyInboxKey(otherId, forged)), later + 1),
        forgedRecord(UUID.randomUUID().toString(), forged, approvedCertificate, later + 2));
    for (Document d : forgeries) {
      await(Reactive.single(keys.insertOne(d)));
      HttpResponse<Buffer> served = publicKey();
      assertEquals(200, served.statusCode());
      assertEquals(approved, served.bodyAsJsonObject().getString("keyId"), "the forged record is skipped: " + d.get("_id"));
      assertEquals("unknown_key", post("/api/public/requests", request(d.getString("_id")), null)
          .bodyAsJsonObject().getString("error"), "nothing is sealed to a forged key");
    }
    assertEquals(approved, state("admin").getJsonObject("active").getString("keyId"));

    // swapping the public key of the approved record in place: that record is no longer served
    String forgedKey = Base64.getEncoder().encodeToString(forged);
    await(Reactive.single(keys.updateOne(new Document("_id", approved),
        new Document("$set", new Document("publicKey", forgedKey)))));
    HttpResponse<Buffer> after = publicKey();
    if (after.statusCode() == 200) {
      assertNotEquals(approved, after.bodyAsJsonObject().getString("keyId"));
      assertNotEquals(forgedKey, after.bodyAsJsonObject().getString("publicKey"));
    } else {
      assertEquals("no_inbox_key", after.bodyAsJsonObject().getString("error"));
    }
    assertEquals("unknown_key", post("/api/public/requests", request(approved), null).bodyAsJsonObject().getString("error"));
  }

  @Test
  void onlyAForgedKeyMeansNoKeyAtAll() throws Exception {
    try (TestServer fresh = TestServer.start(Map.of())) {
      String id = UUID.randomUUID().toString();
      await(Reactive.single(fresh.platform.services().db().collection("inbox_keys")
          .insertOne(forgedRecord(id, x25519PublicKey(), null, System.currentTimeMillis()))));
      HttpResponse<Buffer> r = await(fresh.client.get("/api/public/inbox-key").send());
      assertEquals(404, r.statusCode(), r.bodyAsString());
      assertEquals("no_inbox_key", r.bodyAsJsonObject().getString("error"));
    }
  }

  static Document forgedRecord(String id, byte[] publicKey, String certificate, long activatedAt) {
    Document d = new Document("_id", id).append("publicKey", Base64.getEncoder().encodeToString(publicKey))
        .append("wrappedPrivateKey", new Document("v", 1)).append("activatedAt", new Date(activatedAt))
        .append("createdAt", new Date(activatedAt));
    if (certificate != null) {
      d.append("certificate", certificate);
    }
    return d;
  }
}
