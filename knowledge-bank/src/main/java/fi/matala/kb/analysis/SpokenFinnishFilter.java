package fi.matala.kb.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/** Applies {@link SpokenFinnish} to every lower-cased token. */
final class SpokenFinnishFilter extends TokenFilter {

    private final SpokenFinnish spoken;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

    SpokenFinnishFilter(TokenStream in, SpokenFinnish spoken) {
        super(in);
        this.spoken = spoken;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        if (!keyword.isKeyword()) {
            String word = term.toString();
            String standard = spoken.normalise(word);
            if (!standard.equals(word)) {
                term.setEmpty().append(standard);
            }
        }
        return true;
    }
}
