package fi.matala.chat.ws;

import fi.matala.auth.StaffPrincipal;
import fi.matala.auth.StaffRevocations;
import fi.matala.chat.ChatException;
import fi.matala.chat.keys.KeyPackageStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long one staff connection's sign-in lasts: until its access token expires, unless the
 * console renews it in-band (staff.renew), and not a moment longer once an admin disables the
 * account or changes its roles. The close code tells the console which ({@link CloseCodes}).
 * Runs on the connection's event loop, like the rest of it.
 */
final class StaffSession {
  private static final Logger LOG = LoggerFactory.getLogger(StaffSession.class);

  private final Vertx vertx;
  private final ChatSocket socket;
  private final KeyPackageStore keyPackages;
  private StaffPrincipal staff;
  private String device;
  /** Set once the session is over: nothing more is done for it. */
  private boolean ended;
  /** Closes the connection when the access token expires; moved by a renewal. */
  private long deadlineTimer = -1;

  StaffSession(Vertx vertx, ChatSocket socket, KeyPackageStore keyPackages) {
    this.vertx = vertx;
    this.socket = socket;
    this.keyPackages = keyPackages;
  }

  boolean ended() {
    return ended;
  }

  /** Signed in with this token for this device: the session lasts until the token expires. */
  void begin(StaffPrincipal p, String device) {
    this.staff = p;
    this.device = device;
    armDeadline(p.expiresAt());
  }

  /**
   * staff.renew: a fresh token of the same staff member with the same roles (roles that changed
   * need a new device certificate, hence a new sign-in) moves the deadline to its expiry.
   * Returns the principal it speaks for now.
   */
  StaffPrincipal renew(StaffPrincipal p) {
    if (ended) {
      throw new ChatException("unauthorized", "This session has ended; sign in again");
    }
    if (!p.id().equals(staff.id())) {
      throw new ChatException("wrong_staff", "The token is for another staff member");
    }
    if (!p.roles().equals(staff.roles())) {
      throw new ChatException("roles_changed", "Your roles changed: get a new device certificate and sign in again");
    }
    staff = p;
    armDeadline(p.expiresAt());
    return p;
  }

  /** When the session ends unless renewed (epoch ms), or null when its token does not expire. */
  Long expiresAt() {
    return staff == null || staff.expiresAt().equals(Instant.MAX) ? null : staff.expiresAt().toEpochMilli();
  }

  /**
   * An admin disabled the account or changed its roles (every node's connections hear it once the
   * node no longer accepts the old tokens): closed at once, the reason in the close code. This
   * device's unused key packages go too, also any uploaded while the change was under way.
   */
  void end(String reason) {
    if (ended) {
      return;
    }
    ended = true;
    boolean roles = StaffRevocations.ROLES.equals(reason);
    if (roles) {
      socket.send(new JsonObject().put("type", "staff.changed").put("reason", "roles"));
    }
    socket.close(roles ? CloseCodes.ROLES_CHANGED : CloseCodes.ACCOUNT_DISABLED,
        roles ? "roles changed" : "account disabled");
    if (staff != null && device != null) {
      keyPackages.forgetDevice(staff.id(), device)
          .onFailure(e -> LOG.warn("Could not forget the key packages of an ended session: {}", e.toString()));
    }
  }

  /** The connection closed. */
  void close() {
    cancelDeadline();
  }

  private void armDeadline(Instant expiresAt) {
    cancelDeadline();
    if (expiresAt.equals(Instant.MAX)) {
      return; // a verifier without token expiry (none today)
    }
    long ms = Math.max(1, Duration.between(Instant.now(), expiresAt).toMillis());
    deadlineTimer = vertx.setTimer(ms, t -> {
      deadlineTimer = -1;
      ended = true;
      socket.close(CloseCodes.TOKEN_EXPIRED, "token expired");
    });
  }

  private void cancelDeadline() {
    if (deadlineTimer >= 0) {
      vertx.cancelTimer(deadlineTimer);
      deadlineTimer = -1;
    }
  }
}
