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
 * normalised, with up to {@link #MAX_GAP} other words between pattern words. A pattern word
 * also matches a part of a compound word ("lääkkei*" in "unilääkkeitä").
 */
public final class RiskLists {

    public static final int MAX_GAP = 2;

    /** The end of a sentence in a pattern. */
    public static final String END = "$";

    /**
     * A risk category, the article groups that answer it, its patterns from every language, and
     * the groups that flag it also without a pattern when one of them is among the text's best
     * matches ({@code when-top=}: the crisis articles' example phrasings carry warning signs in
     * more words than any pattern list; the browser decides what "best" is).
     */
    public record Category(String name, List<String> crisisGroups, List<List<String>> patterns,
            List<String> whenTop) {
    }

    private final List<Category> categories;

    /** @throws IllegalArgumentException "file:line: reason" for a malformed list */
    public RiskLists(WordLists lists) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, List<String>> whenTop = new LinkedHashMap<>();
        Map<String, List<List<String>>> patterns = new LinkedHashMap<>();
        for (Language l : Language.values()) {
            String current = null;
            for (WordLists.Line line : lists.lines("risk-terms-" + l.code() + ".txt")) {
                String t = line.text();
                if (t.startsWith("[")) {
                    current = section(line, groups, whenTop);
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
                List.of())), whenTop.getOrDefault(name, List.of()))));
        this.categories = List.copyOf(out);
    }

    public List<Category> categories() {
        return categories;
    }

    /**
     * Pattern lines are maintained by hand: words separated by spaces, '*' only at a word's end;
     * {@value #END} stands for the end of a sentence ("en jaksa enää $" but not "en jaksa enää
     * tätä tenttiä").
     */
    private static List<String> patternWords(String line) {
        List<String> out = new ArrayList<>();
        for (String raw : line.split("\\s+")) {
            if (raw.equals(END)) {
                out.add(END);
                continue;
            }
            boolean prefix = raw.endsWith("*");
            List<String> letters = Tokens.words(raw);
            for (int i = 0; i < letters.size(); i++) {
                String w = Tokens.fold(letters.get(i));
                out.add(prefix && i == letters.size() - 1 ? w + "*" : w);
            }
        }
        return out;
    }

    /**
     * Reads "[name] crisis=group,group [when-top=group,group]"; the first file to name a
     * category sets its groups.
     */
    private static String section(WordLists.Line line, Map<String, List<String>> groups,
            Map<String, List<String>> whenTop) {
        String t = line.text().replaceAll("\\s*,\\s*", ",");
        int close = t.indexOf(']');
        if (close < 0 || !t.substring(close + 1).strip().startsWith("crisis=")) {
            throw new IllegalArgumentException(line.file() + ":" + line.number()
                    + ": expected '[category] crisis=article-group'");
        }
        String name = t.substring(1, close).strip();
        for (String setting : t.substring(close + 1).strip().split("\\s+")) {
            int eq = setting.indexOf('=');
            String key = eq < 0 ? setting : setting.substring(0, eq);
            List<String> values = eq < 0 ? List.of() : List.of(setting.substring(eq + 1).split(","));
            switch (key) {
                case "crisis" -> groups.putIfAbsent(name, values);
                case "when-top" -> whenTop.putIfAbsent(name, values);
                default -> throw new IllegalArgumentException(line.file() + ":" + line.number()
                        + ": unknown setting '" + key + "' (crisis=, when-top=)");
            }
        }
        return name;
    }
}
