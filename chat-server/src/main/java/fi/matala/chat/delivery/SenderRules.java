package fi.matala.chat.delivery;

import fi.matala.chat.ChatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which MLS messages the delivery service takes from whom (docs/protocol.md, msg.send).
 *
 * <p>Only the citizen's client changes who is in the group: it commits every Add and Remove itself,
 * after checking each device certificate against the staff member the server announced. A staff
 * member's proposal or commit would change the group behind the citizen's back, and a Welcome from
 * staff would bring in someone the citizen never added; the clients refuse both, and the server
 * does not even store them. So from staff only application messages are taken: a PrivateMessage
 * whose clear-text content type is application. From anyone, a PublicMessage sent from outside the
 * group (an external proposal, a new member's proposal to join, an external commit) is refused:
 * nobody joins a Matala group except through the citizen's own Add and Welcome.
 */
final class SenderRules {
  private static final Logger LOG = LoggerFactory.getLogger(SenderRules.class);

  private SenderRules() {}

  /** Throws the refusal for a message this sender may not send; staffId null is the citizen. */
  static void check(String conversation, String staffId, MlsEnvelope mls) {
    if (mls.fromNonMember()) {
      throw new ChatException("external_sender",
          "MLS messages from outside the group (external proposals, joins, external commits) are not accepted");
    }
    if (staffId == null || mls.isPrivateApplication()) {
      return;
    }
    // An honest console never sends these: worth an operator's look (ids only, never content).
    LOG.warn("refused a {} from staff {} in conversation {}: only the citizen's client changes the group",
        mls.isWelcome() ? "Welcome" : mls.wire() + " " + mls.content(), staffId, conversation);
    if (mls.isWelcome()) {
      throw new ChatException("staff_welcome", "Only the citizen's client sends Welcomes");
    }
    throw new ChatException("staff_handshake",
        "Staff send only application messages (an MLS PrivateMessage with content type application); "
            + "only the citizen's client changes who is in the group");
  }
}
