package fi.matala.chat.ws;

import fi.matala.chat.presence.PresenceRepository;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This node's staff connections per staff member. Presence follows them: a staff member whose
 * last connection closes becomes "away" by itself; the heartbeat keeps connected staff fresh.
 */
public final class ConnectedStaff {
  private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
  private final PresenceRepository presence;

  public ConnectedStaff(PresenceRepository presence) {
    this.presence = presence;
  }

  public Future<Void> connected(String staffId) {
    connections.computeIfAbsent(staffId, k -> new AtomicInteger()).incrementAndGet();
    return presence.set(staffId, "available");
  }

  public Future<Void> disconnected(String staffId) {
    AtomicInteger n = connections.get(staffId);
    if (n != null && n.decrementAndGet() <= 0) {
      connections.remove(staffId, n);
      return presence.set(staffId, "away");
    }
    return Future.succeededFuture();
  }

  public Future<Void> heartbeat() {
    return presence.touch(List.copyOf(connections.keySet()));
  }
}
