package fi.matala.auth;

import fi.matala.audit.AuditLog;
import fi.matala.http.ApiException;
import fi.matala.http.JsonBodies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;

/**
 * Built-in staff sign-in: POST /api/auth/login, /refresh, /logout and GET /api/staff/me.
 * A wrong password and an unknown or disabled user get the same answer after the same work.
 * Each sign-in is counted by the throttle before its password is checked (on the bounded
 * hashing pool), so neither parallel requests nor a flood get more guesses or more threads.
 */
public final class AuthRoutes {
  /** Seconds a sign-in turned away by a full hashing pool is told to wait. */
  private static final int BUSY_RETRY_SECONDS = 2;

  private final StaffRepository staff;
  private final PasswordHasher hasher;
  private final PasswordHashingPool hashing;
  private final TokenService tokens;
  private final RefreshTokens refreshTokens;
  private final LoginThrottle throttle;
  private final AuditLog audit;

  public AuthRoutes(StaffRepository staff, PasswordHasher hasher, PasswordHashingPool hashing, TokenService tokens,
      RefreshTokens refreshTokens, LoginThrottle throttle, AuditLog audit) {
    this.staff = staff;
    this.hasher = hasher;
    this.hashing = hashing;
    this.tokens = tokens;
    this.refreshTokens = refreshTokens;
    this.throttle = throttle;
    this.audit = audit;
  }

  public void mount(Router router, StaffAuth auth) {
    router.post("/api/auth/login").handler(this::login);
    router.post("/api/auth/refresh").handler(this::refresh);
    router.post("/api/auth/logout").handler(auth.authenticated()).handler(this::logout);
    router.get("/api/staff/me").handler(auth.authenticated()).handler(this::me);
  }

  private void login(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    String username = JsonBodies.requiredString(body, "username", 64).trim().toLowerCase(java.util.Locale.ROOT);
    String password = JsonBodies.requiredString(body, "password", 256);
    String address = fi.matala.http.ClientAddress.of(ctx);
    LoginThrottle.Decision decision = throttle.reserve(username, address);
    if (!decision.allowed()) {
      long wait = decision.retryAfterSeconds();
      ctx.response().putHeader("Retry-After", Long.toString(wait));
      throw new ApiException(429, "rate_limited", "Too many failed sign-ins; try again in " + wait + " s");
    }
    LoginThrottle.Attempt attempt = decision.attempt();
    staff.credentials(username)
        .compose(found -> hashing.submit(() -> {
          // always one Argon2 verification, against the decoy when the user is unknown
          boolean ok = hasher.verify(password, found.map(StaffRepository.Credentials::passwordHash).orElse(null));
          return found.filter(c -> ok && !c.member().disabled()).map(StaffRepository.Credentials::member);
        }))
        .compose(member -> {
          if (member.isEmpty()) {
            attempt.failed();
            return Future.failedFuture(new ApiException(401, "invalid_credentials", "Wrong username or password"));
          }
          attempt.succeeded();
          return audit.record(member.get().id(), member.get().username(), "staff.login", "staff", member.get().id(), null)
              .compose(v -> session(member.get()));
        })
        .onSuccess(json -> JsonBodies.sendJson(ctx, 200, json))
        .onFailure(e -> {
          attempt.abandoned(); // only if no outcome was reported: the password was never checked
          if (e instanceof PasswordHashingPool.Busy) {
            ctx.response().putHeader("Retry-After", Integer.toString(BUSY_RETRY_SECONDS));
            ctx.fail(new ApiException(503, "busy", "Too many sign-ins at once; try again in a moment"));
          } else {
            ctx.fail(e);
          }
        });
  }

  private void refresh(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    String token = JsonBodies.requiredString(body, "refreshToken", 128);
    refreshTokens.consume(token)
        .compose(id -> id.isEmpty() ? Future.succeededFuture(Optional.<StaffMember>empty()) : staff.byId(id.get()))
        .compose(member -> {
          if (member.isEmpty() || member.get().disabled()) {
            return Future.failedFuture(new ApiException(401, "invalid_refresh_token", "Sign in again"));
          }
          return session(member.get());
        })
        .onSuccess(json -> JsonBodies.sendJson(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void logout(RoutingContext ctx) {
    Optional<String> token = ctx.body().length() > 0
        ? JsonBodies.optionalString(JsonBodies.object(ctx), "refreshToken", 128) : Optional.empty();
    Future<?> revoke = token.isPresent() ? refreshTokens.consume(token.get()) : Future.succeededFuture();
    revoke.onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private void me(RoutingContext ctx) {
    StaffPrincipal p = StaffAuth.principal(ctx);
    staff.byId(p.id())
        .onSuccess(m -> {
          if (m.isEmpty() || m.get().disabled()) {
            ctx.fail(ApiException.unauthorized("This account is no longer active"));
          } else {
            JsonBodies.sendJson(ctx, 200, m.get().toJson());
          }
        })
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> session(StaffMember member) {
    String access = tokens.issue(member);
    long expiresAt = Instant.now().plus(tokens.ttl()).toEpochMilli();
    return refreshTokens.issue(member.id()).map(refresh -> new JsonObject()
        .put("token", access)
        .put("expiresAt", expiresAt)
        .put("refreshToken", refresh)
        .put("staff", member.toJson()));
  }

}
