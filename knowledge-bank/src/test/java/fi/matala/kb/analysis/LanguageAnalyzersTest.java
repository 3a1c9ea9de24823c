package fi.matala.kb.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.kb.analysis.LanguageAnalyzers.Kind;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Analysis behaviour stated as "these two texts must share a term": what matters for search,
 * independent of which stem strings the stemmer happens to produce.
 */
class LanguageAnalyzersTest {

    /** A tiny stand-in corpus: the compound dictionary is built from it. */
    private static final List<String> CORPUS = List.of(
            "Päihde ja päihteet. Palvelu ja palvelut auttavat. Mielenterveys on tärkeää. Mielen hyvinvointi.",
            "Terveys ja hoito. Koti on turvallinen. Työ ja uni.");

    private static LanguageAnalyzers analyzers;

    @BeforeAll
    static void build() throws IOException {
        analyzers = new LanguageAnalyzers(WordLists.bundled(), CORPUS);
    }

    @AfterAll
    static void close() {
        analyzers.close();
    }

    private static Set<String> terms(Language lang, Kind kind, String text) {
        Set<String> out = new HashSet<>();
        for (AnalyzedText.Position p : AnalyzedText.of(analyzers.get(lang, kind), text).positions()) {
            out.add(p.term());
            out.addAll(p.stacked());
        }
        return out;
    }

    private static String term(Language lang, Kind kind, String word) {
        List<String> t = AnalyzedText.of(analyzers.get(lang, kind), word).terms();
        assertEquals(1, t.size(), "one term for " + word + ": " + t);
        return t.get(0);
    }

    private static void assertShare(Language lang, Kind kind, String a, String b) {
        Set<String> ta = terms(lang, kind, a);
        Set<String> tb = terms(lang, kind, b);
        Set<String> common = new HashSet<>(ta);
        common.retainAll(tb);
        assertTrue(!common.isEmpty(), "'" + a + "' " + ta + " and '" + b + "' " + tb + " share no term");
    }

    @Test
    void finnishInflectedFormsMeetTheBaseForm() {
        assertEquals(term(Language.FI, Kind.MAIN, "päihdepalvelut"), term(Language.FI, Kind.MAIN, "päihdepalveluihin"));
        assertEquals(term(Language.FI, Kind.MAIN, "alkoholi"), term(Language.FI, Kind.MAIN, "alkoholia"));
        assertEquals(term(Language.FI, Kind.MAIN, "itsemurha"), term(Language.FI, Kind.MAIN, "itsemurhaa"));
    }

    @Test
    void finnishCompoundsAreSplitIntoTheirWords() {
        Set<String> compound = terms(Language.FI, Kind.MAIN, "päihdepalveluihin");
        assertTrue(compound.contains(term(Language.FI, Kind.MAIN, "palvelu")), compound.toString());
        assertTrue(compound.contains(term(Language.FI, Kind.MAIN, "päihde")), compound.toString());
        assertShare(Language.FI, Kind.MAIN, "mielenterveyspalvelut", "palvelu");
        assertShare(Language.FI, Kind.MAIN, "mielenterveyspalvelut", "terveys");
    }

    @Test
    void ordinaryWordsAreNotSplitByAccident() {
        for (String word : List.of("kannabis", "palvelu", "alkoholi", "turvallinen", "tapahtuu")) {
            List<AnalyzedText.Position> p = AnalyzedText.of(analyzers.get(Language.FI, Kind.MAIN), word).positions();
            assertEquals(List.of(), p.get(0).stacked(), word);
        }
    }

    @Test
    void verbsMeetTheirVerbalNouns() {
        assertShare(Language.FI, Kind.MAIN, "laihtuu", "laihtuminen");
        assertShare(Language.FI, Kind.MAIN, "lopetan", "lopettaminen");
        assertShare(Language.FI, Kind.MAIN, "nukun", "nukkumisesta");
        assertShare(Language.FI, Kind.FOLDED, "vahentaa", "vähentäminen");
    }

    @Test
    void spokenFinnishMeetsStandardFinnish() {
        assertEquals(term(Language.FI, Kind.MAIN, "ahdistaa"), term(Language.FI, Kind.MAIN, "ahistaa"));
        assertEquals(term(Language.FI, Kind.MAIN, "ahdistus"), term(Language.FI, Kind.MAIN, "ahistus"));
        assertEquals(term(Language.FI, Kind.MAIN, "itseni"), term(Language.FI, Kind.MAIN, "itteni"));
        // Spoken pronouns are stop words like the standard ones.
        assertEquals(List.of(), AnalyzedText.of(analyzers.get(Language.FI, Kind.MAIN), "mä sä mun oon").terms());
    }

    @Test
    void missingDiacriticsMeetInTheFoldedField() {
        assertEquals(term(Language.FI, Kind.FOLDED, "sängyssä"), term(Language.FI, Kind.FOLDED, "sangyssa"));
        assertEquals(term(Language.FI, Kind.FOLDED, "häätö"), term(Language.FI, Kind.FOLDED, "haato"));
        assertEquals(term(Language.SV, Kind.FOLDED, "föräldrar"), term(Language.SV, Kind.FOLDED, "foraldrar"));
        assertEquals(term(Language.SV, Kind.FOLDED, "ångest"), term(Language.SV, Kind.FOLDED, "angest"));
    }

    @Test
    void abbreviationsInflectedAfterAColonMeetTheAbbreviation() {
        assertEquals(term(Language.FI, Kind.MAIN, "GBL"), term(Language.FI, Kind.MAIN, "GBL:ää"));
        assertEquals(term(Language.SV, Kind.MAIN, "FPA"), term(Language.SV, Kind.MAIN, "FPA:s"));
    }

    @Test
    void swedishAndEnglishBasics() {
        assertEquals(term(Language.SV, Kind.MAIN, "behandling"), term(Language.SV, Kind.MAIN, "behandlingen"));
        assertEquals(term(Language.SV, Kind.MAIN, "missbruk"), term(Language.SV, Kind.MAIN, "missbruken"));
        assertEquals(term(Language.SV, Kind.MAIN, "självmordstanke"), term(Language.SV, Kind.MAIN,
                "självmordstankar"));
        assertEquals(term(Language.EN, Kind.MAIN, "drink"), term(Language.EN, Kind.MAIN, "drinking"));
        assertEquals(term(Language.EN, Kind.MAIN, "parent"), term(Language.EN, Kind.MAIN, "parent's"));
        assertEquals(List.of(), AnalyzedText.of(analyzers.get(Language.EN, Kind.MAIN), "I can do it").terms());
    }
}
