package fi.matala.kb;

import fi.matala.kb.analysis.Language;

/**
 * Validation of caller input, shared by all public entry points. Limits are public so the
 * HTTP layer can document them; messages never echo the rejected text (it may be personal).
 */
public final class InputRules {

    public static final int MAX_QUERY_CHARS = 500;
    public static final int MAX_SUGGEST_CHARS = 4000;
    public static final int MAX_LIMIT = 50;
    public static final int MAX_ID_CHARS = 200;

    private InputRules() {
    }

    static String checkQuery(String text) {
        return checkText(text, MAX_QUERY_CHARS, "query");
    }

    static String checkSuggestText(String text) {
        return checkText(text, MAX_SUGGEST_CHARS, "text");
    }

    static Language checkLanguage(String lang) {
        return Language.parse(lang).orElseThrow(() -> new KbInputException(
                KbInputException.UNKNOWN_LANGUAGE, "lang must be one of fi, sv, en"));
    }

    static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new KbInputException(KbInputException.BAD_LIMIT, "limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    static void checkAudience(Audience audience) {
        if (audience == null) {
            throw new IllegalArgumentException("audience is required");
        }
    }

    static String checkId(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_CHARS) {
            throw new KbInputException(KbInputException.BAD_ID, "id must be 1.." + MAX_ID_CHARS + " characters");
        }
        return id;
    }

    private static String checkText(String text, int maxChars, String what) {
        if (text == null || text.isBlank()) {
            throw new KbInputException(KbInputException.EMPTY_QUERY, what + " must not be empty");
        }
        // Count code points so that emoji and other astral characters count as one.
        if (text.codePointCount(0, text.length()) > maxChars) {
            throw new KbInputException(KbInputException.TOO_LONG, what + " must be at most " + maxChars + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\t') {
                continue;
            }
            if (Character.isISOControl(c) || isInvisibleFormatting(c)) {
                throw new KbInputException(KbInputException.CONTROL_CHARACTERS,
                        what + " must not contain control characters other than newline and tab");
            }
        }
        return text;
    }

    /** Bidi overrides and similar can hide text from a reader; treat them like control characters. */
    private static boolean isInvisibleFormatting(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u0000';
    }
}
