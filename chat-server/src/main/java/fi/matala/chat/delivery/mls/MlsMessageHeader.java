package fi.matala.chat.delivery.mls;

import fi.matala.chat.delivery.mls.MlsFormatException.Code;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The unencrypted framing header of an RFC 9420 MLSMessage, as needed by the
 * Delivery Service to route messages and to accept exactly one commit per
 * (group, epoch). The server never decrypts anything.
 *
 * <pre>
 * struct {
 *   ProtocolVersion version = mls10;      // uint16, 1
 *   WireFormat wire_format;               // uint16
 *   select (wire_format) { ... }
 * } MLSMessage;
 *
 * PublicMessage:  FramedContent { opaque group_id&lt;V&gt;; uint64 epoch; Sender sender;
 *                                 opaque authenticated_data&lt;V&gt;; ContentType content_type; ... } ...
 * PrivateMessage: { opaque group_id&lt;V&gt;; uint64 epoch; ContentType content_type;
 *                   opaque authenticated_data&lt;V&gt;; opaque encrypted_sender_data&lt;V&gt;;
 *                   opaque ciphertext&lt;V&gt;; }
 * Welcome:        { CipherSuite cipher_suite; ... }
 * GroupInfo:      { GroupContext { ProtocolVersion version; CipherSuite cipher_suite;
 *                   opaque group_id&lt;V&gt;; uint64 epoch; ... }; ... }
 * KeyPackage:     { ProtocolVersion version; CipherSuite cipher_suite; ... }
 * </pre>
 *
 * <p>What is checked: version, wire format, the header fields above with
 * strict variable-length integers (RFC 9420 section 2.1.2) and length limits;
 * for PrivateMessage the complete structure including the absence of trailing
 * bytes. The bodies of PublicMessage, Welcome, GroupInfo and KeyPackage are
 * not parsed beyond the fields listed: clients validate them.
 *
 * <p>Any input, however hostile, yields either a header or an
 * {@link MlsFormatException}; no other exception escapes {@link #parse}
 * (a {@code null} array is a programming error and throws
 * {@link NullPointerException}).
 */
public final class MlsMessageHeader {

  /** Protocol version mls10. */
  public static final int MLS10 = 1;
  /** Default maximum size of one MLSMessage accepted by the server. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 1 << 20;
  /** Maximum group_id length. Matala clients use 16 random bytes. */
  public static final int MAX_GROUP_ID_LENGTH = 255;
  /** Maximum authenticated_data length. Matala clients send none. */
  public static final int MAX_AUTHENTICATED_DATA_LENGTH = 4096;

  private final WireFormat wireFormat;
  private final byte[] groupId;
  private final long epoch;
  private final ContentType contentType;
  private final SenderType senderType;
  private final long senderIndex;
  private final int cipherSuite;
  private final int length;

  private MlsMessageHeader(WireFormat wireFormat, byte[] groupId, long epoch, ContentType contentType,
      SenderType senderType, long senderIndex, int cipherSuite, int length) {
    this.wireFormat = wireFormat;
    this.groupId = groupId;
    this.epoch = epoch;
    this.contentType = contentType;
    this.senderType = senderType;
    this.senderIndex = senderIndex;
    this.cipherSuite = cipherSuite;
    this.length = length;
  }

  /** Parses with {@link #DEFAULT_MAX_MESSAGE_SIZE}. */
  public static MlsMessageHeader parse(byte[] message) throws MlsFormatException {
    return parse(message, DEFAULT_MAX_MESSAGE_SIZE);
  }

  /** Parses the header of one complete MLSMessage. */
  public static MlsMessageHeader parse(byte[] message, int maxMessageSize) throws MlsFormatException {
    Objects.requireNonNull(message, "message");
    if (message.length > maxMessageSize) {
      throw new MlsFormatException(Code.TOO_LARGE, 0,
          "message of " + message.length + " bytes exceeds " + maxMessageSize);
    }
    TlsReader r = new TlsReader(message, 0, message.length);
    int versionAt = r.position();
    int version = r.u16("version");
    if (version != MLS10) {
      throw new MlsFormatException(Code.BAD_VERSION, versionAt, "version " + version + " is not mls10");
    }
    int wfAt = r.position();
    int wfCode = r.u16("wire_format");
    WireFormat wf = WireFormat.fromCode(wfCode);
    if (wf == null) {
      throw new MlsFormatException(Code.UNKNOWN_WIRE_FORMAT, wfAt, "wire_format " + wfCode);
    }
    switch (wf) {
      case PUBLIC_MESSAGE:
        return parsePublic(r, message.length);
      case PRIVATE_MESSAGE:
        return parsePrivate(r, message.length);
      case WELCOME: {
        int suite = r.u16("cipher_suite");
        return new MlsMessageHeader(wf, null, -1, null, null, -1, suite, message.length);
      }
      case GROUP_INFO: {
        int at = r.position();
        int gcVersion = r.u16("group_context.version");
        if (gcVersion != MLS10) {
          throw new MlsFormatException(Code.BAD_VERSION, at, "GroupContext version " + gcVersion);
        }
        int suite = r.u16("cipher_suite");
        byte[] gid = readGroupId(r);
        long ep = r.u64NonNegative("epoch");
        return new MlsMessageHeader(wf, gid, ep, null, null, -1, suite, message.length);
      }
      case KEY_PACKAGE: {
        int at = r.position();
        int kpVersion = r.u16("key_package.version");
        if (kpVersion != MLS10) {
          throw new MlsFormatException(Code.BAD_VERSION, at, "KeyPackage version " + kpVersion);
        }
        int suite = r.u16("cipher_suite");
        return new MlsMessageHeader(wf, null, -1, null, null, -1, suite, message.length);
      }
      default:
        throw new MlsFormatException(Code.UNKNOWN_WIRE_FORMAT, wfAt, "wire_format " + wfCode);
    }
  }

  private static byte[] readGroupId(TlsReader r) throws MlsFormatException {
    int at = r.position();
    byte[] gid = r.opaque("group_id", MAX_GROUP_ID_LENGTH);
    if (gid.length == 0) {
      throw new MlsFormatException(Code.BAD_GROUP_ID, at, "empty group_id");
    }
    return gid;
  }

  private static ContentType readContentType(TlsReader r) throws MlsFormatException {
    int at = r.position();
    int code = r.u8("content_type");
    ContentType ct = ContentType.fromCode(code);
    if (ct == null) {
      throw new MlsFormatException(Code.BAD_CONTENT_TYPE, at, "content_type " + code);
    }
    return ct;
  }

  private static MlsMessageHeader parsePublic(TlsReader r, int length) throws MlsFormatException {
    byte[] gid = readGroupId(r);
    long ep = r.u64NonNegative("epoch");
    int senderAt = r.position();
    int stCode = r.u8("sender_type");
    SenderType st = SenderType.fromCode(stCode);
    if (st == null) {
      throw new MlsFormatException(Code.BAD_SENDER_TYPE, senderAt, "sender_type " + stCode);
    }
    long index = -1;
    if (st == SenderType.MEMBER) {
      index = r.u32("leaf_index");
    } else if (st == SenderType.EXTERNAL) {
      index = r.u32("sender_index");
    }
    r.skipOpaque("authenticated_data", MAX_AUTHENTICATED_DATA_LENGTH);
    int ctAt = r.position();
    ContentType ct = readContentType(r);
    if (ct == ContentType.APPLICATION) {
      throw new MlsFormatException(Code.PUBLIC_APPLICATION, ctAt, "application data must use PrivateMessage");
    }
    boolean consistent;
    switch (st) {
      case MEMBER:
        consistent = true;
        break;
      case EXTERNAL:
      case NEW_MEMBER_PROPOSAL:
        consistent = ct == ContentType.PROPOSAL;
        break;
      case NEW_MEMBER_COMMIT:
        consistent = ct == ContentType.COMMIT;
        break;
      default:
        consistent = false;
    }
    if (!consistent) {
      throw new MlsFormatException(Code.BAD_SENDER_TYPE, senderAt, st + " cannot send " + ct);
    }
    return new MlsMessageHeader(WireFormat.PUBLIC_MESSAGE, gid, ep, ct, st, index, -1, length);
  }

  private static MlsMessageHeader parsePrivate(TlsReader r, int length) throws MlsFormatException {
    byte[] gid = readGroupId(r);
    long ep = r.u64NonNegative("epoch");
    ContentType ct = readContentType(r);
    r.skipOpaque("authenticated_data", MAX_AUTHENTICATED_DATA_LENGTH);
    int sdAt = r.position();
    if (r.skipOpaque("encrypted_sender_data", 1024) == 0) {
      throw new MlsFormatException(Code.BAD_LENGTH, sdAt, "empty encrypted_sender_data");
    }
    int ctAt = r.position();
    if (r.skipOpaque("ciphertext", Integer.MAX_VALUE) == 0) {
      throw new MlsFormatException(Code.BAD_LENGTH, ctAt, "empty ciphertext");
    }
    r.expectEnd("PrivateMessage");
    return new MlsMessageHeader(WireFormat.PRIVATE_MESSAGE, gid, ep, ct, null, -1, -1, length);
  }

  /** Always {@link #MLS10}; other versions are rejected. */
  public int version() {
    return MLS10;
  }

  public WireFormat wireFormat() {
    return wireFormat;
  }

  /** group_id for PublicMessage, PrivateMessage and GroupInfo (a copy). */
  public Optional<byte[]> groupId() {
    return groupId == null ? Optional.empty() : Optional.of(groupId.clone());
  }

  /** Lower-case hex of group_id, convenient as a map/database key. */
  public Optional<String> groupIdHex() {
    return groupId == null ? Optional.empty() : Optional.of(HexFormat.of().formatHex(groupId));
  }

  /** epoch for PublicMessage, PrivateMessage and GroupInfo. */
  public OptionalLong epoch() {
    return groupId == null ? OptionalLong.empty() : OptionalLong.of(epoch);
  }

  /** content_type for PublicMessage and PrivateMessage. */
  public Optional<ContentType> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** sender_type; only PublicMessage reveals it (PrivateMessage encrypts the sender). */
  public Optional<SenderType> senderType() {
    return Optional.ofNullable(senderType);
  }

  /** leaf_index (member) or sender_index (external) of a PublicMessage, as unsigned 32-bit value. */
  public OptionalLong senderIndex() {
    return senderIndex < 0 ? OptionalLong.empty() : OptionalLong.of(senderIndex);
  }

  /** cipher_suite for Welcome, GroupInfo and KeyPackage. */
  public OptionalInt cipherSuite() {
    return cipherSuite < 0 ? OptionalInt.empty() : OptionalInt.of(cipherSuite);
  }

  /** Total length of the parsed MLSMessage in bytes. */
  public int length() {
    return length;
  }

  /** True for a commit (PublicMessage or PrivateMessage): at most one is accepted per (group, epoch). */
  public boolean isCommit() {
    return contentType == ContentType.COMMIT;
  }

  /** True for proposals and commits. */
  public boolean isHandshake() {
    return contentType == ContentType.PROPOSAL || contentType == ContentType.COMMIT;
  }

  /** True for application data, which only a PrivateMessage may carry ({@link #parse} refuses a public one). */
  public boolean isApplication() {
    return contentType == ContentType.APPLICATION;
  }

  /**
   * True for a PublicMessage whose sender is not a member of the group: an external sender's
   * proposal, a new member's proposal to join, or an external commit (RFC 9420 sections 6 and
   * 12.4.3.2). Such messages let someone who was never added change the group, so a Delivery
   * Service that leaves membership to one member refuses them. A PrivateMessage is always from a
   * member (only members hold the keys that encrypt its sender).
   */
  public boolean isFromNonMember() {
    return senderType != null && senderType != SenderType.MEMBER;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("MlsMessageHeader{").append(wireFormat);
    groupIdHex().ifPresent(g -> sb.append(", group=").append(g));
    epoch().ifPresent(e -> sb.append(", epoch=").append(e));
    contentType().ifPresent(c -> sb.append(", content=").append(c));
    senderType().ifPresent(s -> sb.append(", sender=").append(s));
    senderIndex().ifPresent(i -> sb.append('#').append(i));
    cipherSuite().ifPresent(c -> sb.append(", suite=").append(c));
    return sb.append(", length=").append(length).append('}').toString();
  }
}
