package fi.matala.config;

import java.time.Duration;

/**
 * How much one client may take of the chat before it is refused (docs/protocol.md, "Limits"):
 * settings read and validated once, like the rest of {@link MatalaConfig}.
 */
public record FloodLimits(
    Duration queueDetachAfter,
    int waitingPerAddress,
    int connectionsPerAddress,
    Duration authTimeout,
    Duration slowReaderTimeout,
    int unansweredMaxMessages,
    int unansweredMaxBytes,
    int resumesPerMinute) {

  static FloodLimits load(Settings s) {
    return new FloodLimits(
        s.duration(Setting.QUEUE_DETACH_AFTER, Duration.ofSeconds(2), Duration.ofDays(1)),
        s.intInRange(Setting.QUEUE_MAX_WAITING_PER_ADDRESS, 1, 10_000),
        s.intInRange(Setting.WS_CONNECTIONS_PER_ADDRESS, 1, 100_000),
        s.duration(Setting.WS_AUTH_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(5)),
        s.duration(Setting.WS_SLOW_READER_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(10)),
        s.intInRange(Setting.UNANSWERED_MAX_MESSAGES, 1, 100_000),
        // at least one largest MLS message (48 KiB) fits
        s.intInRange(Setting.UNANSWERED_MAX_BYTES, 48 * 1024, 1024 * 1024 * 1024),
        s.intInRange(Setting.CITIZEN_RESUME_LIMIT, 1, 100_000));
  }
}
