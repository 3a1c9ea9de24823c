package fi.matala.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SHA-256 in the two forms the server uses: the digest under which a secret is stored instead of
 * the secret itself (refresh tokens, a citizen's resume secret: a copy of the database then holds
 * nothing that can be presented back), and hex fingerprints (the pinned organisation root, page ETags).
 */
public final class Sha256 {
  private Sha256() {}

  /** SHA-256 of the string's UTF-8 bytes, as base64url without padding (43 characters). */
  public static String base64Url(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** SHA-256 of the bytes, as lower-case hex (64 characters). */
  public static String hex(byte[] data) {
    return HexFormat.of().formatHex(digest(data));
  }

  private static byte[] digest(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every Java platform must provide SHA-256
    }
  }
}
