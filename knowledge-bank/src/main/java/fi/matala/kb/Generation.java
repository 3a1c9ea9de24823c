package fi.matala.kb;

import fi.matala.kb.analysis.WordLists;
import fi.matala.kb.content.ContentLoader;
import fi.matala.kb.content.ContentSource;
import fi.matala.kb.content.LoadedContent;
import fi.matala.kb.content.MarkdownText;
import fi.matala.kb.content.ParsedArticle;
import fi.matala.kb.publish.ClientIndex;
import fi.matala.kb.publish.ClientIndexBuilder;
import fi.matala.kb.risk.RiskLists;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything built from one version of the content: the articles, the client index of each
 * audience, rendered article pages. Immutable once built; {@link KnowledgeBank} swaps whole
 * generations.
 */
final class Generation {

    private static final Logger LOG = LoggerFactory.getLogger(Generation.class);

    final List<ParsedArticle> articles;
    final List<ContentProblem> problems;
    final ClientIndex staffIndex;
    final ClientIndex citizenIndex;
    private final Map<String, ParsedArticle> byId = new HashMap<>();
    private final Map<String, Article> rendered = new ConcurrentHashMap<>();

    private Generation(LoadedContent content, List<ContentProblem> problems, ClientIndex staff, ClientIndex citizen) {
        this.articles = content.articles();
        this.problems = List.copyOf(problems);
        this.staffIndex = staff;
        this.citizenIndex = citizen;
        articles.forEach(a -> byId.put(a.id(), a));
    }

    static Generation build(ContentSource source, Generation previous) throws IOException {
        long start = System.nanoTime();
        Map<String, String> previousFiles = new HashMap<>();
        if (previous != null) {
            previous.articles.forEach(a -> previousFiles.put(a.id(), a.file()));
        }
        LoadedContent content = new ContentLoader().load(source.articleFiles(), previousFiles);
        List<ContentProblem> problems = new ArrayList<>(content.problems());
        WordLists lists = WordLists.load(source);
        ClientIndex staff;
        ClientIndex citizen;
        try {
            ClientIndexBuilder builder = new ClientIndexBuilder(lists, new RiskLists(lists));
            staff = builder.build(content.articles(), Audience.STAFF);
            citizen = builder.build(content.articles(), Audience.CITIZEN);
        } catch (IllegalArgumentException e) {
            // A broken word list in the content directory: report it and use the bundled lists.
            LOG.error("Knowledge bank word list rejected, using bundled lists: {}", e.getMessage());
            problems.add(listProblem(e.getMessage()));
            WordLists bundled = WordLists.bundled();
            ClientIndexBuilder builder = new ClientIndexBuilder(bundled, new RiskLists(bundled));
            staff = builder.build(content.articles(), Audience.STAFF);
            citizen = builder.build(content.articles(), Audience.CITIZEN);
        }
        LOG.info("Knowledge bank loaded from {}: {} articles, {} problems, index {} KB gzip (staff) / {} KB gzip (citizen), {} ms",
                source.describe(), content.articles().size(), problems.size(), staff.gzip().length / 1024,
                citizen.gzip().length / 1024, (System.nanoTime() - start) / 1_000_000);
        if (citizen.gzip().length > ClientIndex.CITIZEN_GZIP_BUDGET) {
            LOG.warn("Knowledge bank: the citizen index is {} KB compressed, over its budget of {} KB: citizens on slow"
                    + " phones and networks wait longer for self-help search (BENCHMARKS.md)", citizen.gzip().length / 1024,
                    ClientIndex.CITIZEN_GZIP_BUDGET / 1024);
        }
        return new Generation(content, problems, staff, citizen);
    }

    private static ContentProblem listProblem(String message) {
        // Messages from the list parsers start with "file:line: ".
        String[] parts = message.split(":", 3);
        if (parts.length == 3) {
            try {
                return new ContentProblem(parts[0], Integer.parseInt(parts[1].strip()), parts[2].strip(), false);
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        return new ContentProblem("word list", 0, message, false);
    }

    ClientIndex index(Audience audience) {
        return audience == Audience.STAFF ? staffIndex : citizenIndex;
    }

    Optional<Article> article(String id, Audience audience) {
        return Optional.ofNullable(byId.get(id))
                .filter(a -> audience == Audience.STAFF || a.citizenVisible())
                .map(a -> rendered.computeIfAbsent(a.id(), k -> render(a)));
    }

    private static Article render(ParsedArticle a) {
        return new Article(a.id(), a.lang().code(), a.group(), a.title(), a.audience(), a.topics(), a.summary(),
                MarkdownText.toSafeHtml(a.bodyMarkdown()), a.reply());
    }
}
