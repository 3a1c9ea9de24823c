package fi.matala.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format
 * ($argon2id$v=19$m=...,t=...,p=...$salt$hash), parameters after OWASP's recommendation
 * (19 MiB, 2 passes, 1 lane). Hashing is deliberately slow: call it on a worker thread.
 */
public final class PasswordHasher {
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final SecureRandom random = new SecureRandom();
  /** Verified when the username is unknown, so that both failures take the same time. */
  private final String decoy;

  public PasswordHasher() {
    this.decoy = hash("decoy-" + random.nextLong());
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] out = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
  }

  /** Constant-time check of a password against a stored hash; a null hash checks the decoy. */
  public boolean verify(String password, String stored) {
    boolean real = stored != null;
    String[] parts = (real ? stored : decoy).split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id")) {
      return false;
    }
    try {
      int m = 0;
      int t = 0;
      int p = 0;
      for (String kv : parts[3].split(",")) {
        int v = Integer.parseInt(kv.substring(2));
        switch (kv.charAt(0)) {
          case 'm' -> m = v;
          case 't' -> t = v;
          case 'p' -> p = v;
          default -> {
            return false;
          }
        }
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      byte[] actual = derive(password, salt, m, t, p, expected.length);
      return MessageDigest.isEqual(expected, actual) && real;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(salt)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(lanes)
        .build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[length];
    gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
