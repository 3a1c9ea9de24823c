package fi.matala.kb.search;

import fi.matala.kb.Audience;
import fi.matala.kb.analysis.AnalysisConfig;
import fi.matala.kb.analysis.AnalyzedText;
import fi.matala.kb.analysis.Language;
import fi.matala.kb.analysis.LanguageAnalyzers;
import fi.matala.kb.analysis.LanguageAnalyzers.Kind;
import fi.matala.kb.analysis.TermRules;
import fi.matala.kb.analysis.WordLists;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns free text into a Lucene query: a weighted bag of terms, OR-ed and scored with BM25
 * against the field of the query language (see {@link Fields} for how title and topics weigh).
 *
 * <p>Weights, relative to a word of the query itself: compound parts 0.5, synonyms 0.8,
 * the diacritic-free field 0.6 and typo corrections 0.5 (both only for words the index does
 * not know as written), glossary translations into Finnish 0.8.
 * Long texts (suggestions read whole messages) keep only their most specific terms, which
 * bounds both the clause count and the latency.
 */
final class QueryBuilder {

    static final float PART = 0.5f;
    static final float SYNONYM = 0.8f;
    static final float FOLDED = 0.6f;
    static final float GLOSSARY = 0.8f;
    static final float FUZZY = 0.5f;
    static final float NGRAM = 0.3f;
    static final int MAX_TERMS = 24;
    static final int MAX_FUZZY = 6;

    private final AnalysisConfig config;
    private final LanguageAnalyzers analyzers;
    private final IndexReader reader;
    private final List<Kind> kinds;
    private final Map<Language, TermRules> synonyms = new EnumMap<>(Language.class);
    private final Map<Language, TermRules> foldedSynonyms = new EnumMap<>(Language.class);
    private final Map<Language, TermRules> glossaries = new EnumMap<>(Language.class);

    QueryBuilder(AnalysisConfig config, LanguageAnalyzers analyzers, WordLists lists, IndexReader reader,
            List<Kind> kinds) {
        this.config = config;
        this.analyzers = analyzers;
        this.reader = reader;
        this.kinds = kinds;
        for (Language l : Language.values()) {
            var lines = lists.lines("synonyms-" + l.code() + ".txt");
            var main = analyzers.get(l, Kind.MAIN);
            var folded = analyzers.get(l, Kind.FOLDED);
            synonyms.put(l, new TermRules(config.synonyms() ? lines : List.of(), main, main));
            foldedSynonyms.put(l, new TermRules(config.synonyms() ? lines : List.of(), folded, folded));
            if (l != Language.FI) {
                glossaries.put(l, new TermRules(config.crossLanguage()
                        ? lists.lines("glossary-" + l.code() + "-fi.txt") : List.of(),
                        main, analyzers.get(Language.FI, Kind.MAIN)));
            }
        }
    }

