package fi.matala.kb;

import fi.matala.kb.analysis.AnalysisConfig;
import fi.matala.kb.analysis.Language;
import fi.matala.kb.content.ClasspathContentSource;
import fi.matala.kb.content.ContentSource;
import fi.matala.kb.content.DirectoryContentSource;
import fi.matala.kb.content.DirectoryPoller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The knowledge bank: articles for citizens and staff, search, and reply suggestions.
 *
 * <p>All methods are thread-safe and may be called concurrently (for example from Vert.x
 * worker threads). Calls are CPU-bound and never wait for I/O or for a reload: a reload
 * builds a complete new index in the background and swaps it in atomically, and searches
 * that started on the old index finish on it.
 *
 * <p>Privacy: query and suggestion texts are only processed in memory. They are never
 * logged, stored, or included in exception messages.
 */
public final class KnowledgeBank implements AutoCloseable {

    private final AtomicReference<Generation> current = new AtomicReference<>();
    private final ContentSource source;
    private final AnalysisConfig config;
    private volatile DirectoryPoller poller;
    private volatile boolean closed;

    private KnowledgeBank(ContentSource source, AnalysisConfig config) throws IOException {
        this.source = source;
        this.config = config;
        current.set(Generation.build(source, config, null));
    }

    /** The default articles bundled in this jar. Fails only if the jar itself is broken. */
    public static KnowledgeBank bundled() {
        return of(new ClasspathContentSource(), AnalysisConfig.MATALA);
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
            KnowledgeBank kb = new KnowledgeBank(source, AnalysisConfig.MATALA);
            kb.poller = new DirectoryPoller(source, pollInterval, before, print -> kb.reload());
            return kb;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read knowledge bank content from " + dir, e);
        }
    }

    /** Any source with any analysis variant; for evaluation and tests. Not reloaded. */
    public static KnowledgeBank of(ContentSource source, AnalysisConfig config) {
        try {
            return new KnowledgeBank(source, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load knowledge bank from " + source.describe(), e);
        }
    }

    /**
     * Articles matching {@code query}, best first. Articles in {@code lang} are preferred;
     * Finnish ones (and translations) follow where they help. Crisis guidance comes first when
     * the query signals acute risk. Worker-only articles are never returned to citizens.
     *
     * @throws KbInputException for empty, too long (500) or control-character queries, an
     *                          unknown language, or a limit outside 1..50
     */
    public List<Hit> search(String query, String lang, int limit, Audience audience) {
        InputRules.checkQuery(query);
        Language language = InputRules.checkLanguage(lang);
        InputRules.checkLimit(limit);
        InputRules.checkAudience(audience);
        return withGeneration(g -> g.search(query, language, limit, audience));
    }

    /** One article, if it exists and {@code audience} may see it. */
    public Optional<Article> article(String id, Audience audience) {
        InputRules.checkId(id);
        InputRules.checkAudience(audience);
        return withGeneration(g -> g.article(id, audience));
    }

    /**
     * Reply suggestions for a worker, from the text of a conversation (up to 4000 characters).
     * Includes worker-only articles: never show suggestions to citizens.
     */
    public Suggestions suggest(String text, String lang, int limit) {
        InputRules.checkSuggestText(text);
        Language language = InputRules.checkLanguage(lang);
        InputRules.checkLimit(limit);
        return withGeneration(g -> g.suggester.suggest(text, language, limit));
    }

    /** Problems found in the content currently served (skipped files and warnings). */
    public List<ContentProblem> problems() {
        return withGeneration(g -> g.index.problems());
    }

    /** Number of articles served. */
    public int size() {
        return withGeneration(g -> g.index.size());
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
            next = Generation.build(source, config, current.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Generation old;
        synchronized (this) {
            if (closed) {
                next.index.release();
                return;
            }
            old = current.getAndSet(next);
        }
        // Released now; closes once the searches still running on it are done.
        old.index.release();
    }

    private <T> T withGeneration(Function<Generation, T> work) {
        while (true) {
            if (closed) {
                throw new IllegalStateException("knowledge bank is closed");
            }
            Generation g = current.get();
            if (g == null) {
                throw new IllegalStateException("knowledge bank is closed");
            }
            if (g.index.acquire()) {
                try {
                    return work.apply(g);
                } finally {
                    g.index.release();
                }
            }
            // Swapped and released between get() and acquire(): the next one is already in place.
        }
    }

    @Override
    public void close() {
        DirectoryPoller p = poller;
        if (p != null) {
            p.close();
        }
        Generation g;
        synchronized (this) {
            closed = true;
            g = current.getAndSet(null);
        }
        if (g != null) {
            g.index.release();
        }
    }
}
