package fi.matala.http;

import fi.matala.Services;
import fi.matala.admin.QueueAdminRoutes;
import fi.matala.admin.StaffAdminRoutes;
import fi.matala.chat.keys.StaffKeyRetirement;
import fi.matala.auth.AuthRoutes;
import fi.matala.auth.Role;
import fi.matala.ops.HealthRoutes;
import fi.matala.ops.MetricsRoutes;
import fi.matala.chat.queue.QueueRoutes;
import fi.matala.chat.ws.ChatSocketRoutes;
import fi.matala.chat.conversation.ConversationListRoutes;
import fi.matala.chat.presence.DirectoryRoutes;
import fi.matala.e2ee.DeviceRoutes;
import fi.matala.knowledge.KnowledgeRoutes;
import fi.matala.requests.InboxKeyAdminRoutes;
import fi.matala.requests.RequestRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.TimeoutHandler;

/**
 * One HTTPS server instance (several are deployed, one per event loop, sharing the port). It
 * only routes; the work is in the feature packages' route classes.
 */
public final class HttpServerVerticle extends VerticleBase {
  private final Services services;
  private HttpServer server;

  public HttpServerVerticle(Services services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders(services.config().edge().embeddingOrigins())::apply);
    // the address per-address limits count, worked out once (trusted proxies: MATALA_TRUSTED_PROXIES)
    router.route().handler(new ClientAddress(services.config().edge().trustedProxies(),
        services.config().edge().clientAddressHeader())::resolve);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(services.config().maxBodyBytes()));
    // a safety net: every API request gets an answer, even if a handler lost its way
    router.route("/api/*").handler(TimeoutHandler.create(30_000, 503));

    new HealthRoutes(services.db()).mount(router);
    new MetricsRoutes(services.config().edge()).mountPublic(router);
    new AuthRoutes(services.staff(), services.hasher(), services.passwordHashing(), services.tokens(),
        services.refreshTokens(), services.loginThrottle(), services.audit()).mount(router, services.staffAuth());
    router.route("/api/admin/*").handler(services.staffAuth().authenticated())
        .handler(services.staffAuth().requireAny(Role.ADMIN));
    new StaffAdminRoutes(vertx, services.staff(), services.hasher(), services.audit(),
        new StaffKeyRetirement(services.chat().keyPackages())).mount(router);
    new QueueAdminRoutes(services.queues(), services.chat().figures(), services.audit()).mount(router);
    new QueueRoutes(services.queues(), services.chat().figures(), services.config().queueMaxWaiting())
        .mount(router, services.staffAuth());
    new DeviceRoutes(services.organisationCa(), services.audit()).mount(router, services.staffAuth());
    new DirectoryRoutes(services.staff(), services.chat().presence()).mount(router, services.staffAuth());
    new ConversationListRoutes(services.chat().conversations(), services.audit()).mount(router, services.staffAuth());
    new KnowledgeRoutes(services.knowledgeBank(), services.staffAuth()).mount(router);
    new InboxKeyAdminRoutes(services.inboxKeys(), services.audit()).mount(router);
    new RequestRoutes(vertx, services.requests(), services.inboxKeys(), services.queues(), services.audit(),
        services.openLimiter(), services.config().retention()).mount(router, services.staffAuth());
    new ChatSocketRoutes(vertx, services.chat(), services.verifier(), services.connectedStaff(), services.openLimiter(),
        services.socketGuards()).mount(router);

    router.route("/api/*").handler(ctx -> ErrorResponses.send(ctx, 404, "not_found", "No such API endpoint"));
    services.pages().mount(router);
    router.route().handler(StaticHandler.create("webroot")
        .setIndexPage("index.html")
        .setDefaultContentEncoding("UTF-8")
        .setCachingEnabled(true));
    router.route().failureHandler(ErrorResponses::handleFailure);
    for (int status : new int[] {400, 404, 405, 413, 415, 500, 503}) {
      router.errorHandler(status, ctx -> {
        if (ctx.failure() != null) {
          ErrorResponses.handleFailure(ctx);
        } else {
          ErrorResponses.send(ctx, status, ErrorResponses.codeFor(status), ErrorResponses.messageFor(status));
        }
      });
    }

    HttpServerOptions options = new HttpServerOptions()
        .setSsl(true)
        .setKeyCertOptions(services.tlsKeyCert())
        .setHost(services.config().bindHost())
        .setPort(services.config().httpsPort())
        .setCompressionSupported(true)
        // frames over 64 KiB get an error frame from ChatSocket; only beyond 128 KiB does Vert.x close (1009)
        .setMaxWebSocketFrameSize(128 * 1024)
        .setMaxWebSocketMessageSize(128 * 1024);
    return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
