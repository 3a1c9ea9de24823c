package fi.matala.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.kb.publish.ClientIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worker-only articles must never reach citizens, by any route. */
class AudienceTest {

    @TempDir
    Path dir;

    private KnowledgeBank kb;

    @BeforeEach
    void setUp() throws IOException {
        TestArticles.write(dir, "kannabis-kansalaiselle", "fi", "[citizen, worker]", "Kannabis ja terveys",
                "Kannabis vaikuttaa muistiin ja uneen.");
        TestArticles.write(dir, "kannabis-tyontekijalle", "fi", "[worker]", "Kannabis: työntekijän ohje",
                "Kun asiakas kertoo kannabiksen käytöstä, kysy ensin määristä. Kannabis kannabis kannabis.");
        // A worker-only translation of a citizen article: group propagation must not leak it.
        TestArticles.write(dir, "kannabis-kansalaiselle-sv.md", TestArticles.markdown("kannabis-kansalaiselle-sv",
                "sv", "kannabis-kansalaiselle", "[worker]", "Cannabis för personal", "Cannabis och sömn.", "Svar."));
        // No audience at all: treated as worker-only (fail closed), with a warning.
        TestArticles.write(dir, "kannabis-ilman-kohderyhmaa.md", "---\nid: kannabis-ilman-kohderyhmaa\nlang: fi\n"
                + "title: Kannabis ilman kohderyhmää\n---\nKannabis.\n\n## Vastausehdotus\n\nVastaus.\n");
        kb = KnowledgeBank.fromDirectory(dir, Duration.ofHours(1));
    }

    @AfterEach
    void tearDown() {
        kb.close();
    }

    @Test
    void theCitizenIndexHoldsNoWorkerOnlyArticle() {
        ClientIndex citizen = kb.clientIndex(Audience.CITIZEN);
        assertEquals(List.of("kannabis-kansalaiselle"), IndexJson.ids(citizen));
        String json = IndexJson.text(citizen);
        // neither their words, nor their compound dictionary entries, nor replies
        for (String secret : List.of("määristä", "määr", "kysy", "työntekijän", "Cannabis för personal", "Svar.")) {
            assertFalse(json.contains(secret), secret + " leaked into the citizen index");
        }
        assertFalse(IndexJson.tree(citizen).get("articles").get(0).has("reply"), "replies are for workers");
    }

    @Test
    void theStaffIndexHoldsEveryArticleWithItsReply() {
        ClientIndex staff = kb.clientIndex(Audience.STAFF);
        assertEquals(List.of("kannabis-ilman-kohderyhmaa", "kannabis-kansalaiselle", "kannabis-kansalaiselle-sv",
                "kannabis-tyontekijalle"), IndexJson.ids(staff));
        assertTrue(IndexJson.tree(staff).get("articles").get(3).get("reply").asText().startsWith("Vastaus"));
        assertTrue(IndexJson.postings(staff, "fi.main", "kannabis").contains("kannabis-tyontekijalle"));
    }

    @Test
    void citizenCannotOpenWorkerOnlyArticleById() {
        assertFalse(kb.article("kannabis-tyontekijalle", Audience.CITIZEN).isPresent());
        assertFalse(kb.article("kannabis-kansalaiselle-sv", Audience.CITIZEN).isPresent());
        assertFalse(kb.article("kannabis-ilman-kohderyhmaa", Audience.CITIZEN).isPresent());
        assertTrue(kb.article("kannabis-kansalaiselle", Audience.CITIZEN).isPresent());
        assertTrue(kb.article("kannabis-tyontekijalle", Audience.STAFF).isPresent());
    }

    @Test
    void missingAudienceIsReportedAsWarning() {
        assertTrue(kb.problems().stream().anyMatch(p -> p.file().equals("kannabis-ilman-kohderyhmaa.md")
                && p.warning() && p.message().contains("audience")), kb.problems().toString());
    }
}
