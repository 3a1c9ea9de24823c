package fi.matala.chat.ws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Open chat WebSockets per client address (memory only, this node): one address cannot hold
 * thousands of idle sockets. A signed-in staff console gives its slot back (staff are limited by
 * their accounts, and a whole office may sit behind one address).
 */
public final class ConnectionCap {
  private final int perAddress;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();

  public ConnectionCap(int perAddress) {
    this.perAddress = perAddress;
  }

  /** One connection's claim on its address's budget; released once, whatever happens first. */
  public final class Slot {
    private final String address;
    private final AtomicBoolean released = new AtomicBoolean();

    private Slot(String address) {
      this.address = address;
    }

    public void release() {
      if (released.compareAndSet(false, true)) {
        // the entry goes when its count reaches 0, so idle addresses cost no memory
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
      }
    }
  }

  /** A slot, or null when the address has all its connections open already. */
  public Slot tryAcquire(String address) {
    boolean[] granted = {false};
    open.compute(address, (a, n) -> {
      int current = n == null ? 0 : n;
      if (current >= perAddress) {
        return n;
      }
      granted[0] = true;
      return current + 1;
    });
    return granted[0] ? new Slot(address) : null;
  }

  /** Connections this address holds now (for operations and tests). */
  public int openFrom(String address) {
    return open.getOrDefault(address, 0);
  }
}
