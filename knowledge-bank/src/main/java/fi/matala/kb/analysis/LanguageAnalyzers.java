package fi.matala.kb.analysis;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fi.FinnishLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.sv.SwedishLightStemFilter;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;

/**
 * The analysis chains, one per language and {@link Kind}. Built per index generation because
 * the Finnish compound dictionary comes from the corpus being indexed. Lucene analyzers are
 * thread-safe (per-thread token stream reuse), so one instance serves all searches.
 *
 * <p>Chain: standard tokenizer → strip ":suffix" → lower case → spoken Finnish → stop words
 * → (folded kind: ä→a, ö→o, å→a) → compound splitting → stemming.
 */
public final class LanguageAnalyzers implements AutoCloseable {

    /** The kinds of indexed field; each text part of an article is indexed in each enabled kind. */
    public enum Kind { MAIN, FOLDED, NGRAM }

    public static final int NGRAM = 4;

    private final AnalysisConfig config;
    private final SpokenFinnish spoken;
    private final Map<Language, CharArraySet> stopWords = new EnumMap<>(Language.class);
    private final Map<Language, CharArraySet> foldedStopWords = new EnumMap<>(Language.class);
    private final Map<Language, Map<Kind, Analyzer>> analyzers = new EnumMap<>(Language.class);
    private final Map<Language, WordStemmer> stemmers = new EnumMap<>(Language.class);
    private final CompoundSplitter splitter;
    private final CompoundSplitter foldedSplitter;
    private final CharArraySet luceneDictionary;
    private final CharArraySet foldedLuceneDictionary;

    /**
     * @param finnishTexts the Finnish corpus, whose vocabulary is the compound dictionary
     */
    public LanguageAnalyzers(AnalysisConfig config, WordLists lists, Collection<String> finnishTexts) {
        this.config = config;
        this.spoken = new SpokenFinnish(lists);
        stopWords.put(Language.FI, withExtra(FinnishAnalyzer.getDefaultStopSet(), lists, "stopwords-fi.txt"));
        stopWords.put(Language.SV, withExtra(SwedishAnalyzer.getDefaultStopSet(), lists, "stopwords-sv.txt"));
        stopWords.put(Language.EN, withExtra(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, lists, "stopwords-en.txt"));
        for (Language l : Language.values()) {
            foldedStopWords.put(l, folded(stopWords.get(l)));
            stemmers.put(l, new WordStemmer(config.stemmer(), l));
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
        this.splitter = new CompoundSplitter(vocabulary, shortOnly, w -> stemWord(Language.FI, w, false));
        this.foldedSplitter = new CompoundSplitter(foldedVocabulary, shortOnly.stream().map(Tokens::fold).toList(),
                w -> stemWord(Language.FI, w, true));
        this.luceneDictionary = dictionary(vocabulary);
        this.foldedLuceneDictionary = dictionary(foldedVocabulary);
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

    public AnalysisConfig config() {
        return config;
    }

    /** The index stem of one word, as the main (or folded) chain would produce it, without splitting. */
    public String stemWord(Language lang, String word, boolean folded) {
        return stemmers.get(lang).stem(folded ? Tokens.fold(word) : word);
    }

    private Analyzer build(Language lang, Kind kind) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream s = new ColonSuffixFilter(tokenizer);
                s = new LowerCaseFilter(s);
                if (lang == Language.EN) {
                    s = new EnglishPossessiveFilter(s);
                }
                if (lang == Language.FI && config.spoken()) {
                    s = new SpokenFinnishFilter(s, spoken);
                }
                if (kind == Kind.MAIN) {
                    s = new StopFilter(s, stopWords.get(lang));
                } else {
                    s = new ASCIIFoldingFilter(s);
                    s = new StopFilter(s, foldedStopWords.get(lang));
                }
                if (kind == Kind.NGRAM) {
                    return new TokenStreamComponents(tokenizer, new NGramTokenFilter(s, NGRAM, NGRAM, true));
                }
                boolean folded = kind == Kind.FOLDED;
                if (lang == Language.FI) {
                    s = switch (config.compounds()) {
                        case NONE -> s;
                        case BOUNDARY -> new CompoundSplitFilter(s, folded ? foldedSplitter : splitter);
                        case LUCENE_DICTIONARY -> new DictionaryCompoundWordTokenFilter(s,
                                folded ? foldedLuceneDictionary : luceneDictionary,
                                CompoundSplitter.MIN_WORD, CompoundSplitter.MIN_HEAD, 20, true);
                    };
                }
                return new TokenStreamComponents(tokenizer, stem(s, lang));
            }
        };
    }

    private TokenStream stem(TokenStream s, Language lang) {
        return switch (config.stemmer()) {
            case NONE -> s;
            case LIGHT -> switch (lang) {
                case FI -> new FinnishLightStemFilter(s);
                case SV -> new SwedishLightStemFilter(s);
                case EN -> new EnglishMinimalStemFilter(s);
            };
            case SNOWBALL -> switch (lang) {
                case FI -> new SnowballFilter(s, new FinnishStemmer());
                case SV -> new SnowballFilter(s, new SwedishStemmer());
                case EN -> new SnowballFilter(s, new EnglishStemmer());
            };
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

    private static CharArraySet dictionary(Collection<String> words) {
        CharArraySet set = new CharArraySet(words.size(), false);
        for (String w : words) {
            if (w.length() >= CompoundSplitter.MIN_HEAD) {
                set.add(w);
            }
        }
        return set;
    }

    @Override
    public void close() {
        analyzers.values().forEach(m -> m.values().forEach(Analyzer::close));
    }
}
