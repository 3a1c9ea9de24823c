package fi.matala.kb.search;

import fi.matala.kb.analysis.Language;
import fi.matala.kb.analysis.LanguageAnalyzers;
import java.util.Locale;

/**
 * Index field names. Text is indexed per language and kind ("text.fi.main", "text.sv.folded")
 * so that each language keeps its own analyzer and term statistics.
 *
 * <p>Title, topics, summary and body go into one field, with the title and topics repeated
 * three times and the summary twice: measured against separate fields combined with
 * DisjunctionMaxQuery, this ranked within one dev query of it and made suggest() five to ten
 * times faster on 20,000 articles (docs/knowledge-bank.md).
 */
public final class Fields {

    public static final String ID = "id";
    public static final String CITIZEN = "citizen";
    public static final String YES = "yes";

    public static final int TITLE_REPEAT = 3;
    public static final int TOPICS_REPEAT = 3;
    public static final int SUMMARY_REPEAT = 2;

    private Fields() {
    }

    /**
     * The field for one language and kind. The n-gram kind covers only title, topics and
     * summary: n-grams of long bodies match nearly everything.
     */
    public static String text(Language lang, LanguageAnalyzers.Kind kind) {
        return "text." + lang.code() + "." + kind.name().toLowerCase(Locale.ROOT);
    }
}
