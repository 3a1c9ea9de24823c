package fi.matala.kb.search;

import fi.matala.kb.analysis.Language;
import fi.matala.kb.analysis.LanguageAnalyzers;
import java.util.List;

/**
 * Index field names. Text is indexed per language ("title.fi.main", "body.sv.folded") so that
 * each language keeps its own analyzer and term statistics.
 */
public final class Fields {

    public static final String ID = "id";
    public static final String CITIZEN = "citizen";
    public static final String YES = "yes";

    /** The searchable parts of an article and how much a match in each counts. */
    public enum Part {
        TITLE(3.0f), TOPICS(3.0f), SUMMARY(2.0f), BODY(1.0f), HEAD(2.5f), ALL(1.0f);

        private final float boost;

        Part(float boost) {
            this.boost = boost;
        }

        public float boost() {
            return boost;
        }
    }

    static final String LAYOUT = System.getProperty("kb.layout", "separate");

    public static final List<Part> PARTS = switch (LAYOUT) {
        case "headbody" -> List.of(Part.HEAD, Part.BODY);
        case "single" -> List.of(Part.ALL);
        default -> List.of(Part.TITLE, Part.TOPICS, Part.SUMMARY, Part.BODY);
    };

    /** Character n-grams of long bodies match nearly everything; they are kept to the short parts. */
    private static final List<Part> NGRAM_PARTS = LAYOUT.equals("separate")
            ? List.of(Part.TITLE, Part.TOPICS, Part.SUMMARY) : List.of(Part.HEAD);

    public static List<Part> parts(LanguageAnalyzers.Kind kind) {
        return kind == LanguageAnalyzers.Kind.NGRAM ? NGRAM_PARTS : PARTS;
    }

    private Fields() {
    }

    public static String text(Part part, Language lang, LanguageAnalyzers.Kind kind) {
        return part.name().toLowerCase(java.util.Locale.ROOT) + "." + lang.code() + "."
                + kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
