package fi.matala.auth;

import io.vertx.core.Future;

/**
 * Verifies a staff bearer token. The built-in sign-in issues its own tokens; an organisation's
 * identity provider (OIDC, keys from its JWKS) can be plugged in behind the same interface so
 * that no route changes (MATALA_AUTH_MODE; see docs/security.md).
 */
public interface StaffTokenVerifier {
  /** Fails with an ApiException 401 when the token is not valid now. */
  Future<StaffPrincipal> verify(String bearerToken);
}
