package fi.matala.chat.conversation;

import fi.matala.audit.AuditLog;
import fi.matala.auth.Role;
import fi.matala.auth.StaffAuth;
import fi.matala.auth.StaffPrincipal;
import fi.matala.http.JsonBodies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bson.Document;

/**
 * GET /api/conversations (supervisor, peer): the open conversations a supervisor or peer expert may
 * ask to join visibly — queue, status, since when, who is in it. Never content. Audited.
 */
public final class ConversationListRoutes {
  private final ConversationRepository conversations;
  private final AuditLog audit;

  public ConversationListRoutes(ConversationRepository conversations, AuditLog audit) {
    this.conversations = conversations;
    this.audit = audit;
  }

  public void mount(Router router, StaffAuth auth) {
    router.get("/api/conversations").handler(auth.authenticated()).handler(auth.requireAny(Role.SUPERVISOR, Role.PEER))
        .handler(this::list);
  }

  private void list(RoutingContext ctx) {
    StaffPrincipal who = StaffAuth.principal(ctx);
    conversations.open(200)
        .compose(all -> audit.record(who, "conversations.list", "conversations", null, new Document("count", all.size()))
            .map(v -> all))
        .map(all -> {
          JsonArray arr = new JsonArray();
          for (Conversation c : all) {
            JsonArray members = new JsonArray();
            c.members().stream().filter(Member::active).forEach(m -> members.add(new JsonObject()
                .put("id", m.staffId()).put("displayName", m.displayName()).put("role", m.role())
                .put("joined", m.joinedSeq() != null)));
            arr.add(new JsonObject().put("conversation", c.id()).put("queue", c.queue()).put("lang", c.lang())
                .put("status", c.status().name().toLowerCase()).put("queuedAt", c.queuedAt().getTime())
                .put("members", members));
          }
          return new JsonObject().put("conversations", arr);
        })
        .onSuccess(json -> JsonBodies.sendJson(ctx, 200, json))
        .onFailure(ctx::fail);
  }
}
