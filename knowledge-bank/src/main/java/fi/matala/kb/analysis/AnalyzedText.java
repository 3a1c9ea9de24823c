package fi.matala.kb.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A text after analysis, as a sequence of positions. Each position has the term for the
 * whole word and any terms stacked on it (compound parts). Stop-word gaps are dropped, so
 * "haluan vain kuolla" and "haluan kuolla" have the same neighbours for phrase rules.
 */
public record AnalyzedText(List<Position> positions) {

    public record Position(String term, List<String> stacked) {
    }

    public static AnalyzedText of(Analyzer analyzer, String text) {
        List<Position> positions = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("q", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            String current = null;
            List<String> stacked = new ArrayList<>();
            while (ts.incrementToken()) {
                if (inc.getPositionIncrement() == 0 && current != null) {
                    if (!stacked.contains(term.toString()) && !current.contentEquals(term)) {
                        stacked.add(term.toString());
                    }
                    continue;
                }
                if (current != null) {
                    positions.add(new Position(current, List.copyOf(stacked)));
                }
                current = term.toString();
                stacked.clear();
            }
            if (current != null) {
                positions.add(new Position(current, List.copyOf(stacked)));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AnalyzedText(List.copyOf(positions));
    }

    public List<String> terms() {
        return positions.stream().map(Position::term).toList();
    }

    public boolean isEmpty() {
        return positions.isEmpty();
    }
}
