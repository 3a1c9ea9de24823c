package fi.matala;

import fi.matala.audit.AuditLog;
import fi.matala.auth.LoginThrottle;
import fi.matala.auth.PasswordHasher;
import fi.matala.auth.PasswordHashingPool;
import fi.matala.auth.RefreshTokens;
import fi.matala.auth.StaffAuth;
import fi.matala.auth.StaffRepository;
import fi.matala.auth.StaffTokenVerifier;
import fi.matala.auth.TokenService;
import fi.matala.chat.ChatOperations;
import fi.matala.chat.retention.RetentionJob;
import fi.matala.chat.ws.ConnectedStaff;
import fi.matala.chat.ws.OpenLimiter;
import fi.matala.chat.ws.SocketGuards;
import fi.matala.config.MatalaConfig;
import fi.matala.e2ee.OrganisationCa;
import fi.matala.e2ee.RootStampedPages;
import fi.matala.knowledge.KnowledgeBankHolder;
import fi.matala.requests.InboxKeys;
import fi.matala.requests.RequestStore;
import fi.matala.chat.queue.QueueRepository;
import fi.matala.storage.Database;
import io.vertx.core.net.PemKeyCertOptions;

/** The shared, thread-safe components every verticle instance routes to. Built once by {@link Platform}. */
public record Services(
    MatalaConfig config,
    Database db,
    PemKeyCertOptions tlsKeyCert,
    StaffRepository staff,
    PasswordHasher hasher,
    PasswordHashingPool passwordHashing,
    TokenService tokens,
    RefreshTokens refreshTokens,
    LoginThrottle loginThrottle,
    StaffAuth staffAuth,
    AuditLog audit,
    QueueRepository queues,
    StaffTokenVerifier verifier,
    ChatOperations chat,
    ConnectedStaff connectedStaff,
    OpenLimiter openLimiter,
    RetentionJob retention,
    OrganisationCa organisationCa,
    RootStampedPages pages,
    KnowledgeBankHolder knowledgeBank,
    RequestStore requests,
    InboxKeys inboxKeys,
    SocketGuards socketGuards) {}
