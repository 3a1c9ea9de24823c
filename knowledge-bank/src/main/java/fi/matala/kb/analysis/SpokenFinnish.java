package fi.matala.kb.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites spoken and chat-style Finnish to standard spelling before stemming, because
 * Finnish stemmers only know standard forms ("ahistaa" and "ahdistaa" get different stems).
 *
 * <p>Two kinds of rule come from {@code spoken-fi.txt}: whole words ({@code mä => minä}) and
 * word beginnings ({@code ahist* => ahdist*}, which also covers every inflected form). A few
 * regular patterns of spoken Finnish are built in, see {@link #normalise(String)}.
 */
public final class SpokenFinnish {

    private final Map<String, String> words = new HashMap<>();
    /** Longest prefix first, so that the most specific rule wins. */
    private final List<String[]> prefixes = new ArrayList<>();

    public SpokenFinnish(WordLists lists) {
        for (WordLists.Line line : lists.lines("spoken-fi.txt")) {
            String[] sides = line.text().split("=>");
            if (sides.length != 2) {
                throw new IllegalArgumentException(line.file() + ":" + line.number() + ": expected 'spoken => standard'");
            }
            String from = sides[0].strip();
            String to = sides[1].strip();
            if (from.endsWith("*") && to.endsWith("*")) {
                prefixes.add(new String[] {from.substring(0, from.length() - 1), to.substring(0, to.length() - 1)});
            } else {
                for (String f : from.split(",")) {
                    words.put(f.strip(), to);
                }
            }
        }
        prefixes.sort((a, b) -> Integer.compare(b[0].length(), a[0].length()));
    }

    /** Whole-word rules (spoken → standard), sorted: published with the index. */
    public java.util.SortedMap<String, String> wordRules() {
        return new java.util.TreeMap<>(words);
    }

    /** Beginning rules as [spoken prefix, standard prefix], longest first (the order they are tried in). */
    public List<String[]> prefixRules() {
        return prefixes.stream().map(p -> p.clone()).toList();
    }

    /** The standard form of a lower-cased word, or the word itself. */
    public String normalise(String word) {
        String mapped = words.get(word);
        if (mapped != null) {
            return mapped;
        }
        for (String[] p : prefixes) {
            if (word.startsWith(p[0]) && word.length() > p[0].length()) {
                return p[1] + word.substring(p[0].length());
            }
        }
        return regularPatterns(word);
    }

    /**
     * Spoken past participles drop the final t ("ollu", "lisääntyny", "syöny" for "ollut",
     * "lisääntynyt", "syönyt"); the stemmers then treat them as unrelated words.
     */
    private static String regularPatterns(String w) {
        int n = w.length();
        if (n >= 5 && (w.endsWith("nu") || w.endsWith("ny"))) {
            // "menny", "syöny", "lisääntyny": a doubled n or a vowel before it.
            char before = w.charAt(n - 3);
            if (before == 'n' || isVowel(before)) {
                return w + "t";
            }
        }
        if (n >= 5 && (w.endsWith("llu") || w.endsWith("lly"))) {
            // "tullu", "suunnitellu"; nouns such as "palvelu" have a single l and are left alone.
            return w + "t";
        }
        return w;
    }

    private static boolean isVowel(char c) {
        return "aeiouyäö".indexOf(c) >= 0;
    }
}
