package fi.matala.e2ee;

import fi.matala.audit.AuditLog;
import fi.matala.auth.Role;
import fi.matala.auth.StaffAuth;
import fi.matala.auth.StaffPrincipal;
import fi.matala.http.ApiException;
import fi.matala.http.JsonBodies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Base64;
import org.bson.Document;

/**
 * GET /api/e2ee/root (public): the organisation root that clients trust.
 * POST /api/devices/certificate (staff who chat): certifies this device's MLS signature key for 24 h.
 */
public final class DeviceRoutes {
  private final OrganisationCa ca;
  private final AuditLog audit;

  public DeviceRoutes(OrganisationCa ca, AuditLog audit) {
    this.ca = ca;
    this.audit = audit;
  }

  public void mount(Router router, StaffAuth auth) {
    router.get("/api/e2ee/root").handler(ctx -> {
      ctx.response().putHeader("Cache-Control", "public, max-age=3600");
      JsonBodies.sendJson(ctx, 200, new JsonObject().put("root", Base64.getEncoder().encodeToString(ca.rootDer())));
    });
    router.post("/api/devices/certificate").handler(auth.authenticated()).handler(this::certify);
  }

  private void certify(RoutingContext ctx) {
    StaffPrincipal who = StaffAuth.principal(ctx);
    if (!Role.chats(who.roles())) {
      throw new ApiException(403, "no_chat_role",
          "Device certificates are only for roles that chat (worker, therapist, peer, supervisor)");
    }
    JsonObject body = JsonBodies.object(ctx);
    String device = JsonBodies.requiredString(body, "device", 64);
    if (!device.matches("[A-Za-z0-9_-]{8,64}")) {
      throw ApiException.badRequest("invalid_device", "'device' must be 8-64 characters A-Z a-z 0-9 _ -");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(JsonBodies.requiredString(body, "publicKey", 64));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid_key", "'publicKey' must be base64");
    }
    if (key.length != 32) {
      throw ApiException.badRequest("invalid_key", "'publicKey' must be a raw 32-byte Ed25519 public key");
    }
    String role = Role.deviceRole(who.roles());
    byte[] leaf = ca.certifyDevice(who.id(), who.displayName(), role, device, key);
    Instant notAfter = Instant.now().plus(OrganisationCa.DEVICE_VALIDITY);
    audit.record(who, "device.certify", "device", device, new Document("role", role))
        .onSuccess(v -> JsonBodies.sendJson(ctx, 200, new JsonObject()
            .put("certificateChain", new JsonArray()
                .add(Base64.getEncoder().encodeToString(leaf))
                .add(Base64.getEncoder().encodeToString(ca.issuingDer())))
            .put("notAfter", notAfter.toEpochMilli())))
        .onFailure(ctx::fail);
  }
}
