package fi.matala.kb;

import fi.matala.kb.analysis.AnalysisConfig;
import fi.matala.kb.analysis.Language;
import fi.matala.kb.analysis.WordLists;
import fi.matala.kb.content.ContentLoader;
import fi.matala.kb.content.ContentSource;
import fi.matala.kb.content.LoadedContent;
import fi.matala.kb.content.MarkdownText;
import fi.matala.kb.content.ParsedArticle;
import fi.matala.kb.search.IndexBuilder;
import fi.matala.kb.search.ScoredArticle;
import fi.matala.kb.search.SearchIndex;
import fi.matala.kb.suggest.RiskDetector;
import fi.matala.kb.suggest.Suggester;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything built from one version of the content: index, risk list, rendered articles.
 * Immutable once built; {@link KnowledgeBank} swaps whole generations.
 */
final class Generation {

    private static final Logger LOG = LoggerFactory.getLogger(Generation.class);

    final SearchIndex index;
    final RiskDetector risk;
    final Suggester suggester;
    private final Map<String, Article> rendered = new ConcurrentHashMap<>();

    private Generation(SearchIndex index, RiskDetector risk) {
        this.index = index;
        this.risk = risk;
        this.suggester = new Suggester(index, risk);
    }

    static Generation build(ContentSource source, AnalysisConfig config, Generation previous) throws IOException {
        long start = System.nanoTime();
        Map<String, String> previousFiles = new java.util.HashMap<>();
        if (previous != null) {
            previous.index.articles().forEach(a -> previousFiles.put(a.id(), a.file()));
        }
        LoadedContent content = new ContentLoader().load(source.articleFiles(), previousFiles);
        List<ContentProblem> problems = new ArrayList<>(content.problems());
        WordLists lists = WordLists.load(source);
        SearchIndex index;
        RiskDetector risk;
        try {
            index = new IndexBuilder(config).build(withProblems(content, problems), lists);
            risk = new RiskDetector(lists);
        } catch (IllegalArgumentException e) {
            // A broken word list in the content directory: report it and use the bundled lists.
            LOG.error("Knowledge bank word list rejected, using bundled lists: {}", e.getMessage());
            problems.add(listProblem(e.getMessage()));
            WordLists bundled = WordLists.bundled();
            index = new IndexBuilder(config).build(withProblems(content, problems), bundled);
            risk = new RiskDetector(bundled);
        }
        LOG.info("Knowledge bank loaded from {}: {} articles, {} problems, {} ms", source.describe(),
                index.size(), problems.size(), (System.nanoTime() - start) / 1_000_000);
        return new Generation(index, risk);
    }

    private static LoadedContent withProblems(LoadedContent content, List<ContentProblem> problems) {
        return new LoadedContent(content.articles(), problems);
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

    List<Hit> search(String query, Language lang, int limit, Audience audience) {
        List<ScoredArticle> ranked = new ArrayList<>(index.rank(query, lang, audience, limit));
        Set<RiskDetector.Category> categories = risk.detect(query);
        if (!categories.isEmpty()) {
            putCrisisFirst(ranked, categories, lang, audience);
        }
        return ranked.stream().limit(limit).map(s -> {
            ParsedArticle a = s.article();
            return new Hit(a.id(), a.title(), a.summary(), a.lang().code(), s.score());
        }).toList();
    }

    /** Someone searching for "haluan kuolla" needs crisis guidance before anything else. */
    private void putCrisisFirst(List<ScoredArticle> ranked, Set<RiskDetector.Category> categories, Language lang,
            Audience audience) {
        double top = ranked.isEmpty() ? 0 : ranked.get(0).score();
        List<ScoredArticle> crisis = new ArrayList<>();
        for (RiskDetector.Category c : categories) {
            for (String group : c.crisisGroups()) {
                preferred(group, lang, audience).ifPresent(a -> {
                    if (crisis.stream().noneMatch(s -> s.article().equals(a))) {
                        crisis.add(new ScoredArticle(a, top + 1));
                    }
                });
            }
        }
        ranked.removeIf(s -> crisis.stream().anyMatch(c -> c.article().equals(s.article())));
        for (int i = crisis.size() - 1; i >= 0; i--) {
            ScoredArticle c = crisis.get(i);
            ranked.add(0, new ScoredArticle(c.article(), top + 1 + (crisis.size() - i)));
        }
    }

    private Optional<ParsedArticle> preferred(String group, Language lang, Audience audience) {
        List<ParsedArticle> versions = index.group(group).stream()
                .filter(a -> audience == Audience.STAFF || a.citizenVisible()).toList();
        return versions.stream().filter(a -> a.lang() == lang).findFirst()
                .or(() -> versions.stream().filter(a -> a.lang() == Language.FI).findFirst())
                .or(() -> versions.stream().findFirst());
    }

    Optional<Article> article(String id, Audience audience) {
        return index.article(id)
                .filter(a -> audience == Audience.STAFF || a.citizenVisible())
                .map(a -> rendered.computeIfAbsent(a.id(), k -> render(a)));
    }

    private static Article render(ParsedArticle a) {
        return new Article(a.id(), a.lang().code(), a.group(), a.title(), a.audience(), a.topics(), a.summary(),
                MarkdownText.toSafeHtml(a.bodyMarkdown()), a.reply());
    }
}
