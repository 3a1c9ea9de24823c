package fi.matala.auth;

import fi.matala.http.ApiException;
import fi.matala.keys.PemFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Matala's own short-lived staff access tokens: ES256 JWTs signed with a key generated on first
 * start and kept in the data directory (apart from the TLS key and the organisation CA).
 */
public final class TokenService implements StaffTokenVerifier {
  static final String ISSUER = "matala";
  static final String AUDIENCE = "matala-staff";
  static final String KEY_FILE = "jwt-signing-key.pem";
  static final String PUBLIC_KEY_FILE = "jwt-signing-key.pub.pem";

  private final JWTAuth jwt;
  private final Duration ttl;

  private TokenService(JWTAuth jwt, Duration ttl) {
    this.jwt = jwt;
    this.ttl = ttl;
  }

  /** The signing key's file in the data directory. */
  public static Path keyFile(Path dataDir) {
    return dataDir.resolve(KEY_FILE);
  }

  public static TokenService create(Vertx vertx, Path dataDir, Duration ttl) {
    Path keyFile = keyFile(dataDir);
    Path publicFile = dataDir.resolve(PUBLIC_KEY_FILE);
    if (!Files.exists(keyFile) || !Files.exists(publicFile)) {
      KeyPair pair = PemFiles.newP256KeyPair();
      PemFiles.writeSecret(publicFile, PemFiles.pem(pair.getPublic()));
      PemFiles.writeSecret(keyFile, PemFiles.privateKeyPem(pair.getPrivate()));
    }
    String privatePem = PemFiles.read(keyFile);
    String publicPem = PemFiles.read(publicFile);
    JWTAuthOptions options = new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(privatePem))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(publicPem))
        .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setAudience(java.util.List.of(AUDIENCE)));
    return new TokenService(JWTAuth.create(vertx, options), ttl);
  }

  public Duration ttl() {
    return ttl;
  }

  public String issue(StaffMember member) {
    JsonArray roles = new JsonArray();
    member.roles().forEach(r -> roles.add(r.id()));
    JsonObject claims = new JsonObject()
        .put("username", member.username())
        .put("name", member.displayName())
        .put("roles", roles)
        // the account's session version: a role change or disabling raises it and retires this token
        .put("sv", member.sessionVersion());
    return jwt.generateToken(claims, new JWTOptions()
        .setAlgorithm("ES256")
        .setSubject(member.id())
        .setIssuer(ISSUER)
        .setAudience(java.util.List.of(AUDIENCE))
        .setExpiresInSeconds((int) ttl.toSeconds()));
  }

  @Override
  public Future<StaffPrincipal> verify(String bearerToken) {
    return jwt.authenticate(new TokenCredentials(bearerToken))
        .recover(e -> Future.failedFuture(ApiException.unauthorized("The sign-in has expired or is not valid")))
        .map(user -> {
          JsonObject p = user.principal();
          Set<Role> roles = EnumSet.noneOf(Role.class);
          JsonArray arr = p.getJsonArray("roles", new JsonArray());
          for (Object o : arr) {
            Role.parse(String.valueOf(o)).ifPresent(roles::add);
          }
          // Vert.x keeps the time claims among the user's attributes
          Object exp = p.getValue("exp") != null ? p.getValue("exp") : user.attributes().getValue("exp");
          Instant expiresAt = exp instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : Instant.MAX;
          int version = p.getValue("sv") instanceof Number sv ? sv.intValue() : 0;
          return new StaffPrincipal(p.getString("sub"), p.getString("username"), p.getString("name"), Set.copyOf(roles),
              version, expiresAt);
        });
  }

}
