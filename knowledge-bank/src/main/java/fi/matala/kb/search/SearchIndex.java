package fi.matala.kb.search;

import fi.matala.kb.Audience;
import fi.matala.kb.ContentProblem;
import fi.matala.kb.analysis.AnalysisConfig;
import fi.matala.kb.analysis.Language;
import fi.matala.kb.analysis.LanguageAnalyzers;
import fi.matala.kb.analysis.LanguageAnalyzers.Kind;
import fi.matala.kb.analysis.WordLists;
import fi.matala.kb.content.LoadedContent;
import fi.matala.kb.content.ParsedArticle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * One immutable generation of the index: the articles, their Lucene index and the analysis
 * built from them. Safe for concurrent use. Reference counted, so that a generation replaced
 * by a reload is released only after the last search running on it has finished.
 */
public final class SearchIndex {

    /** Enough candidates to fill a page after language preference and grouping. */
    static final int MIN_CANDIDATES = 50;
    static final int MAX_CANDIDATES = 200;

    private final LoadedContent content;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final ParsedArticle[] byDoc;
    private final Map<String, ParsedArticle> byId = new HashMap<>();
    private final Map<String, List<ParsedArticle>> byGroup = new HashMap<>();
    private final QueryBuilder queries;
    private final AnalysisConfig config;

    SearchIndex(LoadedContent content, WordLists lists, LanguageAnalyzers analyzers, DirectoryReader reader,
            ParsedArticle[] byDoc, List<Kind> kinds) {
        this.content = content;
        this.reader = reader;
        this.config = analyzers.config();
        this.searcher = new IndexSearcher(reader);
        this.byDoc = byDoc;
        for (ParsedArticle a : content.articles()) {
            byId.put(a.id(), a);
            byGroup.computeIfAbsent(a.group(), g -> new ArrayList<>()).add(a);
        }
        this.queries = new QueryBuilder(config, analyzers, lists, reader, kinds);
        // Analyzers keep per-thread state; free it together with the generation.
        reader.getReaderCacheHelper().addClosedListener(key -> analyzers.close());
    }

    /**
     * Articles ranked for {@code text}: lexical score, then translations of a matching article
     * placed by language preference (query language, then Finnish, then the rest).
     */
    public List<ScoredArticle> rank(String text, Language lang, Audience audience, int limit) {
        Query query = queries.build(text, lang, audience);
        if (query == null) {
            return List.of();
        }
        TopDocs top;
        try {
            top = searcher.search(query, Math.min(MAX_CANDIDATES, Math.max(MIN_CANDIDATES, limit * 3)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<ParsedArticle, Double> raw = new LinkedHashMap<>();
        Map<String, Double> bestInGroup = new HashMap<>();
        for (ScoreDoc sd : top.scoreDocs) {
            ParsedArticle a = byDoc[sd.doc];
            raw.put(a, (double) sd.score);
            bestInGroup.merge(a.group(), (double) sd.score, Math::max);
        }
        Map<ParsedArticle, Double> ranked = new HashMap<>();
        raw.forEach((a, s) -> ranked.put(a, s * LanguagePreference.weight(lang, a.lang())));
        if (config.groupPropagation()) {
            // Translations say the same thing, so they inherit the best score of their group.
            bestInGroup.forEach((group, best) -> {
                for (ParsedArticle a : byGroup.getOrDefault(group, List.of())) {
                    if (audience == Audience.CITIZEN && !a.citizenVisible()) {
                        continue;
                    }
                    ranked.merge(a, best * LanguagePreference.weight(lang, a.lang()), Math::max);
                }
            });
        }
        return ranked.entrySet().stream()
                .sorted(Map.Entry.<ParsedArticle, Double>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().id()))
                .limit(limit)
                .map(e -> new ScoredArticle(e.getKey(), e.getValue()))
                .toList();
    }

    public Optional<ParsedArticle> article(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<ParsedArticle> group(String group) {
        return byGroup.getOrDefault(group, List.of());
    }

    public List<ParsedArticle> articles() {
        return content.articles();
    }

    public List<ContentProblem> problems() {
        return content.problems();
    }

    public int size() {
        return byId.size();
    }

    /** Takes a reference; false if the generation was already released. */
    public boolean acquire() {
        return reader.tryIncRef();
    }

    public void release() {
        try {
            reader.decRef();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
