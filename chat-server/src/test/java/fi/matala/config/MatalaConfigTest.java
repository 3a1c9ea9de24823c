package fi.matala.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatalaConfigTest {

  private static String failure(Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> MatalaConfig.load(env)).getMessage();
  }

  @Test
  void defaultsGiveEmbeddedHttpsOn8443() {
    MatalaConfig c = MatalaConfig.load(Map.of());
    assertEquals(8443, c.httpsPort());
    assertEquals(Path.of("./data"), c.dataDir());
    assertTrue(c.embeddedDatabase());
    assertEquals(Duration.ofMinutes(15), c.accessTokenTtl());
    assertEquals("builtin", c.authMode());
    assertEquals(2, c.loginHashThreads());
    assertEquals(16, c.loginHashQueue());
  }

  @Test
  void aWrongValueNamesTheSettingInOneLine() {
    String m = failure(Map.of("MATALA_HTTPS_PORT", "eighty"));
    assertTrue(m.contains("MATALA_HTTPS_PORT") && !m.contains("\n"), m);
    assertTrue(failure(Map.of("MATALA_HTTPS_PORT", "70000")).contains("between 1 and 65535"));
    assertTrue(failure(Map.of("MONGO_URI", "http://db")).contains("MONGO_URI"));
    assertTrue(failure(Map.of("MATALA_ACCESS_TOKEN_TTL", "15 minutes")).contains("MATALA_ACCESS_TOKEN_TTL"));
    assertTrue(failure(Map.of("MATALA_ACCESS_TOKEN_TTL", "PT5H")).contains("MATALA_ACCESS_TOKEN_TTL"));
    assertTrue(failure(Map.of("MATALA_ACCESS_TOKEN_TTL", "PT5S")).contains("MATALA_ACCESS_TOKEN_TTL"));
    assertTrue(failure(Map.of("MATALA_AUTH_MODE", "ldap")).contains("MATALA_AUTH_MODE"));
    assertTrue(failure(Map.of("MATALA_LOGIN_HASH_THREADS", "0")).contains("MATALA_LOGIN_HASH_THREADS"));
    assertTrue(failure(Map.of("MATALA_LOGIN_HASH_THREADS", "many")).contains("MATALA_LOGIN_HASH_THREADS"));
    assertTrue(failure(Map.of("MATALA_LOGIN_HASH_QUEUE", "-1")).contains("MATALA_LOGIN_HASH_QUEUE"));
    assertTrue(failure(Map.of("MATALA_MONGO_DATABASE", "a.b")).contains("MATALA_MONGO_DATABASE"));
    assertTrue(failure(Map.of("MATALA_KB_DIR", "/no/such/dir")).contains("MATALA_KB_DIR"));
  }

  @Test
  void pairedSettingsMustComeTogether() {
    assertTrue(failure(Map.of("MATALA_ADMIN_USER", "root")).contains("MATALA_ADMIN_PASSWORD"));
    assertTrue(failure(Map.of("MATALA_TLS_CERT_FILE", "/etc/hostname")).contains("MATALA_TLS_KEY_FILE"));
    assertTrue(failure(Map.of("MATALA_ADMIN_USER", "root", "MATALA_ADMIN_PASSWORD", "short"))
        .contains("MATALA_ADMIN_PASSWORD"));
    assertTrue(failure(Map.of("MATALA_AUTH_MODE", "oidc")).contains("MATALA_OIDC_ISSUER"));
    assertTrue(failure(Map.of("MATALA_AUTH_MODE", "oidc", "MATALA_OIDC_ISSUER", "https://idp",
        "MATALA_OIDC_JWKS_URL", "https://idp/jwks")).contains("not available"));
  }

  @Test
  void aFileCanHoldSettingsAndTheEnvironmentWins() throws Exception {
    Path file = Files.createTempFile("matala", ".properties");
    Files.writeString(file, "MATALA_HTTPS_PORT=9443\nMATALA_MONGO_DATABASE=fromfile\n");
    MatalaConfig c = MatalaConfig.load(Map.of("MATALA_CONFIG_FILE", file.toString(), "MATALA_MONGO_DATABASE", "fromenv"));
    assertEquals(9443, c.httpsPort());
    assertEquals("fromenv", c.mongoDatabase());
    assertTrue(failure(Map.of("MATALA_CONFIG_FILE", "/no/such/file")).contains("MATALA_CONFIG_FILE"));
  }

  @Test
  void floodLimitsHaveSafeDefaultsAndAreValidated() {
    FloodLimits f = MatalaConfig.load(Map.of()).floods();
    assertEquals(Duration.ofMinutes(2), f.queueDetachAfter());
    assertEquals(5, f.waitingPerAddress());
    assertEquals(50, f.connectionsPerAddress());
    assertEquals(Duration.ofSeconds(10), f.authTimeout());
    assertEquals(Duration.ofSeconds(30), f.slowReaderTimeout());
    assertEquals(50, f.unansweredMaxMessages());
    assertEquals(262144, f.unansweredMaxBytes());
    assertEquals(20, f.resumesPerMinute());
    MatalaConfig small = MatalaConfig.load(Map.of("MATALA_QUEUE_DETACH_AFTER", "PT5S",
        "MATALA_QUEUE_MAX_WAITING_PER_ADDRESS", "2", "MATALA_WS_AUTH_TIMEOUT", "PT1S"));
    assertEquals(Duration.ofSeconds(5), small.floods().queueDetachAfter());
    assertEquals(2, small.floods().waitingPerAddress());
    for (String[] bad : new String[][] {
        {"MATALA_QUEUE_DETACH_AFTER", "PT1S"}, {"MATALA_QUEUE_DETACH_AFTER", "soon"},
        {"MATALA_QUEUE_MAX_WAITING_PER_ADDRESS", "0"}, {"MATALA_WS_CONNECTIONS_PER_ADDRESS", "many"},
        {"MATALA_WS_AUTH_TIMEOUT", "PT10M"}, {"MATALA_WS_SLOW_READER_TIMEOUT", "PT0S"},
        {"MATALA_UNANSWERED_MAX_MESSAGES", "-1"}, {"MATALA_UNANSWERED_MAX_BYTES", "1000"},
        {"MATALA_CITIZEN_RESUME_LIMIT", "0"}}) {
      String m = failure(Map.of(bad[0], bad[1]));
      assertTrue(m.contains(bad[0]) && !m.contains("\n"), m);
    }
  }

  @Test
  void theNetworkEdgeIsParsedAndValidated() {
    EdgeConfig none = MatalaConfig.load(Map.of()).edge();
    assertEquals(java.util.List.of(), none.publicOrigins());
    assertEquals(java.util.List.of(), none.embeddingOrigins());
    assertEquals(java.util.List.of(), none.trustedProxies());
    assertEquals("X-Forwarded-For", none.clientAddressHeader());
    assertTrue(none.metricsToken().isEmpty() && none.metricsPort().isEmpty());

    EdgeConfig e = MatalaConfig.load(Map.of(
        "MATALA_PUBLIC_ORIGIN", "https://Chat.Kunta.example:443/, https://chat2.kunta.example:8443",
        "MATALA_EMBEDDING_ORIGINS", "https://www.kunta.example,https://*.alue.example",
        "MATALA_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.1, 2001:db8::/32",
        "MATALA_METRICS_TOKEN", "a-long-enough-metrics-token-1234",
        "MATALA_METRICS_PORT", "9100")).edge();
    assertEquals(java.util.List.of("https://chat.kunta.example", "https://chat2.kunta.example:8443"), e.publicOrigins());
    assertEquals(java.util.List.of("https://www.kunta.example", "https://*.alue.example"), e.embeddingOrigins());
    assertEquals(3, e.trustedProxies().size());
    assertEquals(9100, e.metricsPort().orElseThrow());
    assertEquals("127.0.0.1", e.metricsHost());

    for (String[] bad : new String[][] {
        {"MATALA_PUBLIC_ORIGIN", "chat.kunta.example"}, {"MATALA_PUBLIC_ORIGIN", "https://*.kunta.example"},
        {"MATALA_PUBLIC_ORIGIN", "https://chat.kunta.example/path"},
        {"MATALA_EMBEDDING_ORIGINS", "https:"}, {"MATALA_EMBEDDING_ORIGINS", "*"},
        {"MATALA_EMBEDDING_ORIGINS", "https://a.example; script-src *"},
        {"MATALA_TRUSTED_PROXIES", "proxy.internal"}, {"MATALA_TRUSTED_PROXIES", "10.0.0.0/40"},
        {"MATALA_CLIENT_ADDRESS_HEADER", "X Forwarded"},
        {"MATALA_METRICS_TOKEN", "short"}, {"MATALA_METRICS_TOKEN", "a token with spaces in it, long"},
        {"MATALA_METRICS_PORT", "70000"}, {"MATALA_METRICS_PORT", "8443"}}) {
      String m = failure(Map.of(bad[0], bad[1]));
      assertTrue(m.contains(bad[0]) && !m.contains("\n"), m);
    }
  }
}
