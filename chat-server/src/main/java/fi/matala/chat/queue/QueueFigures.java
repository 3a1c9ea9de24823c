package fi.matala.chat.queue;

import fi.matala.chat.Addresses;
import fi.matala.chat.conversation.ConversationRepository;
import fi.matala.chat.events.ChatEvents;
import fi.matala.chat.presence.PresenceRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Live queue figures (waiting, longest wait, staff available), every waiting citizen's position
 * and estimated wait, and for staff the waiting chats themselves (so a worker can take a specific
 * one). Whoever changes a queue calls {@link #changed()}; the figures are recomputed from the
 * database (shortly after, so a burst of changes costs one computation) and published to every
 * connection on every node. Each connection passes on only its own part: see CitizenFrames and StaffFrames.
 */
public final class QueueFigures {
  private static final long COALESCE_MS = 150;
  /** Assumed time to take a chat when a queue has no recent history. */
  static final Duration DEFAULT_TAKE_INTERVAL = Duration.ofMinutes(4);
  /** Waiting chats listed per queue for staff; the queue's "waiting" count still tells the total. */
  public static final int WAITING_CHATS_PER_QUEUE = 50;

  private final Vertx vertx;
  private final QueueRepository queues;
  private final ConversationRepository conversations;
  private final PresenceRepository presence;
  private final ChatEvents events;
  private boolean scheduled;

  public QueueFigures(Vertx vertx, QueueRepository queues, ConversationRepository conversations,
      PresenceRepository presence, ChatEvents events) {
    this.vertx = vertx;
    this.queues = queues;
    this.conversations = conversations;
    this.presence = presence;
    this.events = events;
  }

  public synchronized void changed() {
    if (scheduled) {
      return;
    }
    scheduled = true;
    vertx.setTimer(COALESCE_MS, t -> {
      synchronized (this) {
        scheduled = false;
      }
      compute().onSuccess(f -> vertx.eventBus().publish(Addresses.QUEUE_FIGURES, f));
    });
  }

  /**
   * {"queues":[{id,waiting,longestWaitSeconds,available,open}],
   *  "positions":{conv:{position,estimatedWaitSeconds}},
   *  "waitingChats":[{conversation,queue,position,waitedSeconds,lang,priority}]}.
   * "waitingChats" is for staff only: in queue order (priority, then oldest), at most
   * {@link #WAITING_CHATS_PER_QUEUE} per queue, and never anything the citizen wrote or said
   * about themselves. It is a field of its own, not part of "queues", because "queues" is the
   * part that is shown to anyone.
   */
  public Future<JsonObject> compute() {
    Instant now = Instant.now();
    return Future.all(queues.list(), conversations.waiting(), presence.available()).compose(all -> {
      List<QueueDefinition> defs = all.resultAt(0);
      List<Document> waiting = all.resultAt(1);
      List<String> available = all.resultAt(2);
      Map<String, List<Document>> byQueue = new HashMap<>();
      for (Document d : waiting) {
        byQueue.computeIfAbsent(d.getString("queue"), k -> new ArrayList<>()).add(d);
      }
      List<Future<Duration>> intervals = new ArrayList<>();
      for (QueueDefinition q : defs) {
        intervals.add(takeInterval(q.id(), now));
      }
      return Future.all(intervals).map(x -> {
        JsonArray qs = new JsonArray();
        JsonObject positions = new JsonObject();
        JsonArray waitingChats = new JsonArray();
        for (int i = 0; i < defs.size(); i++) {
          QueueDefinition q = defs.get(i);
          Duration interval = intervals.get(i).result();
          List<Document> list = byQueue.getOrDefault(q.id(), new ArrayList<>());
          list.sort(Comparator.<Document>comparingInt(d -> -d.getInteger("priority", 0))
              .thenComparing(d -> d.getDate("queuedAt")));
          long longest = list.isEmpty() ? 0 : Duration.between(list.get(0).getDate("queuedAt").toInstant(), now).toSeconds();
          qs.add(new JsonObject().put("id", q.id()).put("waiting", list.size()).put("longestWaitSeconds", longest)
              .put("available", available.size()).put("open", q.hours().isOpen(now)));
          for (int p = 0; p < list.size(); p++) {
            positions.put(list.get(p).getString("_id"), new JsonObject().put("position", p + 1)
                .put("estimatedWaitSeconds", interval.toSeconds() * (p + 1) / Math.max(1, available.size())));
          }
          for (int p = 0; p < Math.min(list.size(), WAITING_CHATS_PER_QUEUE); p++) {
            waitingChats.add(waitingChat(list.get(p), q.id(), p + 1, now));
          }
        }
        return new JsonObject().put("queues", qs).put("positions", positions).put("waitingChats", waitingChats)
            .put("at", now.toEpochMilli());
      });
    });
  }

  /** What staff see of one waiting chat: where it waits, how long, in which language; nothing the citizen wrote. */
  private static JsonObject waitingChat(Document d, String queue, int position, Instant now) {
    JsonObject chat = new JsonObject().put("conversation", d.getString("_id")).put("queue", queue)
        .put("position", position)
        .put("waitedSeconds", Math.max(0, Duration.between(d.getDate("queuedAt").toInstant(), now).toSeconds()))
        .put("lang", d.getString("lang"));
    Integer priority = d.getInteger("priority");
    if (priority != null && priority != 0) {
      chat.put("priority", priority);
    }
    return chat;
  }

  /** Average time between chats taken from this queue in the last hour, else the default. */
  private Future<Duration> takeInterval(String queue, Instant now) {
    Instant since = now.minus(Duration.ofHours(1));
    return events.recentTaken(queue, Date.from(since)).map(taken -> {
      if (taken.size() < 2) {
        return DEFAULT_TAKE_INTERVAL;
      }
      long span = now.toEpochMilli() - taken.stream().mapToLong(d -> d.getDate("at").getTime()).min().orElseThrow();
      return Duration.ofMillis(Math.max(30_000, span / taken.size()));
    });
  }
}
