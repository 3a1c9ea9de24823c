package fi.matala.kb.suggest;

import fi.matala.kb.analysis.Language;
import fi.matala.kb.analysis.SpokenFinnish;
import fi.matala.kb.analysis.Tokens;
import fi.matala.kb.analysis.WordLists;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds signs of acute risk (suicidal thoughts, overdose, violence) in free text, using the
 * maintained lists {@code risk-terms-fi.txt}, {@code -sv}, {@code -en}. All languages are
 * checked whatever the conversation language: missing a crisis costs far more than an extra
 * crisis suggestion, so this errs towards recall.
 *
 * <p>List format: a section line {@code [category] crisis=article-group[,group...]} names the
 * crisis article(s) to put first; each following line is a pattern of words. A word ending in
 * {@code *} matches any word starting with it. Words are compared without diacritics ("vill dö"
 * also matches "vill do") and after spoken Finnish is normalised ("itteni" counts as "itseni");
 * up to two other words may stand between pattern words ("haluan niin kovasti kuolla").
 */
public final class RiskDetector {

    static final int MAX_GAP = 2;

    /** A risk category and the article groups that answer it. */
    public record Category(String name, List<String> crisisGroups) {
    }

    private record Pattern(Category category, List<String> words) {
    }

    private final List<Pattern> patterns = new ArrayList<>();
    private final SpokenFinnish spoken;

    public RiskDetector(WordLists lists) {
        this.spoken = new SpokenFinnish(lists);
        for (Language l : Language.values()) {
            Category current = null;
            for (WordLists.Line line : lists.lines("risk-terms-" + l.code() + ".txt")) {
                String t = line.text();
                if (t.startsWith("[")) {
                    current = parseSection(line);
                    continue;
                }
                if (current == null) {
                    throw new IllegalArgumentException(line.file() + ":" + line.number()
                            + ": pattern before the first [category] line");
                }
                List<String> words = patternWords(t);
                if (!words.isEmpty()) {
                    patterns.add(new Pattern(current, words));
                }
            }
        }
    }

    /** The categories whose patterns occur in {@code text}, in list order; empty if none. */
    public Set<Category> detect(String text) {
        List<String> words = new ArrayList<>();
        List<String> standard = new ArrayList<>();
        for (String w : Tokens.words(text)) {
            words.add(Tokens.fold(w));
            standard.add(Tokens.fold(spoken.normalise(w)));
        }
        Map<String, Category> found = new LinkedHashMap<>();
        for (Pattern p : patterns) {
            if (!found.containsKey(p.category().name()) && (occurs(p.words(), words) || occurs(p.words(), standard))) {
                found.put(p.category().name(), p.category());
            }
        }
        return new LinkedHashSet<>(found.values());
    }

    private static boolean occurs(List<String> pattern, List<String> words) {
        for (int start = 0; start < words.size(); start++) {
            if (matchesFrom(pattern, 0, words, start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesFrom(List<String> pattern, int k, List<String> words, int at) {
        if (!matches(pattern.get(k), words.get(at))) {
            return false;
        }
        if (k == pattern.size() - 1) {
            return true;
        }
        for (int next = at + 1; next <= at + 1 + MAX_GAP && next < words.size(); next++) {
            if (matchesFrom(pattern, k + 1, words, next)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String patternWord, String word) {
        if (patternWord.endsWith("*")) {
            return word.startsWith(patternWord.substring(0, patternWord.length() - 1));
        }
        return word.equals(patternWord);
    }

    /** Pattern lines are maintained by hand: words separated by spaces, '*' only at a word's end. */
    private static List<String> patternWords(String line) {
        List<String> out = new ArrayList<>();
        for (String raw : line.split("\\s+")) {
            boolean prefix = raw.endsWith("*");
            List<String> letters = Tokens.words(raw);
            for (int i = 0; i < letters.size(); i++) {
                String w = Tokens.fold(letters.get(i));
                out.add(prefix && i == letters.size() - 1 ? w + "*" : w);
            }
        }
        return out;
    }

    private static Category parseSection(WordLists.Line line) {
        String t = line.text();
        int close = t.indexOf(']');
        int eq = t.indexOf("crisis=");
        if (close < 0 || eq < 0) {
            throw new IllegalArgumentException(line.file() + ":" + line.number()
                    + ": expected '[category] crisis=article-group'");
        }
        String name = t.substring(1, close).strip();
        List<String> groups = List.of(t.substring(eq + "crisis=".length()).strip().split("\\s*,\\s*"));
        return new Category(name, groups);
    }
}
