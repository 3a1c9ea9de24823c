package fi.matala.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputValidationTest {

    private static KnowledgeBank kb;

    @BeforeAll
    static void load() {
        kb = KnowledgeBank.bundled();
    }

    @AfterAll
    static void close() {
        kb.close();
    }

    private static void assertCode(String code, Executable call) {
        KbInputException e = assertThrows(KbInputException.class, call);
        assertEquals(code, e.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t  "})
    void emptyOrBlankTextIsRejected(String text) {
        assertCode("empty_query", () -> kb.search(text, "fi", 5, Audience.CITIZEN));
        assertCode("empty_query", () -> kb.suggest(text, "fi", 5));
    }

    @Test
    void nullTextIsRejected() {
        assertCode("empty_query", () -> kb.search(null, "fi", 5, Audience.CITIZEN));
        assertCode("empty_query", () -> kb.suggest(null, "fi", 5));
    }

    @Test
    void queryLongerThan500CharactersIsRejected() {
        kb.search("a".repeat(499) + "ä", "fi", 5, Audience.CITIZEN); // exactly 500: fine
        assertCode("too_long", () -> kb.search("a".repeat(501), "fi", 5, Audience.CITIZEN));
    }

    @Test
    void suggestTextLongerThan4000CharactersIsRejected() {
        kb.suggest("juon liikaa ".repeat(333), "fi", 5); // 3996 characters: fine
        assertCode("too_long", () -> kb.suggest("x".repeat(4001), "fi", 5));
    }

    @Test
    void emojiCountAsOneCharacter() {
        // 500 emoji are 1000 UTF-16 units but 500 characters as a person counts them.
        kb.search("\uD83D\uDE00".repeat(500), "fi", 5, Audience.CITIZEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"juon\u0000liikaa", "juon\u0007liikaa", "juon\rliikaa", "juon\u001bliikaa",
        "juon\u202Eliikaa", "juon\u0085liikaa"})
    void controlCharactersAreRejected(String text) {
        assertCode("control_characters", () -> kb.search(text, "fi", 5, Audience.CITIZEN));
        assertCode("control_characters", () -> kb.suggest(text, "fi", 5));
    }

    @Test
    void newlineAndTabAreAllowed() {
        assertFalse(kb.search("juon\tliikaa\nalkoholia", "fi", 5, Audience.CITIZEN).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "FI-x", "", "suomi"})
    void unknownLanguagesAreRejected(String lang) {
        assertCode("unknown_language", () -> kb.search("alkoholi", lang, 5, Audience.CITIZEN));
        assertCode("unknown_language", () -> kb.suggest("alkoholi", lang, 5));
    }

    @Test
    void nullLanguageIsRejected() {
        assertCode("unknown_language", () -> kb.search("alkoholi", null, 5, Audience.CITIZEN));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 51, Integer.MAX_VALUE})
    void limitOutsideOneToFiftyIsRejected(int limit) {
        assertCode("bad_limit", () -> kb.search("alkoholi", "fi", limit, Audience.CITIZEN));
        assertCode("bad_limit", () -> kb.suggest("alkoholi", "fi", limit));
    }

    @Test
    void limitsOneAndFiftyAreAccepted() {
        assertEquals(1, kb.search("alkoholi", "fi", 1, Audience.CITIZEN).size());
        kb.search("alkoholi", "fi", 50, Audience.CITIZEN);
    }

    @Test
    void badArticleIdIsRejected() {
        assertCode("bad_id", () -> kb.article("", Audience.CITIZEN));
        assertCode("bad_id", () -> kb.article("x".repeat(201), Audience.CITIZEN));
        assertFalse(kb.article("no-such-article", Audience.STAFF).isPresent());
    }

    @Test
    void messagesDoNotEchoTheInput() {
        KbInputException e = assertThrows(KbInputException.class,
                () -> kb.search("henkilötunnus 010101-123A\u0007", "fi", 5, Audience.CITIZEN));
        assertFalse(e.getMessage().contains("010101"));
    }

    @Test
    void onlyStopWordsGiveNoResultsRatherThanAnError() {
        assertEquals(0, kb.search("ja ja ja", "fi", 5, Audience.CITIZEN).size());
    }
}
