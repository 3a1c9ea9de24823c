package fi.matala.demo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import fi.matala.auth.PasswordHasher;
import fi.matala.auth.Role;
import fi.matala.auth.StaffRepository;
import fi.matala.config.MatalaConfig;
import fi.matala.chat.queue.QueueDefinition;
import fi.matala.chat.queue.QueueRepository;
import fi.matala.storage.Database;
import fi.matala.storage.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start on an empty database. Exactly one node wins the "bootstrap" marker (a unique _id),
 * so a cluster starting at once seeds once. It creates the standard queues and either the
 * configured first admin (a real installation) or demo staff of every role, whose sign-ins are
 * printed. It creates no request inbox key: on both kinds of installation the first key, like every
 * later one, is proposed by one admin and approved by another (docs/requests.md).
 */
public final class Bootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

  /** Demo accounts: username, display name, role. */
  static final List<String[]> DEMO_STAFF = List.of(
      new String[] {"worker", "Tiina Työntekijä", "worker"},
      new String[] {"worker2", "Ville Vastaaja", "worker"},
      new String[] {"therapist", "Terhi Terapeutti", "therapist"},
      new String[] {"peer", "Pekka Kokemusasiantuntija", "peer"},
      new String[] {"supervisor", "Sanna Esihenkilö", "supervisor"},
      new String[] {"admin", "Aino Ylläpitäjä", "admin"},
      // the request inbox key needs a second admin's approval (docs/requests.md): the demo has two
      new String[] {"admin2", "Olli Ylläpitäjä", "admin"});

  private final Vertx vertx;
  private final Database db;
  private final StaffRepository staff;
  private final QueueRepository queues;
  private final PasswordHasher hasher;
  private final MatalaConfig config;

  public Bootstrap(Vertx vertx, Database db, StaffRepository staff, QueueRepository queues, PasswordHasher hasher,
      MatalaConfig config) {
    this.vertx = vertx;
    this.db = db;
    this.staff = staff;
    this.queues = queues;
    this.hasher = hasher;
    this.config = config;
  }

  /** Seeds if this node is the first on an empty database; returns the lines to print. */
  public Future<List<String>> run() {
    Document marker = new Document("_id", "bootstrap").append("at", new Date());
    return Reactive.single(db.collection("meta").insertOne(marker))
        .map(r -> true)
        .recover(e -> isDuplicate(e) ? Future.succeededFuture(false) : Future.failedFuture(e))
        .compose(first -> first ? seed() : Future.succeededFuture(List.of()));
  }

  private Future<List<String>> seed() {
    Future<Void> seeded = Future.succeededFuture();
    for (QueueDefinition q : StandardQueues.ALL) {
      seeded = seeded.compose(v -> queues.insert(q));
    }
    if (config.adminUser().isPresent()) {
      String user = config.adminUser().get();
      return seeded.compose(v -> vertx.executeBlocking(() -> hasher.hash(config.adminPassword().orElseThrow()), false))
          .compose(hash -> staff.create(user, user, List.of(Role.ADMIN), hash))
          .map(m -> List.of("Created the first admin '" + user + "'. Sign in at /staff/ and add staff."));
    }
    String password = config.demoPassword().orElseGet(Bootstrap::randomPassword);
    List<String> lines = new ArrayList<>();
    lines.add("Demo content created. Demo sign-ins at /staff/ (password for all: " + password + "):");
    for (String[] s : DEMO_STAFF) {
      seeded = seeded
          .compose(v -> vertx.executeBlocking(() -> hasher.hash(password), false))
          .compose(hash -> staff.create(s[0], s[1], List.of(Role.parse(s[2]).orElseThrow()), hash))
          .map(m -> {
            lines.add("  " + s[0] + " (" + s[2] + ")");
            return null;
          });
    }
    return seeded.map(v -> lines).onSuccess(v -> LOG.info("Seeded an empty database"));
  }

  private static String randomPassword() {
    String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    SecureRandom r = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      if (i > 0 && i % 4 == 0) {
        sb.append('-');
      }
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static boolean isDuplicate(Throwable e) {
    return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
  }
}