    /** Null when the text has no searchable words (only stop words or punctuation). */
    Query build(String text, Language lang, Audience audience) {
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        int clauses = 0;

        AnalyzedText main = AnalyzedText.of(analyzers.get(lang, Kind.MAIN), text);
        clauses += add(should, bag(main, synonyms.get(lang)), lang, Kind.MAIN, 1f);

        // Words the index does not know are probably typed without ä/ö/å or mistyped: only
        // those get the diacritic-free and the fuzzy treatment, so correctly spelled words
        // are neither counted twice nor diluted.
        Set<Integer> unknown = new HashSet<>();
        for (AnalyzedText.Position p : main.positions()) {
            if (docFreq(p.term(), lang, Kind.MAIN) == 0 && p.stacked().isEmpty()) {
                unknown.add(p.start());
            }
        }
        Set<Integer> stillUnknown = new HashSet<>(unknown);
        if (kinds.contains(Kind.FOLDED) && !unknown.isEmpty()) {
            AnalyzedText folded = AnalyzedText.of(analyzers.get(lang, Kind.FOLDED), text).only(unknown);
            for (AnalyzedText.Position p : folded.positions()) {
                if (docFreq(p.term(), lang, Kind.FOLDED) > 0 || !p.stacked().isEmpty()) {
                    stillUnknown.remove(p.start());
                }
            }
            clauses += add(should, bag(folded, foldedSynonyms.get(lang)), lang, Kind.FOLDED, FOLDED);
        }
        if (config.fuzzy() && !stillUnknown.isEmpty()) {
            clauses += addFuzzy(should, main.only(stillUnknown), lang);
        }
        if (kinds.contains(Kind.NGRAM)) {
            Map<String, Float> grams = new LinkedHashMap<>();
            AnalyzedText.of(analyzers.get(lang, Kind.NGRAM), text).terms().forEach(g -> grams.put(g, 1f));
            clauses += add(should, grams, lang, Kind.NGRAM, NGRAM);
        }
        if (lang != Language.FI && config.crossLanguage()) {
            Map<String, Float> translated = new LinkedHashMap<>();
            glossaries.get(lang).expand(main).forEach(t -> translated.put(t, 1f));
            clauses += add(should, translated, Language.FI, Kind.MAIN, GLOSSARY);
        }
        if (clauses == 0) {
            return null;
        }
        if (audience == Audience.STAFF) {
            return should.build();
        }
        return new BooleanQuery.Builder()
                .add(should.build(), Occur.MUST)
                .add(new TermQuery(new Term(Fields.CITIZEN, Fields.YES)), Occur.FILTER)
                .build();
    }

    private Map<String, Float> bag(AnalyzedText text, TermRules rules) {
        Map<String, Float> bag = new LinkedHashMap<>();
        for (AnalyzedText.Position p : text.positions()) {
            bag.merge(p.term(), 1f, Math::max);
            for (String s : p.stacked()) {
                bag.merge(s, PART, Math::max);
            }
        }
        for (String s : rules.expand(text)) {
            bag.merge(s, SYNONYM, Math::max);
        }
        return bag;
    }

    private int add(BooleanQuery.Builder should, Map<String, Float> bag, Language lang, Kind kind, float weight) {
        List<Map.Entry<String, Float>> terms = new ArrayList<>(bag.entrySet());
        if (terms.size() > MAX_TERMS) {
            // Keep the most specific terms: rare words say more about a long message than common ones.
            Map<String, Double> specificity = new LinkedHashMap<>();
            for (var e : terms) {
                specificity.put(e.getKey(), e.getValue() / Math.log(2.0 + docFreq(e.getKey(), lang, kind)));
            }
            terms.sort(Comparator.comparing((Map.Entry<String, Float> e) -> specificity.get(e.getKey())).reversed());
            terms = terms.subList(0, MAX_TERMS);
        }
        String field = Fields.text(lang, kind);
        for (var e : terms) {
            Query q = new TermQuery(new Term(field, e.getKey()));
            float boost = weight * e.getValue();
            should.add(boost == 1f ? q : new BoostQuery(q, boost), Occur.SHOULD);
        }
        return terms.size();
    }

    /** Typo tolerance, only for words the index has never seen, so real words are not diluted. */
    private int addFuzzy(BooleanQuery.Builder should, AnalyzedText text, Language lang) {
        int added = 0;
        for (AnalyzedText.Position p : text.positions()) {
            String t = p.term();
            if (added >= MAX_FUZZY || t.length() < 5) {
                continue;
            }
            int edits = t.length() >= 8 ? 2 : 1;
            Term term = new Term(Fields.text(lang, Kind.MAIN), t);
            should.add(new BoostQuery(new FuzzyQuery(term, edits, 1, 20, true), FUZZY), Occur.SHOULD);
            added++;
        }
        return added;
    }

    private int docFreq(String term, Language lang, Kind kind) {
        try {
            return reader.docFreq(new Term(Fields.text(lang, kind), term));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
