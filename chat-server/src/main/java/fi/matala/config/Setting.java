package fi.matala.config;

/** The names, defaults and meaning of every setting: the one documented place. */
public enum Setting {
  DATA_DIR("MATALA_DATA_DIR", "./data", "Directory for the embedded database, TLS certificate and signing keys"),
  BIND_HOST("MATALA_BIND_HOST", "0.0.0.0", "Address the HTTPS server listens on"),
  HTTPS_PORT("MATALA_HTTPS_PORT", "8443", "HTTPS port"),
  TLS_CERT_FILE("MATALA_TLS_CERT_FILE", null, "PEM certificate chain to use instead of the generated self-signed one"),
  TLS_KEY_FILE("MATALA_TLS_KEY_FILE", null, "PEM private key (PKCS#8) for MATALA_TLS_CERT_FILE"),
  MONGO_URI("MONGO_URI", null, "MongoDB connection string (replica set); unset = embedded database in the data directory"),
  MONGO_DATABASE("MATALA_MONGO_DATABASE", "matala", "Database name"),
  ADMIN_USER("MATALA_ADMIN_USER", null, "Creates this first admin on an empty database instead of demo content"),
  ADMIN_PASSWORD("MATALA_ADMIN_PASSWORD", null, "Password of MATALA_ADMIN_USER (at least 12 characters)"),
  DEMO_PASSWORD("MATALA_DEMO_PASSWORD", null, "Password of the demo accounts (unset = a random one, printed at first start)"),
  ACCESS_TOKEN_TTL("MATALA_ACCESS_TOKEN_TTL", "PT15M", "Lifetime of a staff access token (ISO-8601 duration)"),
  REFRESH_TOKEN_TTL("MATALA_REFRESH_TOKEN_TTL", "PT12H", "Lifetime of a staff refresh token (ISO-8601 duration)"),
  LOGIN_HASH_THREADS("MATALA_LOGIN_HASH_THREADS", "2",
      "Threads that check sign-in passwords (Argon2id, 19 MiB each while it runs)"),
  LOGIN_HASH_QUEUE("MATALA_LOGIN_HASH_QUEUE", "16",
      "Sign-ins that may wait for a password-checking thread; beyond that they get 503 with Retry-After"),
  AUTH_MODE("MATALA_AUTH_MODE", "builtin", "builtin = Matala's own sign-in; oidc = tokens from the organisation's identity provider"),
  OIDC_ISSUER("MATALA_OIDC_ISSUER", null, "Expected issuer of staff tokens when MATALA_AUTH_MODE=oidc"),
  OIDC_JWKS_URL("MATALA_OIDC_JWKS_URL", null, "JWKS URL of the identity provider when MATALA_AUTH_MODE=oidc"),
  KB_DIR("MATALA_KB_DIR", null, "Knowledge-bank article directory (unset = bundled articles); changes are picked up live"),
  MAX_BODY_BYTES("MATALA_MAX_BODY_BYTES", "65536", "Largest accepted HTTP request body in bytes"),
  RETENTION_DAYS("MATALA_RETENTION_DAYS", "30", "Days after which conversations, ciphertext and requests are deleted"),
  WORKER_CHAT_LIMIT("MATALA_WORKER_CHAT_LIMIT", "3", "How many chats one worker may hold at once"),
  QUEUE_MAX_WAITING("MATALA_QUEUE_MAX_WAITING", "30", "Citizens that may wait in one queue before it is full"),
  CITIZEN_OPEN_LIMIT("MATALA_CITIZEN_OPEN_LIMIT", "20",
      "New chats one client address may open per 10 minutes (kept in memory only)"),
  OUTCOMES("MATALA_OUTCOMES", "advice,referral,crisis-support,listened,no-contact,other",
      "Anonymous outcome categories a worker picks when ending a chat (comma-separated)"),
  // ---- floods and abuse (FloodLimits) ----
  QUEUE_DETACH_AFTER("MATALA_QUEUE_DETACH_AFTER", "PT2M",
      "A waiting chat whose citizen has been disconnected this long leaves the queue until they resume it"),
  QUEUE_MAX_WAITING_PER_ADDRESS("MATALA_QUEUE_MAX_WAITING_PER_ADDRESS", "5",
      "Waiting chats one client address (IPv6: one /64) may have in one queue (kept in memory only)"),
  WS_CONNECTIONS_PER_ADDRESS("MATALA_WS_CONNECTIONS_PER_ADDRESS", "50",
      "Open chat WebSockets per client address, signed-in staff not counted (kept in memory only)"),
  WS_AUTH_TIMEOUT("MATALA_WS_AUTH_TIMEOUT", "PT10S",
      "A chat WebSocket that has not opened, resumed or signed in this long after connecting is closed (4408)"),
  WS_SLOW_READER_TIMEOUT("MATALA_WS_SLOW_READER_TIMEOUT", "PT30S",
      "A chat WebSocket whose write queue stays full this long (the client does not read) is closed (4413)"),
  UNANSWERED_MAX_MESSAGES("MATALA_UNANSWERED_MAX_MESSAGES", "50",
      "Messages a citizen may store in a conversation before a staff member has joined it"),
  UNANSWERED_MAX_BYTES("MATALA_UNANSWERED_MAX_BYTES", "262144",
      "Bytes of MLS messages a citizen may store in a conversation before a staff member has joined it"),
  CITIZEN_RESUME_LIMIT("MATALA_CITIZEN_RESUME_LIMIT", "20",
      "Chat resumes per client address per minute (a wrong secret costs 5; kept in memory only)"),
  // ---- the network edge (EdgeConfig) ----
  PUBLIC_ORIGIN("MATALA_PUBLIC_ORIGIN", null,
      "Origins (comma-separated, e.g. https://chat.kunta.fi) the chat WebSocket accepts; unset = the requested host itself"),
  EMBEDDING_ORIGINS("MATALA_EMBEDDING_ORIGINS", null,
      "Sites (comma-separated origins, e.g. https://www.kunta.fi) whose pages may frame the citizen page (the widget); unset = none"),
  TRUSTED_PROXIES("MATALA_TRUSTED_PROXIES", null,
      "Reverse proxies (comma-separated addresses or CIDR ranges) whose client address header is believed; unset = none"),
  CLIENT_ADDRESS_HEADER("MATALA_CLIENT_ADDRESS_HEADER", "X-Forwarded-For",
      "Header in which a trusted proxy passes the client address (comma-separated list, the proxy appends)"),
  METRICS_TOKEN("MATALA_METRICS_TOKEN", null,
      "Bearer token /metrics requires (at least 24 characters); unset and no MATALA_METRICS_PORT = /metrics is not served"),
  METRICS_PORT("MATALA_METRICS_PORT", null,
      "Serve /metrics over plain HTTP on this separate port (and not on the HTTPS port)"),
  METRICS_HOST("MATALA_METRICS_HOST", "127.0.0.1", "Listen address of MATALA_METRICS_PORT");

  private final String env;
  private final String defaultValue;
  private final String description;

  Setting(String env, String defaultValue, String description) {
    this.env = env;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String env() {
    return env;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}
