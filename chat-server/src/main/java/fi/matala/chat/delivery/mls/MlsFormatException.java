package fi.matala.chat.delivery.mls;

/**
 * Thrown when bytes are not a well-formed MLSMessage (RFC 9420) or exceed the
 * Delivery Service's limits. The {@link Code} is short and stable so that it
 * can be logged, counted and returned to clients; the message adds the byte
 * offset and a developer-oriented detail.
 */
public final class MlsFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why the message was refused. */
  public enum Code {
    /** The input ended before a field was complete. */
    TRUNCATED,
    /** The whole message is larger than the configured maximum. */
    TOO_LARGE,
    /** ProtocolVersion is not mls10 (1). */
    BAD_VERSION,
    /** WireFormat is not one of public_message, private_message, welcome, group_info, key_package. */
    UNKNOWN_WIRE_FORMAT,
    /** A variable-length integer uses the reserved 0b11 prefix or is not minimally encoded. */
    BAD_VARINT,
    /** A length prefix exceeds the limit for its field or the remaining input. */
    BAD_LENGTH,
    /** group_id is empty or longer than the limit. */
    BAD_GROUP_ID,
    /** epoch does not fit in a signed 64-bit integer. */
    BAD_EPOCH,
    /** content_type is not application (1), proposal (2) or commit (3). */
    BAD_CONTENT_TYPE,
    /** sender_type is reserved/unknown or does not fit the content type. */
    BAD_SENDER_TYPE,
    /** Application data in a PublicMessage (forbidden by RFC 9420 section 6.2). */
    PUBLIC_APPLICATION,
    /** Bytes remain after a structure that must end the message. */
    TRAILING_DATA
  }

  private final Code code;
  private final int offset;

  public MlsFormatException(Code code, int offset, String detail) {
    super(code + " at byte " + offset + ": " + detail);
    this.code = code;
    this.offset = offset;
  }

  public Code code() {
    return code;
  }

  /** Byte offset in the input where the problem was detected. */
  public int offset() {
    return offset;
  }
}
