package fi.matala.chat.delivery.mls;

/** RFC 9420 SenderType (uint8), visible in PublicMessage only. */
public enum SenderType {
  MEMBER(1),
  EXTERNAL(2),
  NEW_MEMBER_PROPOSAL(3),
  NEW_MEMBER_COMMIT(4);

  private final int code;

  SenderType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  static SenderType fromCode(int code) {
    for (SenderType s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return null;
  }
}
