package fi.matala.chat.delivery.mls;

/** RFC 9420 WireFormat (uint16). */
public enum WireFormat {
  PUBLIC_MESSAGE(1),
  PRIVATE_MESSAGE(2),
  WELCOME(3),
  GROUP_INFO(4),
  KEY_PACKAGE(5);

  private final int code;

  WireFormat(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  static WireFormat fromCode(int code) {
    for (WireFormat w : values()) {
      if (w.code == code) {
        return w;
      }
    }
    return null;
  }
}
