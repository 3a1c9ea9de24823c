package fi.matala.chat.conversation;

import org.bson.Document;

/**
 * A staff member's place in a conversation. They may see messages with seq in
 * [joinedSeq, leftSeq): joinedSeq is the seq of the Welcome that added them (absent until then),
 * leftSeq is set when they are transferred away or removed.
 */
public record Member(String staffId, String displayName, String role, Long joinedSeq, Long leftSeq) {

  public boolean active() {
    return leftSeq == null;
  }

  public boolean mayRead(long seq) {
    return joinedSeq != null && seq >= joinedSeq && (leftSeq == null || seq < leftSeq);
  }

  Document toDocument() {
    return new Document("staffId", staffId).append("displayName", displayName).append("role", role)
        .append("joinedSeq", joinedSeq).append("leftSeq", leftSeq);
  }

  static Member fromDocument(Document d) {
    return new Member(d.getString("staffId"), d.getString("displayName"), d.getString("role"),
        d.getLong("joinedSeq"), d.getLong("leftSeq"));
  }
}
