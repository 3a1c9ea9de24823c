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

  public static String proposal(byte[] groupId, long epoch) {
    return privateMessage(groupId, epoch, 2, new byte[] {8, 8, 8, (byte) epoch});
  }

  /** RFC 9420 sender_type values, visible only in a PublicMessage. */
  public static final int MEMBER = 1;
  public static final int EXTERNAL = 2;
  public static final int NEW_MEMBER_PROPOSAL = 3;
  public static final int NEW_MEMBER_COMMIT = 4;

  /**
   * A PublicMessage: FramedContent (group_id, epoch, sender, no authenticated_data, content_type)
   * followed by stand-in bytes for the proposal or commit body, signature and tags, which only
   * group members check. senderIndex is the leaf index of a member or the index of an external
   * sender; new members have none.
   */
  public static String publicMessage(byte[] groupId, long epoch, int senderType, long senderIndex, int contentType) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    u16(out, 1);
    u16(out, 1);
    opaque(out, groupId);
    for (int i = 7; i >= 0; i--) {
      out.write((int) (epoch >>> (8 * i)) & 0xff);
    }
    out.write(senderType);
    if (senderType == MEMBER || senderType == EXTERNAL) {
      for (int i = 3; i >= 0; i--) {
        out.write((int) (senderIndex >>> (8 * i)) & 0xff);
      }
    }
    opaque(out, new byte[0]);
    out.write(contentType);
    out.writeBytes(new byte[] {7, 7, 7, 7, 7, 7, 7, 7});
    return Base64.getEncoder().encodeToString(out.toByteArray());
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
