package fi.matala.kb.analysis;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Emits the whole word and then its {@link CompoundSplitter} parts at the same position,
 * typed {@link #PART}, so queries can weigh an exact compound above a match on its parts.
 */
final class CompoundSplitFilter extends TokenFilter {

    static final String PART = "compound_part";

    private final CompoundSplitter splitter;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final Deque<String> pending = new ArrayDeque<>();
    private State wordState;

    CompoundSplitFilter(TokenStream in, CompoundSplitter splitter) {
        super(in);
        this.splitter = splitter;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pending.isEmpty()) {
            restoreState(wordState);
            term.setEmpty().append(pending.poll());
            posInc.setPositionIncrement(0);
            type.setType(PART);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        if (!keyword.isKeyword()) {
            pending.addAll(splitter.split(term.toString()));
            if (!pending.isEmpty()) {
                wordState = captureState();
            }
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
        wordState = null;
    }
}
