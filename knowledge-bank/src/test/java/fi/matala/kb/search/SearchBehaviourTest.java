package fi.matala.kb.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.kb.Audience;
import fi.matala.kb.Hit;
import fi.matala.kb.KnowledgeBank;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a citizen typing into the search box should get from the bundled articles. Each case
 * exercises one capability; the expected article is the one a person would pick.
 */
class SearchBehaviourTest {

    private static KnowledgeBank kb;

    @BeforeAll
    static void load() {
        kb = KnowledgeBank.bundled();
    }

    @AfterAll
    static void close() {
        kb.close();
    }

    private static List<String> top(String query, String lang, int n) {
        return kb.search(query, lang, n, Audience.CITIZEN).stream().map(Hit::id).toList();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // inflection and compounds
        "inflection | päihdepalveluihin | fi | paihteet-hoitoon-hakeutuminen",
        "inflection | kannabiksen lopettamisesta | fi | paihteet-kannabis-lopettaminen",
        "compound | velkaneuvontaan | fi | sosiaali-velkaneuvonta",
        "compound part | kannabisriippuvuus | fi | paihteet-kannabis-lopettaminen",
        // synonyms: everyday words for the articles' vocabulary
        "synonym | kaljaa joka ilta | fi | paihteet-alkoholin-",
        "synonym | poltan pilveä joka päivä | fi | paihteet-kannabis-lopettaminen",
        "synonym | veippaaminen | fi | paihteet-nikotiini-lopettaminen",
        // spoken Finnish
        "spoken | mua ahistaa koko ajan | fi | mielenterveys-ahdistus-itsehoito",
        // missing diacritics
        "diacritics | paihdepalvelut | fi | paihteet-hoitoon-hakeutuminen",
        "diacritics | yksinaisyys | fi | mielenterveys-yksinaisyys",
        // typos
        "typo | alkohlin riskikäyttö | fi | paihteet-alkoholin-riskikaytto",
        "typo | unettomus | fi | mielenterveys-unettomuus",
        "typo | paniikkikohtas | fi | mielenterveys-paniikkikohtaus",
        // Swedish and English
        "swedish | ångest | sv | mielenterveys-ahdistus-itsehoito-sv",
        "swedish folded | angest | sv | mielenterveys-ahdistus-itsehoito-sv",
        "swedish | utkomststöd från FPA | sv | sosiaali-toimeentulotuki-sv",
        "english | alcohol units per week | en | paihteet-alkoholin-riskikaytto-en",
        "english | domestic violence shelter | en | perhe-lahisuhdevakivalta-en",
        // across languages: no Swedish or English version exists
        "sv to fi | nätkasino | sv | paihteet-rahapeliongelma",
        "en to fi | postpartum depression | en | mielenterveys-synnytyksen-jalkeinen-masennus",
    })
    void findsTheExpectedArticleInTheTopThree(String capability, String query, String lang, String expected) {
        List<String> ids = top(query, lang, 3);
        // An id ending in "-" stands for any article of that family.
        boolean found = expected.endsWith("-") ? ids.stream().anyMatch(id -> id.startsWith(expected))
                : ids.contains(expected);
        assertTrue(found, capability + ": '" + query + "' gave " + ids);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ångest hela tiden | sv | mielenterveys-ahdistus-itsehoito-sv",
        "anxiety all the time | en | mielenterveys-ahdistus-itsehoito-en",
        "ahdistus koko ajan | fi | mielenterveys-ahdistus-itsehoito",
    })
    void theVersionInTheQueryLanguageComesFirst(String query, String lang, String expected) {
        assertEquals(expected, top(query, lang, 5).get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"ångest hela tiden | sv", "anxiety all the time | en"})
    void theFinnishVersionFollowsAsAFallback(String query, String lang) {
        List<String> ids = top(query, lang, 5);
        assertTrue(ids.indexOf("mielenterveys-ahdistus-itsehoito") > 0, ids.toString());
    }
}
