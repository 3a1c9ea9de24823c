package fi.matala.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Staff roles. Each grants only what that work needs (see docs/security.md). */
public enum Role {
  WORKER, THERAPIST, PEER, SUPERVISOR, ADMIN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String id) {
    return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
  }
}
