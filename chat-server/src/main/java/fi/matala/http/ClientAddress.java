package fi.matala.http;

import fi.matala.net.IpAddresses;
import fi.matala.net.IpRange;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client address that per-address limits count (memory only: never stored or logged). It is
 * the TCP peer, unless the peer is one of the configured reverse proxies: then the client address
 * header (X-Forwarded-For style, each proxy appends the address it saw) is read from the right,
 * past every trusted proxy, to the first address no trusted proxy vouches for. A header from
 * anyone else is ignored, so a client cannot pick its own address. IPv6 counts per /64
 * ({@link IpAddresses#limitKey}).
 */
public final class ClientAddress {
  private static final String KEY = "matala.clientAddress";

  private final List<IpRange> trustedProxies;
  private final String header;

  public ClientAddress(List<IpRange> trustedProxies, String header) {
    this.trustedProxies = List.copyOf(trustedProxies);
    this.header = header;
  }

  /** A router handler: works the address out once per request, for {@link #of}. */
  public void resolve(RoutingContext ctx) {
    ctx.put(KEY, keyOf(ctx.request()));
    ctx.next();
  }

  /** The limit key worked out for this request ("?" if the peer address is unknown). */
  public static String of(RoutingContext ctx) {
    String key = ctx.get(KEY);
    if (key != null) {
      return key;
    }
    // routes mounted without the handler (tests of single routes): the peer itself
    return peerOf(ctx.request()).map(IpAddresses::limitKey).orElse("?");
  }

  String keyOf(HttpServerRequest request) {
    Optional<InetAddress> peer = peerOf(request);
    if (peer.isEmpty()) {
      return "?";
    }
    InetAddress client = peer.get();
    if (trusted(client)) {
      List<String> hops = new ArrayList<>();
      for (String value : request.headers().getAll(header)) {
        for (String hop : value.split(",")) {
          hops.add(hop.trim());
        }
      }
      for (int i = hops.size() - 1; i >= 0 && trusted(client); i--) {
        Optional<InetAddress> hop = IpAddresses.parse(hops.get(i));
        if (hop.isEmpty()) {
          break; // garbage in the chain: stay with the last address a trusted proxy reported
        }
        client = hop.get();
      }
    }
    return IpAddresses.limitKey(client);
  }

  private boolean trusted(InetAddress address) {
    return trustedProxies.stream().anyMatch(r -> r.contains(address));
  }

  private static Optional<InetAddress> peerOf(HttpServerRequest request) {
    return request.remoteAddress() == null ? Optional.empty() : IpAddresses.parse(request.remoteAddress().hostAddress());
  }
}
