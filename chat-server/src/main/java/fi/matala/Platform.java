package fi.matala;

import fi.matala.audit.AuditLog;
import fi.matala.auth.LoginThrottle;
import fi.matala.auth.PasswordHasher;
import fi.matala.auth.PasswordHashingPool;
import fi.matala.auth.RefreshTokens;
import fi.matala.auth.StaffAuth;
import fi.matala.auth.StaffRepository;
import fi.matala.auth.StaffRevocations;
import fi.matala.auth.StaffTokenVerifier;
import fi.matala.auth.TokenService;
import fi.matala.chat.ChatNotices;
import fi.matala.chat.ChatOperations;
import fi.matala.chat.assignment.StaffAssignments;
import fi.matala.chat.citizen.CitizenChats;
import fi.matala.chat.conversation.ConversationRepository;
import fi.matala.chat.conversation.MembershipRequests;
import fi.matala.chat.delivery.MessageDelivery;
import fi.matala.chat.delivery.MessageLog;
import fi.matala.chat.events.ChatEvents;
import fi.matala.chat.keys.KeyPackageStore;
import fi.matala.chat.presence.PresenceRepository;
import fi.matala.chat.queue.QueueFigures;
import fi.matala.chat.retention.ConversationEraser;
import fi.matala.chat.retention.RetentionJob;
import fi.matala.chat.ws.ConnectedStaff;
import fi.matala.chat.ws.ConnectionCap;
import fi.matala.chat.ws.OpenLimiter;
import fi.matala.chat.ws.ResumeThrottle;
import fi.matala.chat.ws.SocketGuards;
import fi.matala.chat.ws.SocketOrigins;
import fi.matala.config.MatalaConfig;
import fi.matala.e2ee.OrganisationCa;
import fi.matala.e2ee.RootStampedPages;
import fi.matala.files.PermissionCheck;
import fi.matala.files.OwnerOnlyFiles;
import fi.matala.knowledge.KnowledgeBankHolder;
import fi.matala.requests.InboxKeys;
import fi.matala.requests.RequestStore;
import fi.matala.demo.Bootstrap;
import fi.matala.http.HttpServerVerticle;
import fi.matala.ops.MetricsRoutes;
import fi.matala.chat.queue.QueueRepository;
import fi.matala.storage.Database;
import fi.matala.storage.EmbeddedMongo;
import fi.matala.tls.TlsCertificate;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: storage, keys, services and verticles, started in order and stopped in reverse. */
public final class Platform {
  private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
  private static final long HOUSEKEEPING_INTERVAL_MS = 10 * 60 * 1000L;
  private static final String EMBEDDED_DB_DIR = "db";
  private static final String ORG_CA_DIR = "org-ca";

  private final Vertx vertx;
  private final MatalaConfig config;
  private Optional<EmbeddedMongo> embedded = Optional.empty();
  private Database db;
  private List<String> bootstrapLines = List.of();
  private long housekeepingTimer = -1;
  private long heartbeatTimer = -1;
  private long attendanceTimer = -1;
  private Services services;
  private final StaffRevocations revocations = new StaffRevocations();

