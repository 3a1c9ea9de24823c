package fi.matala.kb.search;

import fi.matala.kb.analysis.Language;

/**
 * How much an article in one language is worth to someone asking in another. Finnish is the
 * national language most Swedish and English speakers in Finland can read at least partly,
 * so it is the first fallback; for Finnish queries other languages are a last resort.
 */
final class LanguagePreference {

    static final double SAME = 1.0;
    static final double FINNISH_FALLBACK = 0.7;
    static final double OTHER = 0.4;
    static final double FROM_FINNISH = 0.25;

    private LanguagePreference() {
    }

    static double weight(Language query, Language article) {
        if (query == article) {
            return SAME;
        }
        if (query == Language.FI) {
            return FROM_FINNISH;
        }
        return article == Language.FI ? FINNISH_FALLBACK : OTHER;
    }
}
