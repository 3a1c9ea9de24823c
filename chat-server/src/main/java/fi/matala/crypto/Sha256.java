package fi.matala.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The digest under which a secret is stored instead of the secret itself (refresh tokens, a
 * citizen's resume secret): a copy of the database then holds nothing that can be presented back.
 */
public final class Sha256 {
  private Sha256() {}

  /** SHA-256 of the string's UTF-8 bytes, as base64url without padding (43 characters). */
  public static String base64Url(String s) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every Java platform must provide SHA-256
    }
  }
}