  public Platform(Vertx vertx, MatalaConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /** Starts everything; completes once the HTTPS port accepts connections. */
  public Future<Platform> start() {
    return vertx.executeBlocking(this::openStorageAndKeys, false).compose(this::startServices).map(v -> this);
  }

  /** Blocking start-up work, off the event loop: files, the embedded database, key generation. */
  private Services openStorageAndKeys() {
    OwnerOnlyFiles.createDirectories(config.dataDir());
    PermissionCheck.atStart(ownerOnlyPaths());
    String uri = config.mongoUri().orElseGet(() -> {
      EmbeddedMongo mongo = EmbeddedMongo.start(config.dataDir().resolve(EMBEDDED_DB_DIR));
      embedded = Optional.of(mongo);
      return mongo.connectionString();
    });
    db = Database.connect(uri, config.mongoDatabase());
    TokenService tokens = TokenService.create(vertx, config.dataDir(), config.accessTokenTtl());
    StaffRepository staff = new StaffRepository(db);
    AuditLog audit = new AuditLog(db);
    QueueRepository queues = new QueueRepository(db);
    StaffTokenVerifier verifier = revocations.guard(tokens);
    ConversationRepository conversations = new ConversationRepository(db, config.floods().queueDetachAfter());
    MessageLog log = new MessageLog(db);
    KeyPackageStore keyPackages = new KeyPackageStore(db);
    RequestStore requests = new RequestStore(db);
    ChatEvents events = new ChatEvents(db);
    PresenceRepository presence = new PresenceRepository(db);
    QueueFigures figures = new QueueFigures(vertx, queues, conversations, presence, events);
    OrganisationCa organisationCa = OrganisationCa.openOrCreate(config.dataDir().resolve(ORG_CA_DIR));
    ChatNotices notices = new ChatNotices(vertx);
    revocations.onSessionsEnded(notices::sessionsEnded);
    MembershipRequests membership = new MembershipRequests(conversations, keyPackages, notices);
    ConversationEraser eraser = new ConversationEraser(conversations, log, events, audit);
    ChatOperations chat = new ChatOperations(
        new CitizenChats(config, queues, conversations, eraser, events, figures, audit, notices),
        new StaffAssignments(config, queues, conversations, log, keyPackages, events, figures, staff, audit,
            membership, notices),
        new MessageDelivery(conversations, log, notices, config.floods()),
        conversations, log, keyPackages, presence, figures, audit);
    return new Services(config, db, TlsCertificate.options(config), staff, new PasswordHasher(),
        new PasswordHashingPool(vertx, config.loginHashThreads(), config.loginHashQueue()), tokens, new RefreshTokens(db, config.refreshTokenTtl()), LoginThrottle.standard(),
        new StaffAuth(verifier), audit, queues, verifier, chat, new ConnectedStaff(presence, keyPackages),
        new OpenLimiter(config.citizenOpenLimit(), 10 * 60 * 1000L),
        new RetentionJob(config.retention(), conversations, eraser, log, events, audit, keyPackages, presence, requests),
        organisationCa, RootStampedPages.load(organisationCa.rootDer()),
        new KnowledgeBankHolder(vertx, config), requests, new InboxKeys(db, organisationCa),
        new SocketGuards(config.floods(), new SocketOrigins(config.edge().publicOrigins()),
            new ConnectionCap(config.floods().connectionsPerAddress()),
            new ResumeThrottle(config.floods().resumesPerMinute())));
  }

  /** What only the server's user should reach: checked before anything is opened (docs/operations.md). */
  private List<PermissionCheck.Protected> ownerOnlyPaths() {
    Path dir = config.dataDir();
    List<PermissionCheck.Protected> paths = new ArrayList<>();
    paths.add(new PermissionCheck.Protected(dir, PermissionCheck.Kind.DATA));
    if (config.mongoUri().isEmpty()) {
      paths.add(new PermissionCheck.Protected(dir.resolve(EMBEDDED_DB_DIR), PermissionCheck.Kind.DATA));
      paths.add(new PermissionCheck.Protected(dir.resolve(EMBEDDED_DB_DIR).resolve(EmbeddedMongo.FILE_NAME),
          PermissionCheck.Kind.DATA));
    }
    paths.add(new PermissionCheck.Protected(dir.resolve(ORG_CA_DIR), PermissionCheck.Kind.DATA));
    TlsCertificate.ownKeyFile(config).ifPresent(k -> paths.add(new PermissionCheck.Protected(k, PermissionCheck.Kind.OWN_KEY)));
    config.tlsKeyFile().ifPresent(k -> paths.add(new PermissionCheck.Protected(k, PermissionCheck.Kind.OPERATOR_KEY)));
    paths.add(new PermissionCheck.Protected(TokenService.keyFile(dir), PermissionCheck.Kind.OWN_KEY));
    OrganisationCa.keyFiles(dir.resolve(ORG_CA_DIR))
        .forEach(k -> paths.add(new PermissionCheck.Protected(k, PermissionCheck.Kind.OWN_KEY)));
    return paths;
  }

  private Future<Void> startServices(Services services) {
    this.services = services;
    Bootstrap bootstrap = new Bootstrap(vertx, db, services.staff(), services.queues(), services.hasher(), config);
    return db.ping()
        .compose(v -> services.staff().createIndexes())
        .compose(v -> services.chat().conversations().createIndexes())
        .compose(v -> services.chat().log().createIndexes())
        .compose(v -> services.chat().keyPackages().createIndexes())
        .compose(v -> services.requests().createIndexes())
        .compose(v -> new ChatEvents(db).createIndexes())
        .compose(v -> services.audit().createIndexes())
        .compose(v -> bootstrap.run())
        .compose(lines -> {
          bootstrapLines = lines;
          return revocations.start(vertx, services.staff());
        })
        .compose(v -> vertx.deployVerticle(() -> new HttpServerVerticle(services),
            new DeploymentOptions().setInstances(Math.max(1, Runtime.getRuntime().availableProcessors()))))
        .compose(id -> new MetricsRoutes(config.edge()).startSeparate(vertx))
        .map(metricsServer -> {
          housekeepingTimer = vertx.setPeriodic(HOUSEKEEPING_INTERVAL_MS, t -> housekeeping(services));
          heartbeatTimer = vertx.setPeriodic(PresenceRepository.HEARTBEAT.toMillis(),
              t -> services.connectedStaff().heartbeat());
          var attendance = services.chat().citizens().attendance();
          attendanceTimer = vertx.setPeriodic(attendance.interval().toMillis(), t -> attendance.tick()
              .onFailure(e -> LOG.warn("Refreshing citizens' presence failed: {}", e.toString())));
          housekeeping(services);
          return null;
        });
  }

  private void housekeeping(Services services) {
    services.loginThrottle().sweep();
    services.openLimiter().sweep();
    services.socketGuards().sweep();
    services.chat().citizens().sweep()
        .onFailure(e -> LOG.warn("Sweeping waiting chats per address failed: {}", e.toString()));
    services.retention().run(new java.util.Date())
        .onFailure(e -> LOG.warn("Retention purge failed: {}", e.toString()));
    services.refreshTokens().purgeExpired()
        .onFailure(e -> LOG.warn("Purging expired refresh tokens failed: {}", e.toString()));
  }

  /** The running components (after {@link #start()}); tests and tools read through them. */
  public Services services() {
    return services;
  }

  public List<String> bootstrapLines() {
    return bootstrapLines;
  }

  public Future<Void> stop() {
    vertx.cancelTimer(housekeepingTimer);
    vertx.cancelTimer(heartbeatTimer);
    vertx.cancelTimer(attendanceTimer);
    return vertx.close().andThen(ar -> {
      if (services != null) {
        services.knowledgeBank().close();
      }
      if (db != null) {
        db.close();
      }
      embedded.ifPresent(EmbeddedMongo::close);
    });
  }
}
