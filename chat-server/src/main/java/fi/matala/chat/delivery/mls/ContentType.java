package fi.matala.chat.delivery.mls;

/** RFC 9420 ContentType (uint8). */
public enum ContentType {
  APPLICATION(1),
  PROPOSAL(2),
  COMMIT(3);

  private final int code;

  ContentType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  static ContentType fromCode(int code) {
    for (ContentType c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return null;
  }
}
