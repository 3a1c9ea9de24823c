package fi.matala.chat.ws;

import fi.matala.chat.keys.KeyPackageStore;
import fi.matala.chat.presence.PresenceRepository;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This node's staff connections, per staff member and per device. Presence follows them: a staff
 * member whose last connection closes becomes "away" by itself, and a device whose connection
 * closes stops being offered to citizens' clients (its key packages belong to a browser tab that
 * may be gone). The heartbeat keeps connected staff and devices fresh in the database.
 */
public final class ConnectedStaff {
  private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> devices = new ConcurrentHashMap<>();
  private final PresenceRepository presence;
  private final KeyPackageStore keyPackages;

  public ConnectedStaff(PresenceRepository presence, KeyPackageStore keyPackages) {
    this.presence = presence;
    this.keyPackages = keyPackages;
  }

  public Future<Void> connected(String staffId, String device, String status) {
    connections.computeIfAbsent(staffId, k -> new AtomicInteger()).incrementAndGet();
    devices.computeIfAbsent(KeyPackageStore.deviceKey(staffId, device), k -> new AtomicInteger()).incrementAndGet();
    return presence.set(staffId, status).compose(v -> keyPackages.deviceOnline(staffId, device, true));
  }

  public Future<Void> disconnected(String staffId, String device) {
    Future<Void> deviceGone = Future.succeededFuture();
    String key = KeyPackageStore.deviceKey(staffId, device);
    AtomicInteger d = devices.get(key);
    if (d != null && d.decrementAndGet() <= 0) {
      devices.remove(key, d);
      deviceGone = keyPackages.deviceOnline(staffId, device, false);
    }
    AtomicInteger n = connections.get(staffId);
    if (n != null && n.decrementAndGet() <= 0) {
      connections.remove(staffId, n);
      return deviceGone.compose(v -> presence.set(staffId, "away"));
    }
    return deviceGone;
  }

  public Future<Void> heartbeat() {
    return presence.touch(List.copyOf(connections.keySet()))
        .compose(v -> keyPackages.touchDevices(List.copyOf(devices.keySet())));
  }
}
