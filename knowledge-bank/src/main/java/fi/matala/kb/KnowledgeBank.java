package fi.matala.kb;

import fi.matala.kb.content.ClasspathContentSource;
import fi.matala.kb.content.ContentSource;
import fi.matala.kb.content.DirectoryContentSource;
import fi.matala.kb.content.DirectoryPoller;
import fi.matala.kb.publish.ClientIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge bank: articles for citizens and staff, and the client index with which the
 * browser searches and suggests. Search, suggestions and risk signs are computed in the
 * browser (web-client/src/knowledge/engine), so no text a citizen or worker writes ever
 * reaches this class: it only serves content.
 *
 * <p>All methods are thread-safe. A reload builds a complete new generation in the background
 * and swaps it in atomically.
 */
public final class KnowledgeBank implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBank.class);

    private final AtomicReference<Generation> current = new AtomicReference<>();
    private final List<Consumer<KnowledgeBank>> listeners = new CopyOnWriteArrayList<>();
    private final ContentSource source;
    private volatile DirectoryPoller poller;
    private volatile boolean closed;

    private KnowledgeBank(ContentSource source) throws IOException {
        this.source = source;
        current.set(Generation.build(source, null));
    }

    /** The default articles bundled in this jar. Fails only if the jar itself is broken. */
    public static KnowledgeBank bundled() {
        return of(new ClasspathContentSource());
    }

    /**
     * Articles ({@code *.md}) from {@code dir}, reloaded in the background when files are added,
     * changed or removed; checked every {@code pollInterval}. Word lists (synonyms-fi.txt,
     * risk-terms-fi.txt, ...) in the same directory override the bundled ones.
     *
     * @throws IllegalArgumentException if {@code dir} is not a readable directory
     */
    public static KnowledgeBank fromDirectory(Path dir, Duration pollInterval) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("knowledge bank content directory not found: " + dir);
        }
        DirectoryContentSource source = new DirectoryContentSource(dir);
        try {
            Map<String, String> before = source.fingerprint();
            KnowledgeBank kb = new KnowledgeBank(source);
            kb.poller = new DirectoryPoller(source, pollInterval, before, print -> kb.reload());
            return kb;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read knowledge bank content from " + dir, e);
        }
    }

    /** Any source; for tests and tools. Not reloaded. */
    public static KnowledgeBank of(ContentSource source) {
        try {
            return new KnowledgeBank(source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load knowledge bank from " + source.describe(), e);
        }
    }

    /**
     * The index the browser searches: every article for staff, citizen articles only for
     * citizens. Its version changes exactly when its content does.
     */
    public ClientIndex clientIndex(Audience audience) {
        InputRules.checkAudience(audience);
        return generation().index(audience);
    }

    /** One article, if it exists and {@code audience} may see it. */
    public Optional<Article> article(String id, Audience audience) {
        InputRules.checkId(id);
        InputRules.checkAudience(audience);
        return generation().article(id, audience);
    }

    /** Problems found in the content currently served (skipped files and warnings). */
    public List<ContentProblem> problems() {
        return generation().problems;
    }

    /** Number of articles served. */
    public int size() {
        return generation().articles.size();
    }

    /**
     * Calls {@code listener} (on the reloading thread) after new content with a different staff
     * index has been swapped in, e.g. to tell open staff consoles to fetch it.
     */
    public void onChange(Consumer<KnowledgeBank> listener) {
        listeners.add(listener);
    }

    /**
     * Checks the content directory now instead of waiting for the next poll, and waits until a
     * changed directory has been reloaded. Does nothing for bundled content.
     */
    public void reloadNow() {
        DirectoryPoller p = poller;
        if (p != null) {
            p.pollNow();
        }
    }

    private void reload() {
        if (closed) {
            return;
        }
        Generation next;
        try {
            next = Generation.build(source, current.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Generation old = current.getAndSet(next);
        if (old != null && old.staffIndex.version().equals(next.staffIndex.version())
                && old.citizenIndex.version().equals(next.citizenIndex.version())) {
            return;
        }
        for (Consumer<KnowledgeBank> l : listeners) {
            try {
                l.accept(this);
            } catch (RuntimeException e) {
                LOG.warn("Knowledge bank change listener failed: {}", e.toString());
            }
        }
    }

    private Generation generation() {
        Generation g = current.get();
        if (closed || g == null) {
            throw new IllegalStateException("knowledge bank is closed");
        }
        return g;
    }

    @Override
    public void close() {
        closed = true;
        DirectoryPoller p = poller;
        if (p != null) {
            p.close();
        }
    }
}
