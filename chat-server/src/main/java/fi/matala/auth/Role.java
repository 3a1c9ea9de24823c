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

  /** The roles that take part in chats, in the order that picks a device role. */
  private static final Role[] CHAT_ROLES = {WORKER, THERAPIST, PEER, SUPERVISOR};

  /**
   * Whether someone with these roles takes part in chats, and so may have a device certified: an
   * admin-only account manages staff and never joins a chat, so a key of theirs has no business
   * in a citizen's group.
   */
  public static boolean chats(Collection<Role> roles) {
    return Arrays.stream(CHAT_ROLES).anyMatch(roles::contains);
  }

  /**
   * The one role a staff member's device certificates state (OU): the one they act in with
   * clients. member.add announces this role too, because the citizen's client refuses a device
   * whose certificate states another role than the one announced.
   */
  public static String deviceRole(Collection<Role> roles) {
    for (Role r : CHAT_ROLES) {
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
