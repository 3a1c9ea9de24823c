package fi.matala.chat.ws;

import fi.matala.auth.StaffTokenVerifier;
import fi.matala.chat.ChatOperations;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** GET /ws: upgrades to the chat WebSocket (docs/protocol.md). */
public final class ChatSocketRoutes {
  private final Vertx vertx;
  private final ChatOperations chat;
  private final StaffTokenVerifier verifier;
  private final ConnectedStaff connectedStaff;
  private final OpenLimiter openLimiter;

  public ChatSocketRoutes(Vertx vertx, ChatOperations chat, StaffTokenVerifier verifier, ConnectedStaff connectedStaff,
      OpenLimiter openLimiter) {
    this.vertx = vertx;
    this.chat = chat;
    this.verifier = verifier;
    this.connectedStaff = connectedStaff;
    this.openLimiter = openLimiter;
  }

  public void mount(Router router) {
    router.get("/ws").handler(ctx -> {
      // kept in memory for rate limiting only; never stored or logged
      String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
      ctx.request().toWebSocket()
          .onSuccess(ws -> new ChatSocket(vertx, ws, chat, verifier, connectedStaff, openLimiter, address).start())
          .onFailure(ctx::fail);
    });
  }
}
