package fi.matala.auth;

import fi.matala.http.ApiException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;

/** Route handlers that admit only a verified staff token, optionally with one of some roles. */
public final class StaffAuth {
  private static final String KEY = "matala.staff";

  private final StaffTokenVerifier verifier;

  public StaffAuth(StaffTokenVerifier verifier) {
    this.verifier = verifier;
  }

  /** Any signed-in staff member. */
  public Handler<RoutingContext> authenticated() {
    return ctx -> {
      java.util.Optional<String> token = bearer(ctx);
      if (token.isEmpty()) {
        ctx.fail(ApiException.unauthorized("Sign-in required"));
        return;
      }
      verifier.verify(token.get()).onComplete(ar -> {
        if (ar.succeeded()) {
          ctx.put(KEY, ar.result());
          ctx.next();
        } else {
          ctx.fail(ar.cause());
        }
      });
    };
  }

  /** Signed-in staff holding at least one of the roles. */
  public Handler<RoutingContext> requireAny(Role... roles) {
    return ctx -> {
      StaffPrincipal p = principal(ctx);
      if (Arrays.stream(roles).anyMatch(p::has)) {
        ctx.next();
      } else {
        ctx.fail(ApiException.forbidden("Your role does not allow this"));
      }
    };
  }

  public static StaffPrincipal principal(RoutingContext ctx) {
    StaffPrincipal p = ctx.get(KEY);
    if (p == null) {
      throw new IllegalStateException("route is missing StaffAuth.authenticated()");
    }
    return p;
  }

  /** The principal if the request carries a valid token (public routes that show staff more). */
  public io.vertx.core.Future<java.util.Optional<StaffPrincipal>> optional(RoutingContext ctx) {
    java.util.Optional<String> token = bearer(ctx);
    if (token.isEmpty()) {
      return io.vertx.core.Future.succeededFuture(java.util.Optional.empty());
    }
    return verifier.verify(token.get()).map(java.util.Optional::of);
  }

  /** The token of an "Authorization: Bearer …" header of sane size, if there is one. */
  private static java.util.Optional<String> bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 8192) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(header.substring(7).trim());
  }
}
