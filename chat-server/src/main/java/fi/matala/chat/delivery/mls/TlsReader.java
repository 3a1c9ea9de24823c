package fi.matala.chat.delivery.mls;

import fi.matala.chat.delivery.mls.MlsFormatException.Code;

/**
 * Bounds-checked cursor over TLS presentation language data as used by
 * RFC 9420: big-endian fixed-width integers and opaque vectors with the
 * QUIC-style variable-length length prefix of RFC 9420 section 2.1.2.
 * Every read checks the remaining input first, so hostile lengths never
 * cause large allocations or index exceptions.
 */
final class TlsReader {

  private final byte[] buf;
  private final int end;
  private int pos;

  TlsReader(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  int position() {
    return pos;
  }

  int remaining() {
    return end - pos;
  }

  private void need(int n, String what) throws MlsFormatException {
    if (n > end - pos) {
      throw new MlsFormatException(Code.TRUNCATED, pos, "need " + n + " byte(s) for " + what);
    }
  }

  int u8(String what) throws MlsFormatException {
    need(1, what);
    return buf[pos++] & 0xff;
  }

  int u16(String what) throws MlsFormatException {
    need(2, what);
    int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  long u32(String what) throws MlsFormatException {
    need(4, what);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (buf[pos + i] & 0xff);
    }
    pos += 4;
    return v;
  }

  /** Reads a uint64; values of 2^63 and above are refused with {@link Code#BAD_EPOCH}. */
  long u64NonNegative(String what) throws MlsFormatException {
    need(8, what);
    int start = pos;
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos + i] & 0xff);
    }
    pos += 8;
    if (v < 0) {
      throw new MlsFormatException(Code.BAD_EPOCH, start, what + " exceeds 2^63-1");
    }
    return v;
  }

  /**
   * RFC 9420 2.1.2 variable-length integer: the two high bits of the first
   * byte give the length (00: 1, 01: 2, 10: 4 bytes; 11 is invalid) and the
   * value must use the shortest form.
   */
  int varint(String what) throws MlsFormatException {
    int start = pos;
    int first = u8(what);
    int prefix = first >>> 6;
    int v = first & 0x3f;
    switch (prefix) {
      case 0:
        return v;
      case 1:
        need(1, what);
        v = (v << 8) | (buf[pos++] & 0xff);
        if (v < 64) {
          throw new MlsFormatException(Code.BAD_VARINT, start, what + ": non-minimal 2-byte varint");
        }
        return v;
      case 2:
        need(3, what);
        for (int i = 0; i < 3; i++) {
          v = (v << 8) | (buf[pos++] & 0xff);
        }
        if (v < 16384) {
          throw new MlsFormatException(Code.BAD_VARINT, start, what + ": non-minimal 4-byte varint");
        }
        return v;
      default:
        throw new MlsFormatException(Code.BAD_VARINT, start, what + ": reserved varint prefix 0b11");
    }
  }

  /** Reads the length of an opaque&lt;V&gt; and checks it against the limit and the remaining input. */
  private int vectorLength(String what, int maxLength) throws MlsFormatException {
    int start = pos;
    int len = varint(what + " length");
    if (len > maxLength) {
      throw new MlsFormatException(Code.BAD_LENGTH, start, what + " length " + len + " exceeds limit " + maxLength);
    }
    if (len > end - pos) {
      throw new MlsFormatException(Code.BAD_LENGTH, start, what + " length " + len + " exceeds remaining input");
    }
    return len;
  }

  byte[] opaque(String what, int maxLength) throws MlsFormatException {
    int len = vectorLength(what, maxLength);
    byte[] out = new byte[len];
    System.arraycopy(buf, pos, out, 0, len);
    pos += len;
    return out;
  }

  /** Skips an opaque&lt;V&gt; and returns its length. */
  int skipOpaque(String what, int maxLength) throws MlsFormatException {
    int len = vectorLength(what, maxLength);
    pos += len;
    return len;
  }

  void expectEnd(String what) throws MlsFormatException {
    if (pos != end) {
      throw new MlsFormatException(Code.TRAILING_DATA, pos, (end - pos) + " byte(s) after " + what);
    }
  }
}
