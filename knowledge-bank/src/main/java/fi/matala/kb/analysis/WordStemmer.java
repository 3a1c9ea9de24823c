package fi.matala.kb.analysis;

import org.apache.lucene.analysis.en.EnglishMinimalStemmer;
import org.apache.lucene.analysis.fi.FinnishLightStemmer;
import org.apache.lucene.analysis.sv.SwedishLightStemmer;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;

/**
 * Stems single words the same way the analysis chains' stem filters do, without the cost of
 * a token stream: the compound splitter stems many candidate parts per word. Snowball
 * stemmers keep state, so each thread gets its own.
 */
final class WordStemmer {

    private final AnalysisConfig.Stemmer kind;
    private final Language lang;
    private final ThreadLocal<SnowballStemmer> snowball;

    WordStemmer(AnalysisConfig.Stemmer kind, Language lang) {
        this.kind = kind;
        this.lang = lang;
        this.snowball = ThreadLocal.withInitial(() -> switch (lang) {
            case FI -> new FinnishStemmer();
            case SV -> new SwedishStemmer();
            case EN -> new EnglishStemmer();
        });
    }

    String stem(String word) {
        switch (kind) {
            case NONE:
                return word;
            case SNOWBALL: {
                SnowballStemmer s = snowball.get();
                s.setCurrent(word);
                s.stem();
                return s.getCurrent();
            }
            default: {
                char[] chars = word.toCharArray();
                int len = switch (lang) {
                    case FI -> new FinnishLightStemmer().stem(chars, chars.length);
                    case SV -> new SwedishLightStemmer().stem(chars, chars.length);
                    case EN -> new EnglishMinimalStemmer().stem(chars, chars.length);
                };
                return new String(chars, 0, len);
            }
        }
    }
}
