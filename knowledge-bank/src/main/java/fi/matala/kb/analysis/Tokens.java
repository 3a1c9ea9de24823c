package fi.matala.kb.analysis;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Small word-level helpers shared by the analysis code. The browser's query analysis
 * (web-client/src/knowledge/engine) implements the same rules; the parity test proves it.
 */
public final class Tokens {

    /**
     * A word for the index: letters, marks and digits, joined across an apostrophe ("don't",
     * "parent's") or a colon ("GBL:ää", cut later by {@link ColonSuffixFilter}). Everything
     * else separates words, full stops included: chat text often has no space after one
     * ("kamalaa.en jaksa"), which Unicode word breaking would read as one word.
     */
    public static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+(?:['\u2019:][\\p{L}\\p{M}\\p{N}]+)*");

    private Tokens() {
    }

    /** Lower-cased runs of letters; the rough word list used for dictionaries and risk matching. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                w.append(c);
            } else if (w.length() > 0) {
                out.add(w.toString().toLowerCase(Locale.ROOT));
                w.setLength(0);
            }
        }
        if (w.length() > 0) {
            out.add(w.toString().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Removes diacritics: people often type "a" and "o" for "ä", "ö" and "å". */
    public static String fold(String word) {
        boolean ascii = true;
        for (int i = 0; i < word.length() && ascii; i++) {
            ascii = word.charAt(i) < 128;
        }
        if (ascii) {
            return word;
        }
        String decomposed = Normalizer.normalize(word, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
