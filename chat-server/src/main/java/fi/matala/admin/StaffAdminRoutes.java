package fi.matala.admin;

import fi.matala.audit.AuditLog;
import fi.matala.auth.PasswordHasher;
import fi.matala.auth.Role;
import fi.matala.auth.StaffAuth;
import fi.matala.auth.StaffMember;
import fi.matala.auth.StaffPrincipal;
import fi.matala.auth.StaffRepository;
import fi.matala.auth.StaffRevocations;
import fi.matala.chat.keys.StaffKeyRetirement;
import fi.matala.config.PasswordRules;
import fi.matala.config.UsernameRules;
import fi.matala.http.ApiException;
import fi.matala.http.JsonBodies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Admin-only staff management: list, create, disable/enable, re-role, rename. Every change is
 * audited, and so is a refused attempt to change one's own roles. Disabling someone or changing
 * their roles retires their key packages and ends their live sessions on every node.
 */
public final class StaffAdminRoutes {
  private static final int MAX_DISPLAY_NAME = 100;

  private final Vertx vertx;
  private final StaffRepository staff;
  private final PasswordHasher hasher;
  private final AuditLog audit;
  private final StaffKeyRetirement keyRetirement;

  public StaffAdminRoutes(Vertx vertx, StaffRepository staff, PasswordHasher hasher, AuditLog audit,
      StaffKeyRetirement keyRetirement) {
    this.keyRetirement = keyRetirement;
    this.vertx = vertx;
    this.staff = staff;
    this.hasher = hasher;
    this.audit = audit;
  }

  /** Mounted behind the admin guard of /api/admin/* (HttpServerVerticle). */
  public void mount(Router router) {
    router.get("/api/admin/staff").handler(this::list);
    router.post("/api/admin/staff").handler(this::create);
    router.patch("/api/admin/staff/:id").handler(this::update);
  }

  private void list(RoutingContext ctx) {
    staff.list().onSuccess(all -> {
      JsonArray arr = new JsonArray();
      all.forEach(m -> arr.add(m.toJson()));
      JsonBodies.sendJson(ctx, 200, new JsonObject().put("staff", arr));
    }).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    StaffPrincipal admin = StaffAuth.principal(ctx);
    JsonObject body = JsonBodies.object(ctx);
    String username = JsonBodies.requiredString(body, "username", 64);
    if (!UsernameRules.valid(username)) {
      throw ApiException.badRequest("invalid_username", "Username: " + UsernameRules.DESCRIPTION);
    }
    String password = JsonBodies.requiredString(body, "password", PasswordRules.MAX_LENGTH);
    if (!PasswordRules.valid(password)) {
      throw ApiException.badRequest("weak_password", "Password " + PasswordRules.DESCRIPTION);
    }
    String displayName = displayName(JsonBodies.requiredString(body, "displayName", MAX_DISPLAY_NAME));
    List<Role> roles = roles(JsonBodies.optionalStringList(body, "roles", Role.values().length)
        .orElseThrow(() -> ApiException.badRequest("missing_field", "'roles' is required")));
    vertx.executeBlocking(() -> hasher.hash(password), false)
        .compose(hash -> staff.create(username, displayName, roles, hash))
        .recover(e -> Future.failedFuture(e instanceof StaffRepository.UsernameTaken
            ? new ApiException(409, "username_taken", "That username is already in use") : e))
        .compose(m -> audit.record(admin, "staff.create", "staff", m.id(),
                new Document("username", m.username()).append("roles", roles.stream().map(Role::id).toList()))
            .map(v -> m))
        .onSuccess(m -> JsonBodies.sendJson(ctx, 201, m.toJson()))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    StaffPrincipal admin = StaffAuth.principal(ctx);
    String id = ctx.pathParam("id");
    JsonObject body = JsonBodies.object(ctx);
    Optional<List<Role>> roles = JsonBodies.optionalStringList(body, "roles", Role.values().length).map(StaffAdminRoutes::roles);
    Optional<Boolean> disabled = JsonBodies.optionalBoolean(body, "disabled");
    Optional<String> displayName = JsonBodies.optionalString(body, "displayName", MAX_DISPLAY_NAME)
        .map(StaffAdminRoutes::displayName);
    if (roles.isEmpty() && disabled.isEmpty() && displayName.isEmpty()) {
      throw ApiException.badRequest("nothing_to_change", "Give roles, disabled or displayName");
    }
    if (id.equals(admin.id()) && roles.isPresent()) {
      // granting oneself a role (or keeping one's admin role against a colleague's decision) takes a second admin
      audit.record(admin, "staff.update.refused", "staff", id, new Document("reason", "own_roles")
              .append("roles", roles.get().stream().map(Role::id).toList()))
          .onComplete(ar -> ctx.fail(new ApiException(403, "own_roles",
              "You cannot change your own roles; another admin can")));
      return;
    }
    if (id.equals(admin.id()) && disabled.orElse(false)) {
      // an admin locking themselves out would leave nobody to undo it
      throw ApiException.badRequest("self_lockout", "You cannot disable yourself");
    }
    Document change = new Document();
    roles.ifPresent(r -> change.append("roles", r.stream().map(Role::id).toList()));
    disabled.ifPresent(d -> change.append("disabled", d));
    displayName.ifPresent(n -> change.append("displayName", n));
    // their live sessions end (on every node) when the roles they were signed in with change, or when disabled
    boolean endsSessions = roles.isPresent() || disabled.orElse(false);
    staff.update(id, roles, disabled, displayName)
        .compose(m -> m.isEmpty()
            ? Future.failedFuture(ApiException.notFound("No such staff member"))
            : audit.record(admin, "staff.update", "staff", id, change).map(v -> m.get()))
        // devices certified under the old roles, or of a disabled account, must not be offered to a citizen again
        .compose(m -> endsSessions ? keyRetirement.retire(id).map(v -> m) : Future.succeededFuture(m))
        .onSuccess(m -> {
          StaffRevocations.publish(vertx, m, reason(m, roles.isPresent(), disabled));
          JsonBodies.sendJson(ctx, 200, m.toJson());
        })
        .onFailure(ctx::fail);
  }

  private static String reason(StaffMember m, boolean rolesChanged, Optional<Boolean> disabled) {
    if (m.disabled() && disabled.orElse(false)) {
      return StaffRevocations.DISABLED;
    }
    if (rolesChanged) {
      return StaffRevocations.ROLES;
    }
    return disabled.isPresent() ? "enabled" : "renamed";
  }

  private static List<Role> roles(List<String> ids) {
    if (ids.isEmpty()) {
      throw ApiException.badRequest("invalid_roles", "Give at least one role");
    }
    return ids.stream().distinct().map(id -> Role.parse(id).orElseThrow(() ->
        ApiException.badRequest("invalid_roles", "Unknown role '" + id + "'; roles are worker, therapist, peer, supervisor, admin")))
        .toList();
  }

  private static String displayName(String raw) {
    String name = raw.strip();
    if (name.isEmpty() || name.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest("invalid_display_name", "Display name must be non-empty text without control characters");
    }
    return name;
  }
}
