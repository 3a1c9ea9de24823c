package fi.matala.chat.ws;

import fi.matala.auth.StaffTokenVerifier;
import fi.matala.chat.ChatOperations;
import fi.matala.http.ClientAddress;
import fi.matala.http.ErrorResponses;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.Router;

/**
 * GET /ws: upgrades to the chat WebSocket (docs/protocol.md), unless the page is not Matala's
 * (403) or its address has all its connections open (429).
 */
public final class ChatSocketRoutes {
  private final Vertx vertx;
  private final ChatOperations chat;
  private final StaffTokenVerifier verifier;
  private final ConnectedStaff connectedStaff;
  private final OpenLimiter openLimiter;
  private final SocketGuards guards;

  public ChatSocketRoutes(Vertx vertx, ChatOperations chat, StaffTokenVerifier verifier, ConnectedStaff connectedStaff,
      OpenLimiter openLimiter, SocketGuards guards) {
    this.vertx = vertx;
    this.chat = chat;
    this.verifier = verifier;
    this.connectedStaff = connectedStaff;
    this.openLimiter = openLimiter;
    this.guards = guards;
  }

  public void mount(Router router) {
    router.get("/ws").handler(ctx -> {
      if (!guards.origins().allows(ctx.request())) {
        ErrorResponses.send(ctx, 403, "forbidden_origin", "The chat can be opened only from the service's own pages");
        return;
      }
      // kept in memory for rate limiting only; never stored or logged
      String address = ClientAddress.of(ctx);
      ConnectionCap.Slot slot = guards.connections().tryAcquire(address);
      if (slot == null) {
        ErrorResponses.send(ctx, 429, "too_many_connections", "Too many chat connections from this address");
        return;
      }
      HttpConnection connection = ctx.request().connection();
      ctx.request().toWebSocket()
          .onSuccess(ws -> new ChatSocket(vertx, ws, chat, verifier, connectedStaff, openLimiter, guards, slot,
              connection, address).start())
          .onFailure(e -> {
            slot.release();
            ctx.fail(e);
          });
    });
  }
}
