package fi.matala.requests;

import fi.matala.audit.AuditLog;
import fi.matala.auth.StaffAuth;
import fi.matala.auth.StaffPrincipal;
import fi.matala.http.ApiException;
import fi.matala.http.JsonBodies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.Optional;
import org.bson.Document;

/**
 * Setting or changing the request inbox key takes two admins (docs/requests.md): one proposes a
 * key made in their browser, a different admin approves it, and only then does the organisation
 * CA certify it and citizens' browsers accept it. Each step is audited, and so is a refused
 * attempt to approve one's own proposal.
 */
public final class InboxKeyAdminRoutes {
  private final InboxKeys keys;
  private final AuditLog audit;

  public InboxKeyAdminRoutes(InboxKeys keys, AuditLog audit) {
    this.keys = keys;
    this.audit = audit;
  }

  /** Mounted behind the admin guard of /api/admin/* (HttpServerVerticle). */
  public void mount(Router router) {
    router.get("/api/admin/inbox-key").handler(this::state);
    router.post("/api/admin/inbox-key/proposals").handler(this::propose);
    router.post("/api/admin/inbox-key/proposals/:keyId/approve").handler(this::approve);
    router.post("/api/admin/inbox-key/proposals/:keyId/reject").handler(this::reject);
  }

  private void state(RoutingContext ctx) {
    Future.all(keys.current(), keys.pending()).onSuccess(all -> {
      Optional<InboxKeys.ServedKey> active = all.resultAt(0);
      Optional<Document> pending = all.resultAt(1);
      JsonObject body = new JsonObject().put("active", active.map(k -> new JsonObject().put("keyId", k.keyId())
          .put("publicKey", k.publicKey()).put("notAfter", k.notAfter().toEpochMilli())
          .put("activatedAt", k.stored().getDate("activatedAt").getTime())
          .put("proposedBy", person(k.stored(), "proposedBy")).put("approvedBy", person(k.stored(), "approvedBy")))
          .orElse(null));
      body.put("pending", pending.map(p -> new JsonObject().put("keyId", p.getString("keyId"))
          .put("publicKey", p.getString("publicKey")).put("proposedAt", p.getDate("proposedAt").getTime())
          .put("proposedBy", person(p, "proposedBy"))).orElse(null));
      JsonBodies.sendJson(ctx, 200, body);
    }).onFailure(ctx::fail);
  }

  private void propose(RoutingContext ctx) {
    StaffPrincipal admin = StaffAuth.principal(ctx);
    JsonObject body = JsonBodies.object(ctx);
    String publicKey = JsonBodies.requiredString(body, "publicKey", 64);
    try {
      if (Base64.getDecoder().decode(publicKey).length != 32) {
        throw ApiException.badRequest("invalid_key", "'publicKey' must be a raw 32-byte X25519 public key");
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid_key", "'publicKey' must be base64");
    }
    Object wrapped = body.getValue("wrappedPrivateKey");
    if (!(wrapped instanceof JsonObject w) || w.encode().length() > 2048) {
      throw ApiException.badRequest("invalid_key", "'wrappedPrivateKey' must be an object of at most 2 KiB");
    }
    keys.propose(publicKey, Document.parse(w.encode()), admin)
        .recover(e -> Future.failedFuture(e instanceof InboxKeys.ProposalPending
            ? new ApiException(409, "proposal_pending",
                "Another inbox key proposal is waiting for approval; approve or reject it first")
            : e))
        .compose(id -> audit.record(admin, "inbox-key.propose", "inbox-key", id, null).map(v -> id))
        .onSuccess(id -> JsonBodies.sendJson(ctx, 201, new JsonObject().put("keyId", id).put("status", "pending")))
        .onFailure(ctx::fail);
  }

  private void approve(RoutingContext ctx) {
    StaffPrincipal admin = StaffAuth.principal(ctx);
    String keyId = keyId(ctx);
    keys.pending().compose(pending -> {
      Document p = pending.filter(d -> keyId.equals(d.getString("keyId"))).orElseThrow(InboxKeyAdminRoutes::noProposal);
      if (admin.id().equals(p.getString("proposedBy"))) {
        return audit.record(admin, "inbox-key.approve-refused", "inbox-key", keyId, new Document("reason", "own_proposal"))
            .compose(v -> Future.failedFuture(new ApiException(403, "own_proposal",
                "A different admin must approve this key: nobody approves their own proposal")));
      }
      return keys.claimForApproval(keyId, admin.id());
    }).compose(claimed -> {
      Document p = claimed.orElseThrow(InboxKeyAdminRoutes::noProposal);
      return keys.activate(p, admin).compose(notAfter -> audit.record(admin, "inbox-key.approve", "inbox-key", keyId,
          new Document("proposedBy", p.getString("proposedBy"))).map(v -> notAfter));
    }).onSuccess(notAfter -> JsonBodies.sendJson(ctx, 200, new JsonObject().put("keyId", keyId).put("status", "active")
        .put("notAfter", notAfter.toEpochMilli()))).onFailure(ctx::fail);
  }

  private void reject(RoutingContext ctx) {
    StaffPrincipal admin = StaffAuth.principal(ctx);
    String keyId = keyId(ctx);
    keys.discard(keyId).compose(discarded -> {
      Document p = discarded.orElseThrow(InboxKeyAdminRoutes::noProposal);
      String proposer = p.getString("proposedBy");
      return audit.record(admin, "inbox-key.reject", "inbox-key", keyId,
          new Document("proposedBy", proposer).append("withdrawn", admin.id().equals(proposer)));
    }).onSuccess(v -> JsonBodies.sendJson(ctx, 200, new JsonObject().put("keyId", keyId).put("status", "rejected")))
        .onFailure(ctx::fail);
  }

  private static String keyId(RoutingContext ctx) {
    String keyId = ctx.pathParam("keyId");
    if (keyId == null || !keyId.matches("[A-Za-z0-9-]{1,64}")) {
      throw ApiException.badRequest("invalid_key_id", "Not a key id");
    }
    return keyId;
  }

  private static ApiException noProposal() {
    return new ApiException(404, "no_proposal", "No such inbox key proposal is waiting (it may have been approved or rejected)");
  }

  private static JsonObject person(Document d, String field) {
    return new JsonObject().put("id", d.getString(field)).put("displayName", d.getString(field + "Name"));
  }
}
