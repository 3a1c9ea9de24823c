package fi.matala.support;

import java.io.ByteArrayOutputStream;
import java.util.Base64;

/**
 * RFC 9420 MLSMessage framing for protocol tests. The delivery service reads only the header, so a
 * PrivateMessage with random ciphertext exercises exactly what the server does; the browser tests
 * use real ts-mls messages end to end.
 */
public final class MlsBytes {
  private MlsBytes() {}

  public static String privateMessage(byte[] groupId, long epoch, int contentType, byte[] ciphertext) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    u16(out, 1);
    u16(out, 2);
    opaque(out, groupId);
    for (int i = 7; i >= 0; i--) {
      out.write((int) (epoch >>> (8 * i)) & 0xff);
    }
    out.write(contentType);
    opaque(out, new byte[0]);
    opaque(out, new byte[] {1, 2, 3, 4});
    opaque(out, ciphertext);
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  public static String application(byte[] groupId, long epoch, String marker) {
    return privateMessage(groupId, epoch, 1, marker.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static String commit(byte[] groupId, long epoch) {
    return privateMessage(groupId, epoch, 3, new byte[] {9, 9, 9, (byte) epoch});
  }

  public static String welcome() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    u16(out, 1);
    u16(out, 3);
    u16(out, 1);
    out.writeBytes(new byte[] {5, 5, 5, 5, 5});
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  private static void u16(ByteArrayOutputStream out, int v) {
    out.write(v >>> 8);
    out.write(v & 0xff);
  }

  /** opaque<V>: QUIC-style variable-length integer length prefix. */
  private static void opaque(ByteArrayOutputStream out, byte[] data) {
    int n = data.length;
    if (n < 64) {
      out.write(n);
    } else if (n < 16384) {
      out.write(0x40 | (n >>> 8));
      out.write(n & 0xff);
    } else {
      out.write(0x80 | (n >>> 24));
      out.write((n >>> 16) & 0xff);
      out.write((n >>> 8) & 0xff);
      out.write(n & 0xff);
    }
    out.writeBytes(data);
  }
}
