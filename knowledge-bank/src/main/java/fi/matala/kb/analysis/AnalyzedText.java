package fi.matala.kb.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A text after analysis, as a sequence of positions. Each position has the term for the
 * whole word and any terms stacked on it (compound parts). Stop-word gaps are dropped, so
 * "haluan vain kuolla" and "haluan kuolla" have the same neighbours for phrase rules.
 */
public record AnalyzedText(List<Position> positions) {

    /** {@code start}: offset of the word in the original text, to line up different analyses. */
    public record Position(String term, List<String> stacked, int start) {
    }

    public static AnalyzedText of(Analyzer analyzer, String text) {
        List<Position> positions = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("q", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            String current = null;
            int start = 0;
            List<String> stacked = new ArrayList<>();
            while (ts.incrementToken()) {
                if (inc.getPositionIncrement() == 0 && current != null) {
                    if (!stacked.contains(term.toString()) && !current.contentEquals(term)) {
                        stacked.add(term.toString());
                    }
                    continue;
                }
                if (current != null) {
                    positions.add(new Position(current, List.copyOf(stacked), start));
                }
                current = term.toString();
                start = offset.startOffset();
                stacked.clear();
            }
            if (current != null) {
                positions.add(new Position(current, List.copyOf(stacked), start));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AnalyzedText(List.copyOf(positions));
    }

    /** The positions whose word starts at one of {@code starts}. */
    public AnalyzedText only(java.util.Set<Integer> starts) {
        return new AnalyzedText(positions.stream().filter(p -> starts.contains(p.start())).toList());
    }

    public List<String> terms() {
        return positions.stream().map(Position::term).toList();
    }

    public boolean isEmpty() {
        return positions.isEmpty();
    }
}
