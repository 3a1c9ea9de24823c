package fi.matala.auth;

import java.time.Instant;
import java.util.Set;

/**
 * Who a verified staff token speaks for; what every staff route sees. {@code sessionVersion} is
 * the account's version the token was issued under ({@link StaffRevocations}), {@code expiresAt}
 * when the token stops being valid (a chat connection closes then unless renewed in-band).
 */
public record StaffPrincipal(String id, String username, String displayName, Set<Role> roles, int sessionVersion,
    Instant expiresAt) {

  /** A principal without token details, for code that acts for a staff member directly (tests, tools). */
  public StaffPrincipal(String id, String username, String displayName, Set<Role> roles) {
    this(id, username, displayName, roles, 0, Instant.MAX);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }
}
