package fi.matala.auth;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Staff roles. Each grants only what that work needs (see docs/security.md). */
public enum Role {
  WORKER, THERAPIST, PEER, SUPERVISOR, ADMIN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The one role a staff member's device certificates state (OU): the one they act in with
   * clients. member.add announces this role too, because the citizen's client refuses a device
   * whose certificate states another role than the one announced.
   */
  public static String deviceRole(Collection<Role> roles) {
    for (Role r : new Role[] {WORKER, THERAPIST, PEER, SUPERVISOR, ADMIN}) {
      if (roles.contains(r)) {
        return r.id();
      }
    }
    return "staff";
  }

  public static Optional<Role> parse(String id) {
    return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
  }
}
