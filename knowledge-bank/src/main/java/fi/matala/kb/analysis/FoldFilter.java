package fi.matala.kb.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Removes diacritics with {@link Tokens#fold} (ä→a, ö→o, å→a), for the folded field that
 * catches words typed without them. Not Lucene's ASCIIFoldingFilter: the browser applies the
 * same rule to queries (Unicode NFD, marks dropped), and both sides must agree exactly.
 */
final class FoldFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    FoldFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        String word = term.toString();
        String folded = Tokens.fold(word);
        if (!folded.equals(word)) {
            term.setEmpty().append(folded);
        }
        return true;
    }
}
