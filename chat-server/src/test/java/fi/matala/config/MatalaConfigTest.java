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
}
