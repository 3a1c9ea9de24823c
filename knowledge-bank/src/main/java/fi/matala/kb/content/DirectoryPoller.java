package fi.matala.kb.content;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a content directory's file sizes and modification times and calls back, on its own
 * daemon thread, when they change. Polling rather than a WatchService because watch events
 * are unreliable on network and container file systems, and a content directory is small.
 */
public final class DirectoryPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryPoller.class);

    private final DirectoryContentSource source;
    private final ScheduledExecutorService executor;
    private final Consumer<Map<String, String>> onChange;
    private volatile Map<String, String> last;

    /**
     * @param initial  the fingerprint of the content already loaded
     * @param onChange called with the new fingerprint; runs on the poller thread, one call at a time
     */
    public DirectoryPoller(DirectoryContentSource source, Duration interval, Map<String, String> initial,
            Consumer<Map<String, String>> onChange) {
        this.source = source;
        this.onChange = onChange;
        this.last = initial;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kb-content-poller");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Checks now, on the calling thread's behalf but executed on the poller thread; waits for it. */
    public void pollNow() {
        try {
            executor.submit(this::poll).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("Knowledge bank reload failed", e.getCause());
        }
    }

    private void poll() {
        try {
            Map<String, String> now = source.fingerprint();
            if (!Objects.equals(now, last)) {
                onChange.accept(now);
                last = now;
            }
        } catch (Exception e) {
            // Keep serving the previous content; the next poll tries again.
            LOG.warn("Knowledge bank: cannot reload {}: {}", source.describe(), e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
