package fi.matala.kb.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PatternKeywordMarkerFilter;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;

/**
 * The index-time analysis chains, one per language and {@link Kind}. Built per index because
 * the Finnish compound dictionary comes from the articles being indexed. Lucene analyzers are
 * thread-safe (per-thread token stream reuse).
 *
 * <p>Chain: {@link Tokens#WORD} tokenizer → cut ":suffix" → lower case → (English) possessive
 * 's → (Finnish) spoken Finnish → (folded kind) diacritics removed → stop words → (Finnish)
 * compound splitting, verbs of verbal nouns ({@link VerbalNouns}) → Snowball stemmer (not for
 * words with digits). The browser analyses queries with the same chain
 * (web-client/src/knowledge/engine/analysis.ts), from the stop words, spoken rules and
 * compound dictionary this class exports with the index; the parity test compares both on
 * the whole corpus.
 */
public final class LanguageAnalyzers implements AutoCloseable {

    /** The kinds of indexed field; each text part of an article is indexed in both. */
    public enum Kind { MAIN, FOLDED }

    private static final java.util.regex.Pattern WITH_DIGIT = java.util.regex.Pattern.compile(".*\\p{N}.*");

    private final SpokenFinnish spoken;
    private final Map<Language, CharArraySet> stopWords = new EnumMap<>(Language.class);
    private final Map<Language, CharArraySet> foldedStopWords = new EnumMap<>(Language.class);
    private final Map<Language, Map<Kind, Analyzer>> analyzers = new EnumMap<>(Language.class);
    private final CompoundSplitter splitter;
    private final CompoundSplitter foldedSplitter;

    /**
     * @param finnishTexts the Finnish articles, whose vocabulary is the compound dictionary
     */
    public LanguageAnalyzers(WordLists lists, Collection<String> finnishTexts) {
        this.spoken = new SpokenFinnish(lists);
        stopWords.put(Language.FI, withExtra(FinnishAnalyzer.getDefaultStopSet(), lists, "stopwords-fi.txt"));
        stopWords.put(Language.SV, withExtra(SwedishAnalyzer.getDefaultStopSet(), lists, "stopwords-sv.txt"));
        stopWords.put(Language.EN, withExtra(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, lists, "stopwords-en.txt"));
        for (Language l : Language.values()) {
            foldedStopWords.put(l, folded(stopWords.get(l)));
        }
        Set<String> vocabulary = new HashSet<>();
        for (String text : finnishTexts) {
            vocabulary.addAll(Tokens.words(text));
        }
        Set<String> foldedVocabulary = new HashSet<>();
        vocabulary.forEach(w -> foldedVocabulary.add(Tokens.fold(w)));
        List<String> shortParts = lists.lines("compound-parts-fi.txt").stream().map(WordLists.Line::text).toList();
        vocabulary.addAll(shortParts.stream().filter(w -> w.length() >= CompoundSplitter.MIN_MODIFIER).toList());
        List<String> shortOnly = shortParts.stream().filter(w -> w.length() < CompoundSplitter.MIN_MODIFIER).toList();
        this.splitter = new CompoundSplitter(vocabulary, shortOnly, LanguageAnalyzers::stemFinnish);
        this.foldedSplitter = new CompoundSplitter(foldedVocabulary, shortOnly.stream().map(Tokens::fold).toList(),
                LanguageAnalyzers::stemFinnish);
        for (Language l : Language.values()) {
            Map<Kind, Analyzer> byKind = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                byKind.put(k, build(l, k));
            }
            analyzers.put(l, byKind);
        }
    }

    public Analyzer get(Language lang, Kind kind) {
        return analyzers.get(lang).get(kind);
    }

    /** The stop words of a language (the folded kind folds them), sorted: published with the index. */
    public List<String> stopWords(Language lang) {
        Set<String> sorted = new TreeSet<>();
        for (Object o : stopWords.get(lang)) {
            sorted.add(new String((char[]) o));
        }
        return new ArrayList<>(sorted);
    }

    public SpokenFinnish spoken() {
        return spoken;
    }

    public CompoundSplitter splitter(Kind kind) {
        return kind == Kind.MAIN ? splitter : foldedSplitter;
    }

    private static final ThreadLocal<SnowballStemmer> FINNISH = ThreadLocal.withInitial(FinnishStemmer::new);

    /** One word through the Finnish Snowball stemmer, as the chain's stem filter would. */
    static String stemFinnish(String word) {
        SnowballStemmer s = FINNISH.get();
        s.setCurrent(word);
        s.stem();
        return s.getCurrent();
    }

    private Analyzer build(Language lang, Kind kind) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new PatternTokenizer(Tokens.WORD, 0);
                TokenStream s = new ColonSuffixFilter(tokenizer);
                s = new LowerCaseFilter(s);
                if (lang == Language.EN) {
                    s = new EnglishPossessiveFilter(s);
                }
                if (lang == Language.FI) {
                    s = new SpokenFinnishFilter(s, spoken);
                }
                if (kind == Kind.FOLDED) {
                    s = new FoldFilter(s);
                    s = new StopFilter(s, foldedStopWords.get(lang));
                } else {
                    s = new StopFilter(s, stopWords.get(lang));
                }
                if (lang == Language.FI) {
                    s = new CompoundSplitFilter(s, kind == Kind.FOLDED ? foldedSplitter : splitter);
                    s = new VerbalNounFilter(s);
                }
                // Numbers (phone numbers, "112") are kept as written: the stemmers treat digits
                // as consonants, and the JavaScript and Java ports disagree on them.
                s = new PatternKeywordMarkerFilter(s, WITH_DIGIT);
                return new TokenStreamComponents(tokenizer, new SnowballFilter(s, switch (lang) {
                    case FI -> new FinnishStemmer();
                    case SV -> new SwedishStemmer();
                    case EN -> new EnglishStemmer();
                }));
            }
        };
    }

    private static CharArraySet withExtra(CharArraySet base, WordLists lists, String file) {
        CharArraySet set = new CharArraySet(base, false);
        lists.lines(file).forEach(l -> set.add(l.text()));
        return CharArraySet.unmodifiableSet(set);
    }

    private static CharArraySet folded(CharArraySet set) {
        CharArraySet out = new CharArraySet(set.size(), false);
        for (Object o : set) {
            out.add(Tokens.fold(new String((char[]) o)));
        }
        return CharArraySet.unmodifiableSet(out);
    }

    @Override
    public void close() {
        analyzers.values().forEach(m -> m.values().forEach(Analyzer::close));
    }
}
