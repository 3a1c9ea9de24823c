package fi.matala.chat.presence;

import fi.matala.auth.Role;
import fi.matala.auth.StaffAuth;
import fi.matala.auth.StaffMember;
import fi.matala.auth.StaffRepository;
import fi.matala.http.JsonBodies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * GET /api/staff/directory (staff): colleagues who can take a transferred chat, with presence.
 * Shows only what a transfer needs (id, name, role, presence), never usernames or accounts.
 */
public final class DirectoryRoutes {
  private final StaffRepository staff;
  private final PresenceRepository presence;

  public DirectoryRoutes(StaffRepository staff, PresenceRepository presence) {
    this.staff = staff;
    this.presence = presence;
  }

  public void mount(Router router, StaffAuth auth) {
    router.get("/api/staff/directory").handler(auth.authenticated()).handler(ctx ->
        Future.all(staff.list(), presence.available()).onSuccess(all -> {
          List<StaffMember> members = all.resultAt(0);
          List<String> available = all.resultAt(1);
          JsonArray arr = new JsonArray();
          members.stream()
              .filter(m -> !m.disabled() && (m.has(Role.WORKER) || m.has(Role.THERAPIST)))
              .forEach(m -> arr.add(new JsonObject().put("id", m.id()).put("displayName", m.displayName())
                  .put("role", m.has(Role.WORKER) ? "worker" : "therapist")
                  .put("presence", available.contains(m.id()) ? "available" : "unavailable")));
          JsonBodies.sendJson(ctx, 200, new JsonObject().put("staff", arr));
        }).onFailure(ctx::fail));
  }
}
