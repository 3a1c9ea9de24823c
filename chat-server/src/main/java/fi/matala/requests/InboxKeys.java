package fi.matala.requests;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import fi.matala.auth.StaffPrincipal;
import fi.matala.e2ee.OrganisationCa;
import fi.matala.storage.Database;
import fi.matala.storage.Reactive;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The team's request inbox keys (docs/requests.md): the X25519 public key citizens seal requests
 * to, and the private key wrapped with the team's passphrase in an admin's browser. The server
 * cannot unwrap it. Versioned, so that a new key leaves older requests readable.
 *
 * <p>A key becomes active only through two admins: one proposes it (at most one proposal waits, in
 * {@code inbox_key_proposals} under the fixed id "pending", so two proposals cannot race), another
 * approves it, and only then does the organisation CA certify it. A key is served only when its
 * certificate verifies, so a key written straight into the database is never handed to citizens.
 */
public final class InboxKeys {
  private static final Logger LOG = LoggerFactory.getLogger(InboxKeys.class);
  private static final String PENDING = "pending";
  /** How many of the newest active keys are looked at for one that verifies. */
  private static final int SERVE_CANDIDATES = 20;

  /** Another proposal is already waiting for a second admin. */
  public static final class ProposalPending extends RuntimeException {
    ProposalPending() {
      super("a proposal is pending", null, false, false);
    }
  }

  /** An active key as served to citizens: its certificate verified against this CA just now. */
  public record ServedKey(String keyId, String publicKey, String certificate, Instant notAfter, Document stored) {}

  private final MongoCollection<Document> keys;
  private final MongoCollection<Document> proposals;
  private final OrganisationCa ca;
  /** Verified certificates (key id|public key|certificate → notAfter): the public GET verifies each once. */
  private final Map<String, Instant> verified = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  public InboxKeys(Database db, OrganisationCa ca) {
    this.keys = db.collection("inbox_keys");
    this.proposals = db.collection("inbox_key_proposals");
    this.ca = ca;
  }

  /** Stores the new key as the pending proposal; fails with {@link ProposalPending} when one waits. */
  public Future<String> propose(String publicKey, Document wrappedPrivateKey, StaffPrincipal admin) {
    String id = UUID.randomUUID().toString();
    Document d = new Document("_id", PENDING).append("keyId", id).append("publicKey", publicKey)
        .append("wrappedPrivateKey", wrappedPrivateKey).append("proposedBy", admin.id())
        .append("proposedByName", admin.displayName()).append("proposedAt", new Date());
    return Reactive.single(proposals.insertOne(d)).map(r -> id)
        .recover(e -> Future.failedFuture(e instanceof MongoWriteException w
            && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY ? new ProposalPending() : e));
  }

  public Future<Optional<Document>> pending() {
    return Reactive.first(proposals.find(Filters.eq("_id", PENDING)).limit(1));
  }

  /**
   * Takes the pending proposal keyId out for approval by approverId, in one atomic delete that
   * also requires a different proposer: of two approvals at once, one gets it.
   */
  public Future<Optional<Document>> claimForApproval(String keyId, String approverId) {
    return Reactive.first(proposals.findOneAndDelete(Filters.and(Filters.eq("_id", PENDING), Filters.eq("keyId", keyId),
        Filters.ne("proposedBy", approverId))));
  }

  /** Removes the pending proposal keyId (rejected or withdrawn). */
  public Future<Optional<Document>> discard(String keyId) {
    return Reactive.first(proposals.findOneAndDelete(Filters.and(Filters.eq("_id", PENDING), Filters.eq("keyId", keyId))));
  }

  /** The approved proposal, certified by the CA, becomes the newest active key; returns its notAfter. */
  public Future<Instant> activate(Document proposal, StaffPrincipal approver) {
    String keyId = proposal.getString("keyId");
    String publicKey = proposal.getString("publicKey");
    byte[] certificate = ca.certifyInboxKey(keyId, Base64.getDecoder().decode(publicKey));
    String certificateBase64 = Base64.getEncoder().encodeToString(certificate);
    Instant notAfter = InboxKeyCertificate.verify(ca, keyId, publicKey, certificateBase64, Instant.now())
        .orElseThrow(() -> new IllegalStateException("a certificate just issued does not verify"));
    Date now = new Date();
    Document d = new Document("_id", keyId).append("publicKey", publicKey)
        .append("wrappedPrivateKey", proposal.get("wrappedPrivateKey", Document.class))
        .append("certificate", certificateBase64).append("notAfter", Date.from(notAfter))
        .append("proposedBy", proposal.getString("proposedBy")).append("proposedByName", proposal.getString("proposedByName"))
        .append("proposedAt", proposal.getDate("proposedAt")).append("approvedBy", approver.id())
        .append("approvedByName", approver.displayName()).append("activatedAt", now).append("createdAt", now);
    return Reactive.single(keys.insertOne(d)).map(r -> notAfter);
  }

  /** The newest active key whose certificate verifies now; keys that do not verify are skipped (and logged once). */
  public Future<Optional<ServedKey>> current() {
    return Reactive.list(keys.find(Filters.exists("activatedAt")).sort(Sorts.descending("activatedAt")).limit(SERVE_CANDIDATES))
        .map(candidates -> candidates.stream().map(this::served).flatMap(Optional::stream).findFirst());
  }

  /** The key keyId when it is active and its certificate verifies now: requests may be sealed only to such a key. */
  public Future<Optional<ServedKey>> verifiedById(String keyId) {
    return Reactive.first(keys.find(Filters.eq("_id", keyId)).limit(1)).map(d -> d.flatMap(this::served));
  }

  /** What a citizen's browser verifies to the organisation root: [inbox key certificate, issuing CA], base64 DER. */
  public List<String> certificateChain(ServedKey key) {
    return List.of(key.certificate(), Base64.getEncoder().encodeToString(ca.issuingDer()));
  }

  /** Every stored key, newest first: staff unlock the ones their passphrase opens. */
  public Future<List<Document>> all() {
    return Reactive.list(keys.find().sort(Sorts.descending("createdAt")));
  }

  private Optional<ServedKey> served(Document key) {
    String keyId = key.getString("_id");
    String publicKey = key.get("publicKey") instanceof String s ? s : null;
    String certificate = key.get("certificate") instanceof String s ? s : null;
    Instant now = Instant.now();
    String cacheKey = keyId + "|" + publicKey + "|" + certificate;
    Instant notAfter = verified.get(cacheKey);
    if (notAfter == null) {
      notAfter = InboxKeyCertificate.verify(ca, keyId, publicKey, certificate, now).orElse(null);
      if (notAfter != null) {
        if (verified.size() > 1000) {
          verified.clear();
        }
        verified.put(cacheKey, notAfter);
      }
    }
    if (notAfter == null || !now.isBefore(notAfter)) {
      if (warned.size() < 1000 && warned.add(keyId)) {
        LOG.warn("Inbox key {} has no valid certificate from this organisation CA (expired, or not approved by two "
            + "admins); it is not served", keyId);
      }
      return Optional.empty();
    }
    return Optional.of(new ServedKey(keyId, publicKey, certificate, notAfter, key));
  }
}
