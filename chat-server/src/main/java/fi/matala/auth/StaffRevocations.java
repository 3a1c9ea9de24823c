package fi.matala.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Which access tokens no longer count, on this node: those of disabled accounts, and those issued
 * under an older session version of an account (before its roles changed or it was disabled; see
 * {@link StaffRepository#update}). The admin route publishes each change on the event bus; every
 * node applies it to its own state first and only then ends the live sessions it holds (the
 * {@link #onSessionsEnded} hook), so that a console reconnecting at once cannot get back in with
 * its old token on any node. Loaded from the database at start.
 */
public final class StaffRevocations {
  /**
   * Published as {"id", "disabled": bool, "sessionVersion": n, "reason": "disabled"|"roles"|"enabled"|"renamed"}
   * whenever an account changes.
   */
  public static final String ADDRESS = "matala.staff.changed";

  /** Why live sessions of a staff member end: their roles changed, or the account was disabled. */
  public static final String ROLES = "roles";
  public static final String DISABLED = "disabled";

  private final Set<String> disabled = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> minimumVersion = new ConcurrentHashMap<>();
  private volatile BiConsumer<String, String> sessionsEnded = (id, reason) -> { };

  public Future<Void> start(Vertx vertx, StaffRepository staff) {
    vertx.eventBus().<JsonObject>consumer(ADDRESS, msg -> apply(msg.body()));
    return staff.list().map(all -> {
      all.forEach(m -> {
        if (m.disabled()) {
          disabled.add(m.id());
        }
        raiseVersion(m.id(), m.sessionVersion());
      });
      return null;
    });
  }

  /** Told (staff id, reason) after this node stopped accepting the old tokens of someone whose sessions end. */
  public void onSessionsEnded(BiConsumer<String, String> hook) {
    this.sessionsEnded = hook;
  }

  /** Tells every node about a changed account (after the change is stored). */
  public static void publish(Vertx vertx, StaffMember changed, String reason) {
    vertx.eventBus().publish(ADDRESS, new JsonObject().put("id", changed.id()).put("disabled", changed.disabled())
        .put("sessionVersion", changed.sessionVersion()).put("reason", reason));
  }

  public boolean isDisabled(String staffId) {
    return disabled.contains(staffId);
  }

  /** A token of a disabled account, or issued before the account's last role change or disabling. */
  public boolean isRevoked(StaffPrincipal p) {
    return disabled.contains(p.id()) || p.sessionVersion() < minimumVersion.getOrDefault(p.id(), 0);
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
    raiseVersion(id, change.getInteger("sessionVersion", 0));
    String reason = change.getString("reason", "");
    if (reason.equals(ROLES) || reason.equals(DISABLED)) {
      sessionsEnded.accept(id, reason);
    }
  }

  private void raiseVersion(String id, int version) {
    if (version > 0) {
      minimumVersion.merge(id, version, Math::max);
    }
  }

  /** Wraps a verifier so that revoked tokens fail like expired ones. */
  public StaffTokenVerifier guard(StaffTokenVerifier verifier) {
    return token -> verifier.verify(token).compose(p -> isRevoked(p)
        ? Future.failedFuture(fi.matala.http.ApiException.unauthorized("This sign-in is no longer valid; sign in again"))
        : Future.succeededFuture(p));
  }
}
