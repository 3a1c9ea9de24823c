package fi.matala.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Disabled staff ids, so that a disabled account's still-unexpired access tokens stop working at
 * once on every node: the admin route publishes the change on the event bus and every node keeps
 * its own set current. Loaded from the database at start.
 */
public final class StaffRevocations {
  /** Published as {"id": staffId, "disabled": bool} whenever an account is disabled or enabled. */
  public static final String ADDRESS = "matala.staff.changed";

  private final Set<String> disabled = ConcurrentHashMap.newKeySet();

  public Future<Void> start(Vertx vertx, StaffRepository staff) {
    vertx.eventBus().<JsonObject>consumer(ADDRESS, msg -> apply(msg.body()));
    return staff.list().map(all -> {
      all.stream().filter(StaffMember::disabled).forEach(m -> disabled.add(m.id()));
      return null;
    });
  }

  public static void publish(Vertx vertx, String staffId, boolean isDisabled) {
    vertx.eventBus().publish(ADDRESS, new JsonObject().put("id", staffId).put("disabled", isDisabled));
  }

  public boolean isDisabled(String staffId) {
    return disabled.contains(staffId);
  }

  void apply(JsonObject change) {
    String id = change.getString("id");
    if (id == null) {
      return;
    }
    if (change.getBoolean("disabled", false)) {
      disabled.add(id);
    } else {
      disabled.remove(id);
    }
  }

  /** Wraps a verifier so that tokens of disabled staff fail like expired ones. */
  public StaffTokenVerifier guard(StaffTokenVerifier verifier) {
    return token -> verifier.verify(token).compose(p -> isDisabled(p.id())
        ? Future.failedFuture(fi.matala.http.ApiException.unauthorized("This account is no longer active"))
        : Future.succeededFuture(p));
  }
}
