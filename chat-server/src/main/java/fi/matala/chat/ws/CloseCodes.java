package fi.matala.chat.ws;

/** The WebSocket close codes the server ends a connection with (docs/protocol.md, "Session"). */
final class CloseCodes {
  private CloseCodes() {}

  /** The client kept sending bad frames (policy violation). */
  static final short TOO_MANY_BAD_FRAMES = 1008;
  /** The staff access token the connection was signed in with expired and was not renewed (staff.renew). */
  static final short TOKEN_EXPIRED = 4401;
  /** An admin disabled the account: the console signs out. */
  static final short ACCOUNT_DISABLED = 4403;
  /** An admin changed the staff member's roles: the console gets a new token and device certificate. */
  static final short ROLES_CHANGED = 4409;
}
