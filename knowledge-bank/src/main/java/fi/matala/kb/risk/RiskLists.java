package fi.matala.kb.risk;

import fi.matala.kb.analysis.Language;
import fi.matala.kb.analysis.Tokens;
import fi.matala.kb.analysis.WordLists;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The maintained signs of acute risk ({@code risk-terms-fi.txt}, {@code -sv}, {@code -en}),
 * parsed and checked here and published with the index; the worker's browser matches them
 * against the chat (web-client/src/knowledge/engine/risk.ts), so the server never sees it.
 *
 * <p>List format: a section line {@code [category] crisis=article-group[,group...]} names the
 * crisis article(s) to put first; each following line is a pattern of words. A word ending in
 * {@code *} matches any word starting with it. Pattern words are stored without diacritics;
 * the matcher compares chat words without diacritics too, and after spoken Finnish is
 * normalised, with up to {@link #MAX_GAP} other words between pattern words.
 */
public final class RiskLists {

    public static final int MAX_GAP = 2;

    /** A risk category, the article groups that answer it, and its patterns from every language. */
    public record Category(String name, List<String> crisisGroups, List<List<String>> patterns) {
    }

    private final List<Category> categories;

    /** @throws IllegalArgumentException "file:line: reason" for a malformed list */
    public RiskLists(WordLists lists) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, List<List<String>>> patterns = new LinkedHashMap<>();
        for (Language l : Language.values()) {
            String current = null;
            for (WordLists.Line line : lists.lines("risk-terms-" + l.code() + ".txt")) {
                String t = line.text();
                if (t.startsWith("[")) {
                    current = section(line, groups);
                    continue;
                }
                if (current == null) {
                    throw new IllegalArgumentException(line.file() + ":" + line.number()
                            + ": pattern before the first [category] line");
                }
                List<String> words = patternWords(t);
                if (!words.isEmpty()) {
                    patterns.computeIfAbsent(current, k -> new ArrayList<>()).add(words);
                }
            }
        }
        List<Category> out = new ArrayList<>();
        groups.forEach((name, crisis) -> out.add(new Category(name, crisis, List.copyOf(patterns.getOrDefault(name,
                List.of())))));
        this.categories = List.copyOf(out);
    }

    public List<Category> categories() {
        return categories;
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

    /** Reads "[name] crisis=group,group"; the first file to name a category sets its groups. */
    private static String section(WordLists.Line line, Map<String, List<String>> groups) {
        String t = line.text();
        int close = t.indexOf(']');
        int eq = t.indexOf("crisis=");
        if (close < 0 || eq < 0) {
            throw new IllegalArgumentException(line.file() + ":" + line.number()
                    + ": expected '[category] crisis=article-group'");
        }
        String name = t.substring(1, close).strip();
        List<String> crisis = List.of(t.substring(eq + "crisis=".length()).strip().split("\\s*,\\s*"));
        groups.putIfAbsent(name, crisis);
        return name;
    }
}
