package fi.matala.config;

import fi.matala.net.IpRange;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the server meets the network: which origins may open the chat socket and frame the citizen
 * page, which reverse proxies' client address header is believed, and where /metrics is served.
 */
public record EdgeConfig(
    /** Exact origins ("https://chat.kunta.fi") the WebSocket accepts; empty = the requested host itself. */
    List<String> publicOrigins,
    /** Origins for the citizen page's frame-ancestors (may use a leading "*." in the host); empty = none. */
    List<String> embeddingOrigins,
    List<IpRange> trustedProxies,
    String clientAddressHeader,
    Optional<String> metricsToken,
    Optional<Integer> metricsPort,
    String metricsHost) {

  private static final String ORIGIN = "https?://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\\d{1,5})?";
  private static final String EMBEDDING_ORIGIN = "https?://(\\*\\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\\d{1,5})?";

  static EdgeConfig load(Settings s) {
    List<String> publicOrigins = list(s, Setting.PUBLIC_ORIGIN).stream()
        .map(o -> origin(Setting.PUBLIC_ORIGIN, o, ORIGIN)).toList();
    List<String> embedding = list(s, Setting.EMBEDDING_ORIGINS).stream()
        .map(o -> origin(Setting.EMBEDDING_ORIGINS, o, EMBEDDING_ORIGIN)).toList();
    List<IpRange> proxies = list(s, Setting.TRUSTED_PROXIES).stream()
        .map(p -> IpRange.parse(p).orElseThrow(() -> new ConfigException(Setting.TRUSTED_PROXIES.env(),
            "'" + p + "' is not an IP address or CIDR range")))
        .toList();
    String header = s.string(Setting.CLIENT_ADDRESS_HEADER);
    if (!header.matches("[A-Za-z0-9-]{1,64}")) {
      throw new ConfigException(Setting.CLIENT_ADDRESS_HEADER.env(), "must be a header name such as X-Forwarded-For");
    }
    Optional<String> token = s.optional(Setting.METRICS_TOKEN);
    token.ifPresent(t -> {
      if (t.length() < 24 || !t.matches("[\\x21-\\x7e]+")) {
        throw new ConfigException(Setting.METRICS_TOKEN.env(), "must be at least 24 printable characters without spaces");
      }
    });
    Optional<Integer> metricsPort = s.optional(Setting.METRICS_PORT).map(v -> s.intInRange(Setting.METRICS_PORT, 1, 65535));
    String metricsHost = s.string(Setting.METRICS_HOST);
    return new EdgeConfig(publicOrigins, embedding, proxies, header, token, metricsPort, metricsHost);
  }

  private static List<String> list(Settings s, Setting setting) {
    return s.optional(setting).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty())
        .distinct().toList()).orElse(List.of());
  }

  /** Lower-cased, without a trailing slash; anything with a path, query or user part is refused. */
  private static String origin(Setting setting, String value, String pattern) {
    String o = value.toLowerCase(Locale.ROOT);
    if (o.endsWith("/")) {
      o = o.substring(0, o.length() - 1);
    }
    if (!o.matches(pattern)) {
      throw new ConfigException(setting.env(), "'" + value + "' is not an origin such as https://www.kunta.fi");
    }
    // browsers leave the default port out of an Origin header
    if (o.startsWith("https://") && o.endsWith(":443")) {
      o = o.substring(0, o.length() - 4);
    } else if (o.startsWith("http://") && o.endsWith(":80")) {
      o = o.substring(0, o.length() - 3);
    }
    return o;
  }
}
