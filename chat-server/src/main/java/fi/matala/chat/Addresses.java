package fi.matala.chat;

/**
 * Event-bus addresses of the chat. Every message between connections goes through these, so the
 * same code runs unchanged on a clustered event bus (docs/architecture.md lists them).
 */
public final class Addresses {
  private Addresses() {}

  /** Publish: something happened in a conversation ({"event":"appended","seq":n}, "member.add", "status"). */
  public static String conversation(String id) {
    return "matala.conversation." + id;
  }

  /**
   * Publish: to all connections of one staff member ("assigned", "removed"); and, local to each
   * node, "session.ended" after their roles changed or their account was disabled.
   */
  public static String staff(String staffId) {
    return "matala.staff." + staffId;
  }

  /** Publish: fresh queue figures and waiting positions for every connection. */
  public static final String QUEUE_FIGURES = "matala.queue.figures";

  /** Publish: an encrypted request arrived or was answered (staff consoles refresh their list). */
  public static final String REQUESTS_CHANGED = "matala.requests.changed";

  /** Publish: the knowledge bank's content changed ({"version"}: staff consoles fetch the new index). */
  public static final String KB_CHANGED = "matala.kb.changed";
}
