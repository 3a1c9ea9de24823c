package fi.matala.kb.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.kb.Audience;
import fi.matala.kb.KnowledgeBank;
import fi.matala.kb.Suggestion;
import fi.matala.kb.Suggestions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RiskAndSuggestTest {

    private static final String SUICIDE = "mielenterveys-itsetuhoiset-ajatukset";
    private static final String OVERDOSE = "paihteet-opioidit-yliannostus";
    private static final String VIOLENCE = "perhe-lahisuhdevakivalta";

    private static KnowledgeBank kb;

    @BeforeAll
    static void load() {
        kb = KnowledgeBank.bundled();
    }

    @AfterAll
    static void close() {
        kb.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "haluan kuolla | fi | " + SUICIDE,
        "mä en jaksa enää elää tätä elämää | fi | " + SUICIDE,
        "oon miettiny et tappaisin itteni | fi | " + SUICIDE,
        "olen ajatellut itsemurhaa | fi | " + SUICIDE,
        "jag vill bara dö | sv | " + SUICIDE + "-sv",
        "jag vill do, orkar inte | sv | " + SUICIDE + "-sv",
        "I want to die | en | " + SUICIDE + "-en",
        "I keep thinking about killing myself | en | " + SUICIDE + "-en",
        "kaveri otti yliannostuksen eikä herää | fi | " + OVERDOSE,
        "he took too many pills and is not breathing | en | " + OVERDOSE + "-en",
        "mieheni lyö minua ja uhkaa tappaa | fi | " + VIOLENCE,
        "min man slår mig | sv | " + VIOLENCE + "-sv",
    })
    void riskPutsTheCrisisArticleInTheConversationLanguageFirst(String text, String lang, String crisisId) {
        Suggestions s = kb.suggest(text, lang, 5);
        assertTrue(s.risk(), "risk expected for: " + text);
        assertEquals(crisisId, s.suggestions().get(0).id());
        assertFalse(s.suggestions().get(0).reply().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"miten haen toimeentulotukea", "juon liikaa viikonloppuisin",
        "lapsen uniongelmat ja neuvola", "kuolema läheisen jälkeen surettaa", "pelaan liikaa tietokoneella",
        "I am sad and tired", "jag har ångest"})
    void ordinaryTextIsNotRisk(String text) {
        assertFalse(kb.suggest(text, text.startsWith("I ") ? "en" : text.startsWith("jag") ? "sv" : "fi", 5).risk(),
                text);
    }

    @Test
    void riskInAnotherLanguageThanTheConversationIsStillDetected() {
        Suggestions s = kb.suggest("I want to die", "fi", 3);
        assertTrue(s.risk());
        assertEquals(SUICIDE, s.suggestions().get(0).id(), "the Finnish version for a Finnish conversation");
    }

    @Test
    void searchAlsoPutsCrisisGuidanceFirst() {
        assertEquals(SUICIDE, kb.search("haluan kuolla", "fi", 5, Audience.CITIZEN).get(0).id());
        assertEquals(SUICIDE + "-sv", kb.search("jag vill dö", "sv", 5, Audience.CITIZEN).get(0).id());
    }

    @Test
    void repliesComeInTheConversationLanguageWhenAVersionExists() {
        Suggestion top = kb.suggest("jag har ångest hela tiden och kan inte slappna av", "sv", 3).suggestions().get(0);
        assertEquals("mielenterveys-ahdistus-itsehoito-sv", top.id());
        assertTrue(top.reply().contains("Tack") || top.reply().contains("ångest"), top.reply());
    }

    @Test
    void finnishReplyWhenNoVersionInTheConversationLanguageExists() {
        Suggestion top = kb.suggest("jag spelar bort alla mina pengar på nätkasino", "sv", 3).suggestions().get(0);
        assertEquals("paihteet-rahapeliongelma", top.id());
    }

    @Test
    void oneSuggestionPerArticleGroup() {
        Suggestions s = kb.suggest("ahdistus ångest anxiety paniikki", "fi", 10);
        Set<String> groups = new HashSet<>();
        for (Suggestion sug : s.suggestions()) {
            String group = sug.id().replaceAll("-(sv|en)$", "");
            assertTrue(groups.add(group), "two versions of " + group + " in " + s.suggestions());
        }
    }

    @Test
    void suggestionsRespectTheLimitAndAreOrdered() {
        List<Suggestion> s = kb.suggest("juon liikaa ja olen velkaantunut", "fi", 3).suggestions();
        assertEquals(3, s.size());
        for (int i = 1; i < s.size(); i++) {
            assertTrue(s.get(i - 1).score() >= s.get(i).score());
        }
        List<Suggestion> risky = kb.suggest("haluan kuolla", "fi", 1).suggestions();
        assertEquals(1, risky.size());
    }
}
