package fi.matala.chat.conversation;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * A chat between one anonymous citizen and staff. The server knows its queue, status and who may
 * read it; never what is said (that is MLS ciphertext in the message log).
 */
public record Conversation(
    String id,
    String queue,
    String lang,
    String groupId,
    Status status,
    int priority,
    Date queuedAt,
    String assignedTo,
    List<Member> members,
    /** What the citizen's client still has to do: members to add (and remove), oldest first. */
    List<Document> pendingAdds,
    Date expiresAt,
    /** When the citizen's connection was last seen (all the server knows of their presence); null if never. */
    Date citizenSeenAt) {

  public enum Status { QUEUED, ACTIVE, ENDED }

  /** The staff member's entry, also after their access ended. */
  public Optional<Member> anyMember(String staffId) {
    return members.stream().filter(m -> m.staffId().equals(staffId)).findFirst();
  }

  /** Whether any staff member has ever joined (their Welcome is stored): someone has answered. */
  public boolean answered() {
    return members.stream().anyMatch(m -> m.joinedSeq() != null);
  }

  public Optional<Member> member(String staffId) {
    return members.stream().filter(m -> m.staffId().equals(staffId) && m.active()).findFirst();
  }

  private static List<Member> membersOf(Document members) {
    if (members == null) {
      return List.of();
    }
    return members.values().stream().map(v -> Member.fromDocument((Document) v)).toList();
  }

  static Conversation fromDocument(Document d) {
    return new Conversation(d.getString("_id"), d.getString("queue"), d.getString("lang"), d.getString("groupId"),
        Status.valueOf(d.getString("status")), d.getInteger("priority", 0), d.getDate("queuedAt"),
        d.getString("assignedTo"),
        membersOf(d.get("members", Document.class)),
        d.getList("pendingAdds", Document.class, List.of()), d.getDate("expiresAt"), d.getDate("citizenSeenAt"));
  }
}
