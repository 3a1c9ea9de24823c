package fi.matala.kb.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/**
 * Synonym and glossary rules, compiled through the same analyzers as the index so that one
 * rule covers every inflected form: "kalja => alkoholi" also fires for "kaljaa", "kaljoja".
 *
 * <p>Format, one rule per line ({@code #} starts a comment):
 * <pre>
 *   kalja, viina, bisse => alkoholi          one way: left words add the right words
 *   ahdistus, ahdistuneisuus                 equivalence: each adds all the others
 * </pre>
 * A side may hold phrases ("vill dö"); a phrase matches consecutive words, stop words ignored.
 * A left word ending in {@code *} matches every word whose stem starts with it ("veip*" covers
 * "veippaan", "veippaaminen", ...), for slang whose forms the stemmer does not know.
 * The right side is analysed with the target analyzer, which for glossaries is Finnish.
 */
public final class TermRules {

    /**
     * One compiled rule: when the analysed words {@code left} occur in a row (a word ending in
     * {@code *} is a prefix of the folded term), the terms {@code right} are added.
     */
    public record Rule(List<String> left, List<String> right) {
    }

    private final List<Rule> rules = new ArrayList<>();

    /**
     * @param lines  the rule lines
     * @param source analyzer of the query language (left sides)
     * @param target analyzer of the articles the added terms are searched in (right sides)
     */
    public TermRules(List<WordLists.Line> lines, Analyzer source, Analyzer target) {
        for (WordLists.Line line : lines) {
            String text = line.text();
            int arrow = text.indexOf("=>");
            List<String> lefts = splitList(arrow >= 0 ? text.substring(0, arrow) : text);
            List<String> rights = arrow >= 0 ? splitList(text.substring(arrow + 2)) : lefts;
            if (lefts.isEmpty() || rights.isEmpty()) {
                throw new IllegalArgumentException(line.file() + ":" + line.number() + ": empty rule side");
            }
            Set<String> rightTerms = new LinkedHashSet<>();
            for (String r : rights) {
                rightTerms.addAll(AnalyzedText.of(target, r).terms());
            }
            for (String l : lefts) {
                List<String> left = l.endsWith("*") && !l.contains(" ")
                        ? List.of(Tokens.fold(l))
                        : AnalyzedText.of(source, l).terms();
                if (left.isEmpty()) {
                    continue; // only stop words: nothing to match on
                }
                List<String> right = new ArrayList<>(rightTerms);
                if (arrow < 0 && source == target) {
                    right.removeAll(left);
                }
                if (!right.isEmpty()) {
                    rules.add(new Rule(left, List.copyOf(right)));
                }
            }
        }
    }

    /** The compiled rules, in file order: published with the index, applied by the browser. */
    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** Terms added by the rules whose left side occurs in {@code text}. */
    public Set<String> expand(AnalyzedText text) {
        Set<String> out = new LinkedHashSet<>();
        List<AnalyzedText.Position> ps = text.positions();
        for (Rule rule : rules) {
            int n = rule.left.size();
            for (int start = 0; start + n <= ps.size(); start++) {
                boolean match = true;
                for (int k = 0; k < n && match; k++) {
                    match = matches(rule.left.get(k), ps.get(start + k));
                }
                if (match) {
                    out.addAll(rule.right);
                    break;
                }
            }
        }
        return out;
    }

    private static boolean matches(String want, AnalyzedText.Position p) {
        if (want.endsWith("*")) {
            String prefix = want.substring(0, want.length() - 1);
            return Tokens.fold(p.term()).startsWith(prefix);
        }
        return p.term().equals(want) || p.stacked().contains(want);
    }

    private static List<String> splitList(String side) {
        List<String> out = new ArrayList<>();
        for (String s : side.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
