package fi.matala.kb.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finnish verbal nouns and the verbs they come from: people write verbs ("en syö", "laihtuu",
 * "lopetan"), articles use nouns ("syöminen", "laihtuminen", "lopettaminen",
 * "syömishäiriö"), and the Snowball stemmer keeps them apart ("syömin" / "syö"). For a word
 * built on -minen (any case, or -mis- as a compound's first part) this gives the verb's stem
 * and its first infinitive, which the stemmer then reduces like the verbs people type
 * ("lopettaminen" → "lopetta", "lopettaa"). The browser's analysis does the same
 * (web-client/src/knowledge/engine/verbal-nouns.ts).
 */
public final class VerbalNouns {

    /** A stem ending in a vowel, then -mi- and a -minen ending (or -mis at a compound boundary). */
    private static final Pattern NOUN = Pattern.compile(
            "(\\p{L}{2,}[aeiouyäö])mi(?:nen|s|sen|sta|stä|seen|sessa|sessä|sesta|sestä|selle|sella|sellä|ksi|set|sia|siä|sten|siin|sissa|sissä|sista|sistä|silla|sillä|sille|sineen|ne|nt)?");

    private VerbalNouns() {
    }

    /** The verb forms of a lower-cased -minen word ({@code word} as it would be stemmed), or none. */
    public static List<String> verbsOf(String word) {
        if (word.length() < 6) {
            return List.of();
        }
        Matcher m = NOUN.matcher(word);
        if (!m.matches()) {
            return List.of();
        }
        String stem = m.group(1);
        List<String> out = new ArrayList<>(2);
        out.add(stem);
        out.add(stem + (backVowels(stem) ? "a" : "ä"));
        return out;
    }

    /** Vowel harmony: a word with a, o or u takes back-vowel endings. */
    private static boolean backVowels(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'a' || c == 'o' || c == 'u') {
                return true;
            }
        }
        return false;
    }
}
