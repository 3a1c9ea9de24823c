package fi.matala.kb.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Finnish and Swedish inflect abbreviations after a colon ("GBL:ää", "Kelan" but "KELA:n",
 * "FPA:s"). The standard tokenizer keeps such words whole; this keeps the part before the colon.
 */
final class ColonSuffixFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    ColonSuffixFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        for (int i = 1; i < term.length(); i++) {
            if (term.charAt(i) == ':') {
                term.setLength(i);
                break;
            }
        }
        return true;
    }
}
