package fi.matala.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the server, read once at start from environment variables (or the optional
 * properties file named by MATALA_CONFIG_FILE, whose keys are the same names) and validated: a
 * wrong value stops the server with one line naming the setting. docs/operations.md and README
 * list the same settings; {@link Setting} is the single source of their names and defaults.
 */
public record MatalaConfig(
    Path dataDir,
    String bindHost,
    int httpsPort,
    Optional<Path> tlsCertFile,
    Optional<Path> tlsKeyFile,
    Optional<String> mongoUri,
    String mongoDatabase,
    Optional<String> adminUser,
    Optional<String> adminPassword,
    Optional<String> demoPassword,
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    int loginHashThreads,
    int loginHashQueue,
    String authMode,
    Optional<String> oidcIssuer,
    Optional<String> oidcJwksUrl,
    Optional<Path> kbDir,
    int maxBodyBytes,
    Duration retention,
    int workerChatLimit,
    int queueMaxWaiting,
    int citizenOpenLimit,
    java.util.List<String> outcomes,
    FloodLimits floods,
    EdgeConfig edge) {

  public boolean embeddedDatabase() {
    return mongoUri.isEmpty();
  }

  public static MatalaConfig load(Map<String, String> env) {
    Settings s = Settings.from(env);
    Path dataDir = s.path(Setting.DATA_DIR);
    String bindHost = s.string(Setting.BIND_HOST);
    int port = s.intInRange(Setting.HTTPS_PORT, 1, 65535);
    Optional<Path> cert = s.optionalPath(Setting.TLS_CERT_FILE);
    Optional<Path> key = s.optionalPath(Setting.TLS_KEY_FILE);
    if (cert.isPresent() != key.isPresent()) {
      throw new ConfigException(
          cert.isPresent() ? Setting.TLS_KEY_FILE.env() : Setting.TLS_CERT_FILE.env(),
          "TLS certificate and key must be given together");
    }
    cert.ifPresent(p -> s.requireReadable(Setting.TLS_CERT_FILE, p));
    key.ifPresent(p -> s.requireReadable(Setting.TLS_KEY_FILE, p));
    Optional<String> mongoUri = s.optional(Setting.MONGO_URI);
    mongoUri.ifPresent(uri -> {
      if (!uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
        throw new ConfigException(Setting.MONGO_URI.env(), "must start with mongodb:// or mongodb+srv://");
      }
    });
    String db = s.string(Setting.MONGO_DATABASE);
    if (!db.matches("[A-Za-z0-9_-]{1,63}")) {
      throw new ConfigException(Setting.MONGO_DATABASE.env(), "use letters, digits, _ or - (at most 63)");
    }
    Optional<String> adminUser = s.optional(Setting.ADMIN_USER);
    Optional<String> adminPassword = s.optional(Setting.ADMIN_PASSWORD);
    if (adminUser.isPresent() != adminPassword.isPresent()) {
      throw new ConfigException(
          adminUser.isPresent() ? Setting.ADMIN_PASSWORD.env() : Setting.ADMIN_USER.env(),
          "MATALA_ADMIN_USER and MATALA_ADMIN_PASSWORD must be given together");
    }
    adminUser.ifPresent(u -> {
      if (!u.matches(UsernameRules.PATTERN)) {
        throw new ConfigException(Setting.ADMIN_USER.env(), UsernameRules.DESCRIPTION);
      }
    });
    adminPassword.ifPresent(p -> {
      if (p.length() < PasswordRules.MIN_LENGTH) {
        throw new ConfigException(Setting.ADMIN_PASSWORD.env(), PasswordRules.DESCRIPTION);
      }
    });
    Optional<String> demoPassword = s.optional(Setting.DEMO_PASSWORD);
    demoPassword.ifPresent(p -> {
      if (p.length() < 8) {
        throw new ConfigException(Setting.DEMO_PASSWORD.env(), "must be at least 8 characters");
      }
    });
    // a chat connection closes when its token expires unless renewed: a very short one only makes sense in tests
    Duration access = s.duration(Setting.ACCESS_TOKEN_TTL, Duration.ofSeconds(10), Duration.ofHours(1));
    Duration refresh = s.duration(Setting.REFRESH_TOKEN_TTL, Duration.ofMinutes(5), Duration.ofDays(7));
    int hashThreads = s.intInRange(Setting.LOGIN_HASH_THREADS, 1, 64);
    int hashQueue = s.intInRange(Setting.LOGIN_HASH_QUEUE, 0, 10_000);
    String authMode = s.oneOf(Setting.AUTH_MODE, "builtin", "oidc");
    Optional<String> oidcIssuer = s.optional(Setting.OIDC_ISSUER);
    Optional<String> oidcJwks = s.optional(Setting.OIDC_JWKS_URL);
    if (authMode.equals("oidc")) {
      if (oidcIssuer.isEmpty()) {
        throw new ConfigException(Setting.OIDC_ISSUER.env(), "required when MATALA_AUTH_MODE=oidc");
      }
      if (oidcJwks.isEmpty() || !oidcJwks.get().startsWith("https://")) {
        throw new ConfigException(Setting.OIDC_JWKS_URL.env(), "an https:// URL is required when MATALA_AUTH_MODE=oidc");
      }
      // designed for (StaffTokenVerifier) but not built yet: refuse rather than run without staff sign-in
      throw new ConfigException(Setting.AUTH_MODE.env(), "oidc is not available in this version; use builtin");
    }
    Optional<Path> kbDir = s.optionalPath(Setting.KB_DIR);
    kbDir.ifPresent(p -> s.requireDirectory(Setting.KB_DIR, p));
    int maxBody = s.intInRange(Setting.MAX_BODY_BYTES, 1024, 10 * 1024 * 1024);
    Duration retention = Duration.ofDays(s.intInRange(Setting.RETENTION_DAYS, 1, 3650));
    int chatLimit = s.intInRange(Setting.WORKER_CHAT_LIMIT, 1, 20);
    int queueMax = s.intInRange(Setting.QUEUE_MAX_WAITING, 1, 10_000);
    int openLimit = s.intInRange(Setting.CITIZEN_OPEN_LIMIT, 1, 100_000);
    java.util.List<String> outcomes = java.util.Arrays.stream(s.string(Setting.OUTCOMES).split(","))
        .map(String::trim).filter(o -> !o.isEmpty()).distinct().toList();
    if (outcomes.isEmpty() || outcomes.stream().anyMatch(o -> !o.matches("[a-z0-9-]{1,40}"))) {
      throw new ConfigException(Setting.OUTCOMES.env(), "comma-separated ids of lower-case letters, digits and '-'");
    }
    FloodLimits floods = FloodLimits.load(s);
    EdgeConfig edge = EdgeConfig.load(s);
    if (edge.metricsPort().isPresent() && edge.metricsPort().get() == port) {
      throw new ConfigException(Setting.METRICS_PORT.env(), "must differ from MATALA_HTTPS_PORT");
    }
    return new MatalaConfig(dataDir, bindHost, port, cert, key, mongoUri, db, adminUser, adminPassword,
        demoPassword, access, refresh, hashThreads, hashQueue, authMode, oidcIssuer, oidcJwks, kbDir, maxBody, retention, chatLimit, queueMax,
        openLimit, outcomes, floods, edge);
  }
}
