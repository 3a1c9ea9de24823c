package fi.matala.chat.conversation;

import fi.matala.chat.ChatException;
import fi.matala.chat.ChatNotices;
import fi.matala.chat.keys.KeyPackageStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.Base64;
import java.util.List;
import org.bson.Document;

/**
 * Membership changes the server cannot make itself: only the citizen's client can add staff
 * devices to the end-to-end encrypted group or remove them. Each request is stored with the
 * conversation (a resuming client gets it again) and announced to the citizen's connections.
 */
public final class MembershipRequests {
  private final ConversationRepository conversations;
  private final KeyPackageStore keyPackages;
  private final ChatNotices notices;

  public MembershipRequests(ConversationRepository conversations, KeyPackageStore keyPackages, ChatNotices notices) {
    this.conversations = conversations;
    this.keyPackages = keyPackages;
    this.notices = notices;
  }

  /**
   * Asks the citizen's client to add a staff member's devices. The role announced is the one their
   * device certificates state (not the role they have in this conversation, e.g. "supervisor" for
   * a worker who is also a supervisor): the client adds only devices whose certificate matches it.
   */
  public Future<Void> add(Conversation c, Member member, String deviceRole, String reason, List<String> remove) {
    return keyPackages.claim(member.staffId()).compose(kps -> {
      if (kps.isEmpty()) {
        return Future.failedFuture(new ChatException("no_key_packages", "No key packages for that staff member"));
      }
      JsonArray packages = new JsonArray();
      kps.forEach(k -> packages.add(Base64.getEncoder().encodeToString(k)));
      Document pending = new Document("staff", new Document("id", member.staffId())
          .append("displayName", member.displayName()).append("role", deviceRole))
          .append("keyPackages", packages.getList()).append("remove", remove).append("reason", reason);
      return store(c, pending);
    });
  }

  /** Asks the citizen's client to remove staff whose access ended, with nobody to add. */
  public Future<Void> remove(Conversation c, List<String> remove, String reason) {
    Document pending = new Document("staff", null).append("keyPackages", List.of()).append("remove", remove)
        .append("reason", reason);
    return store(c, pending);
  }

  private Future<Void> store(Conversation c, Document pending) {
    return conversations.addPending(c.id(), pending).map(o -> {
      notices.memberAdd(c.id(), pending);
      return null;
    });
  }
}
