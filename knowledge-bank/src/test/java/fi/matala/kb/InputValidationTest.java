package fi.matala.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The only caller input left on the server: article ids. */
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

    @Test
    void badArticleIdIsRejected() {
        assertEquals("bad_id", assertThrows(KbInputException.class, () -> kb.article("", Audience.CITIZEN)).code());
        KbInputException tooLong = assertThrows(KbInputException.class,
                () -> kb.article("salainen".repeat(30), Audience.CITIZEN));
        assertEquals("bad_id", tooLong.code());
        assertFalse(tooLong.getMessage().contains("salainen"), "the message does not echo the input");
        assertFalse(kb.article("no-such-article", Audience.STAFF).isPresent());
    }

    @Test
    void anAudienceIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> kb.article("paihteet-naloksoni", null));
        assertThrows(IllegalArgumentException.class, () -> kb.clientIndex(null));
    }
}
