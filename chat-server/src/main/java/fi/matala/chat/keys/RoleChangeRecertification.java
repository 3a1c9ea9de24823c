package fi.matala.chat.keys;

import fi.matala.chat.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A staff member's device certificates state the role they had when certified (24 h). After an
 * admin changes their roles, the citizen's client would refuse those devices (the role it is told
 * no longer matches), so they must not be offered again: their unused key packages are forgotten
 * at once, and their consoles are told (on every node) to fetch a fresh sign-in token and a fresh
 * device certificate, then upload new key packages (docs/e2ee.md).
 */
public final class RoleChangeRecertification {
  /** The event on a staff member's address; their connections answer it with a staff.changed frame. */
  public static final String EVENT = "recertify";

  private final Vertx vertx;
  private final KeyPackageStore keyPackages;

  public RoleChangeRecertification(Vertx vertx, KeyPackageStore keyPackages) {
    this.vertx = vertx;
    this.keyPackages = keyPackages;
  }

  public Future<Void> rolesChanged(String staffId) {
    return keyPackages.forgetAll(staffId).map(n -> {
      vertx.eventBus().publish(Addresses.staff(staffId), new JsonObject().put("event", EVENT).put("reason", "roles"));
      return null;
    });
  }
}
