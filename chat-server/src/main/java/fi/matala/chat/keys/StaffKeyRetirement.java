package fi.matala.chat.keys;

import io.vertx.core.Future;

/**
 * A staff member's device certificates state the role they had when certified (24 h). After an
 * admin changes their roles the citizen's client would refuse those devices (the role it is told
 * no longer matches), and a disabled account's devices must never be added to a chat: so their
 * unused key packages are forgotten at once, before their live sessions are ended
 * (fi.matala.auth.StaffRevocations) and their consoles sign in again with a fresh token and a
 * fresh device certificate (docs/e2ee.md, "Role changes").
 */
public final class StaffKeyRetirement {
  private final KeyPackageStore keyPackages;

  public StaffKeyRetirement(KeyPackageStore keyPackages) {
    this.keyPackages = keyPackages;
  }

  public Future<Void> retire(String staffId) {
    return keyPackages.forgetAll(staffId).mapEmpty();
  }
}
