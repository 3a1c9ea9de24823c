package fi.matala.kb.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Splits Finnish compound words at a word boundary, using the corpus vocabulary as the
 * dictionary: "päihdepalveluihin" = "päihde" + "palveluihin", because "päihde" occurs as a
 * word and "palveluihin" has the same stem as "palvelu".
 *
 * <p>Unlike substring matching (Lucene's dictionary decompounder), a split is accepted only
 * when both sides are words: the first part as written, the last part after stemming, since
 * in Finnish only the last part of a compound inflects. The first part may itself be split
 * once more ("mielenterveys|palvelu" → "mielen" + "terveys").
 */
public final class CompoundSplitter {

    static final int MIN_WORD = 7;
    static final int MIN_HEAD = 4;
    static final int MIN_MODIFIER = 4;

    private final Set<String> words;
    private final Set<String> shortModifiers;
    private final Set<String> stems;
    private final UnaryOperator<String> stemmer;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 200_000;

    /**
     * @param vocabulary     words seen in the corpus (lower-cased, in the form this splitter will see)
     * @param shortModifiers maintained 3-letter words ("työ", "uni", "apu") allowed as compound parts; too noisy to
     *                       take from the corpus automatically
     * @param stemmer        the same stemmer the index uses
     */
    public CompoundSplitter(Collection<String> vocabulary, Collection<String> shortModifiers,
            UnaryOperator<String> stemmer) {
        this.stemmer = stemmer;
        this.words = new HashSet<>();
        for (String w : vocabulary) {
            if (w.length() >= MIN_MODIFIER && isLetters(w)) {
                words.add(w);
            }
        }
        this.shortModifiers = Set.copyOf(shortModifiers);
        words.addAll(shortModifiers);
        this.stems = new HashSet<>();
        for (String w : words) {
            stems.add(stemmer.apply(w));
        }
    }

    /** The dictionary words (sorted), published with the index for the browser's splitter. */
    public List<String> words() {
        return words.stream().sorted().toList();
    }

    /** The stems of the dictionary words (sorted): a last part is a word if its stem is one of these. */
    public List<String> stems() {
        return stems.stream().sorted().toList();
    }

    /** The maintained 3-letter parts (sorted). */
    public List<String> shortModifiers() {
        return shortModifiers.stream().sorted().toList();
    }

    /** The parts of {@code word}, or an empty list if it is not a known compound. */
    public List<String> split(String word) {
        if (word.length() < MIN_WORD || !isLetters(word)) {
            return List.of();
        }
        List<String> cached = cache.get(word);
        if (cached != null) {
            return cached;
        }
        List<String> parts = List.copyOf(findSplit(word));
        // Bounded: queries can bring any number of new words.
        if (cache.size() < MAX_CACHED) {
            cache.put(word, parts);
        }
        return parts;
    }

    private List<String> findSplit(String word) {
        // Prefer the longest first part: "mielenterveys|palvelu" over "mielen|terveyspalvelu".
        for (int cut = word.length() - 3; cut >= 3; cut--) {
            String modifier = word.substring(0, cut);
            String head = word.substring(cut);
            if (!isModifier(modifier) || !isHead(head)) {
                continue;
            }
            List<String> parts = new ArrayList<>(3);
            parts.add(modifier);
            if (modifier.length() >= MIN_WORD) {
                parts.addAll(splitModifier(modifier));
            }
            parts.add(head);
            return parts;
        }
        return List.of();
    }

    private List<String> splitModifier(String modifier) {
        for (int cut = modifier.length() - MIN_HEAD; cut >= 3; cut--) {
            String a = modifier.substring(0, cut);
            String b = modifier.substring(cut);
            if (isModifier(a) && words.contains(b)) {
                return List.of(a, b);
            }
        }
        return List.of();
    }

    private boolean isModifier(String s) {
        return s.length() >= MIN_MODIFIER ? words.contains(s) : shortModifiers.contains(s);
    }

    private boolean isHead(String s) {
        if (shortModifiers.contains(s)) {
            return true; // "kriisi|apu"
        }
        return s.length() >= MIN_HEAD && (words.contains(s) || stems.contains(stemmer.apply(s)));
    }

    private static boolean isLetters(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (!Character.isLetter(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
