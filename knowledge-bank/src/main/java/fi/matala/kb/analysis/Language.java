package fi.matala.kb.analysis;

import java.util.Locale;
import java.util.Optional;

/** The content languages Matala serves. Finnish is the national default. */
public enum Language {
    FI("fi"),
    SV("sv"),
    EN("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Language> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toLowerCase(Locale.ROOT);
        for (Language l : values()) {
            if (l.code.equals(c)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
