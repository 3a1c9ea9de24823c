package fi.matala.chat.citizen;

import fi.matala.chat.conversation.ConversationRepository;
import fi.matala.chat.queue.QueueFigures;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a citizen is still there, known only by time: each conversation stores when its
 * citizen's connection was last seen ("citizenSeenAt"), nothing else. This node refreshes that
 * time for its connected citizens ({@link #tick}) and sets it when one disconnects; a waiting
 * chat not seen for MATALA_QUEUE_DETACH_AFTER is out of the queue (not counted, not offered to
 * workers: see ConversationRepository) until its citizen resumes it. Whichever node notices that
 * a chat has just dropped out tells the queue figures.
 */
public final class CitizenAttendance {
  private static final Logger LOG = LoggerFactory.getLogger(CitizenAttendance.class);
  private final ConversationRepository conversations;
  private final QueueFigures figures;
  private final Duration detachAfter;
  /** Conversation → open citizen connections on this node (a citizen may have two tabs open). */
  private final Map<String, AtomicInteger> connected = new ConcurrentHashMap<>();
  private Date lastCutoff;

  public CitizenAttendance(ConversationRepository conversations, QueueFigures figures, Duration detachAfter) {
    this.conversations = conversations;
    this.figures = figures;
    this.detachAfter = detachAfter;
  }

  /** How often {@link #tick} runs: often enough that a connected citizen never looks gone. */
  public Duration interval() {
    long quarter = detachAfter.toMillis() / 4;
    return Duration.ofMillis(Math.max(250, Math.min(30_000, quarter)));
  }

  public void connected(String conversation) {
    connected.computeIfAbsent(conversation, k -> new AtomicInteger()).incrementAndGet();
  }

  /** The last connection of this node to the conversation closed: from now on the citizen's absence counts. */
  public Future<Void> disconnected(String conversation) {
    AtomicInteger n = connected.get(conversation);
    if (n != null && n.decrementAndGet() <= 0) {
      connected.remove(conversation, n);
      return conversations.seen(List.of(conversation), new Date())
          .onFailure(e -> LOG.warn("Could not record that a citizen disconnected: {}", e.toString()));
    }
    return Future.succeededFuture();
  }

  /** Refreshes this node's citizens, then tells the figures if a waiting chat dropped out since the last tick. */
  public synchronized Future<Void> tick() {
    Date now = new Date();
    Date cutoff = new Date(now.getTime() - detachAfter.toMillis());
    Date previous = lastCutoff;
    lastCutoff = cutoff;
    return conversations.seen(List.copyOf(connected.keySet()), now)
        .compose(v -> previous == null ? Future.succeededFuture(0L) : conversations.countDroppedOut(previous, cutoff))
        .map(dropped -> {
          if (dropped > 0) {
            figures.changed();
          }
          return null;
        });
  }
}
