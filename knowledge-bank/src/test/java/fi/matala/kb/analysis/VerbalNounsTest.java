package fi.matala.kb.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerbalNounsTest {

    @Test
    void verbalNounsGiveTheirVerb() {
        assertEquals(List.of("syö", "syöä"), VerbalNouns.verbsOf("syöminen"));
        assertEquals(List.of("lopetta", "lopettaa"), VerbalNouns.verbsOf("lopettamisesta"));
        assertEquals(List.of("laihtu", "laihtua"), VerbalNouns.verbsOf("laihtumista"));
        assertEquals(List.of("vähentä", "vähentää"), VerbalNouns.verbsOf("vähentäminen"));
        // the first part of a compound: "syömis|häiriö"
        assertEquals(List.of("syö", "syöä"), VerbalNouns.verbsOf("syömis"));
    }

    @Test
    void otherWordsAreLeftAlone() {
        for (String w : List.of("ihminen", "lämmin", "toimisto", "ensimmäinen", "nainen", "mies", "syö")) {
            assertEquals(List.of(), VerbalNouns.verbsOf(w), w);
        }
    }
}
