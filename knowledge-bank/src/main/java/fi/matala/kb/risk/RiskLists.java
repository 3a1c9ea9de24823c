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
            List<String> whenTop, Map<String, List<List<String>>> cueSets, List<List<String>> together,
            List<String> unless) {
    }

    private final List<Category> categories;

    /** @throws IllegalArgumentException "file:line: reason" for a malformed list */
    public RiskLists(WordLists lists) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, List<String>> whenTop = new LinkedHashMap<>();
        Map<String, List<List<String>>> patterns = new LinkedHashMap<>();
        Map<String, Map<String, List<List<String>>>> cueSets = new LinkedHashMap<>();
        Map<String, List<List<String>>> together = new LinkedHashMap<>();
        Map<String, List<String>> unless = new LinkedHashMap<>();
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
                if (t.startsWith("{") && t.contains("+")) {
                    List<List<String>> list = together.computeIfAbsent(current, k -> new ArrayList<>());
                    List<String> combination = combination(line);
                    if (!list.contains(combination)) {
                        list.add(combination);
                    }
                    continue;
                }
                if (t.startsWith("-")) {
                    String set = setName(line, t.substring(1).strip());
                    List<String> list = unless.computeIfAbsent(current, k -> new ArrayList<>());
                    if (!list.contains(set)) {
                        list.add(set);
                    }
                    continue;
                }
                if (t.startsWith("{")) {
                    cueSet(line, cueSets.computeIfAbsent(current, k -> new LinkedHashMap<>()));
                    continue;
                }
                List<String> words = patternWords(t);
                if (!words.isEmpty()) {
                    patterns.computeIfAbsent(current, k -> new ArrayList<>()).add(words);
                }
            }
        }
        List<Category> out = new ArrayList<>();
        groups.forEach((name, crisis) -> {
            Map<String, List<List<String>>> sets = cueSets.getOrDefault(name, Map.of());
            List<List<String>> used = new ArrayList<>(together.getOrDefault(name, List.of()));
            used.add(unless.getOrDefault(name, List.of()));
            for (List<String> combination : used) {
                for (String set : combination) {
                    if (!sets.containsKey(set)) {
                        throw new IllegalArgumentException("risk lists: [" + name + "] combines {" + set
                                + "}, which no list of that category defines");
                    }
                }
            }
            out.add(new Category(name, crisis, List.copyOf(patterns.getOrDefault(name, List.of())),
                    whenTop.getOrDefault(name, List.of()), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sets)),
                    List.copyOf(together.getOrDefault(name, List.of())), List.copyOf(unless.getOrDefault(name, List.of()))));
        });
        this.categories = List.copyOf(out);
    }

    /** "{name} item, item …": a cue set; the same name in several files adds to one set. */
    private static void cueSet(WordLists.Line line, Map<String, List<List<String>>> sets) {
        String t = line.text();
        int close = t.indexOf('}');
        if (close < 2) {
            throw new IllegalArgumentException(line.file() + ":" + line.number() + ": expected '{set} item, item'");
        }
        String name = t.substring(1, close).strip();
        List<List<String>> items = sets.computeIfAbsent(name, k -> new ArrayList<>());
        int before = items.size();
        for (String item : t.substring(close + 1).split(",")) {
            List<String> words = patternWords(item.strip());
            if (!words.isEmpty()) {
                items.add(words);
            }
        }
        if (items.size() == before) {
            throw new IllegalArgumentException(line.file() + ":" + line.number() + ": the set {" + name + "} lists nothing");
        }
    }

    /** "{name}" → name. */
    private static String setName(WordLists.Line line, String ref) {
        if (!ref.startsWith("{") || !ref.endsWith("}") || ref.length() < 3) {
            throw new IllegalArgumentException(line.file() + ":" + line.number() + ": expected '- {set}'");
        }
        return ref.substring(1, ref.length() - 1).strip();
    }

    /** "{a} + {b} [+ {c}]": flags the category when an item of every set stands in one sentence. */
    private static List<String> combination(WordLists.Line line) {
        List<String> sets = new ArrayList<>();
        for (String part : line.text().split("\\+")) {
            String p = part.strip();
            if (!p.startsWith("{") || !p.endsWith("}") || p.length() < 3) {
                throw new IllegalArgumentException(line.file() + ":" + line.number()
                        + ": expected '{set} + {set}'");
            }
            sets.add(p.substring(1, p.length() - 1).strip());
        }
        if (sets.size() < 2) {
            throw new IllegalArgumentException(line.file() + ":" + line.number() + ": combine at least two sets");
        }
        return List.copyOf(sets);
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
