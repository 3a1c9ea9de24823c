package fi.matala.auth;

import java.util.Set;

/** Who a verified staff token speaks for; what every staff route sees. */
public record StaffPrincipal(String id, String username, String displayName, Set<Role> roles) {
  public boolean has(Role role) {
    return roles.contains(role);
  }
}
