package fi.matala.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).toList();
    }

    @Test
    void citizenSearchNeverReturnsWorkerOnlyArticles() {
        for (String lang : List.of("fi", "sv", "en")) {
            List<String> ids = ids(kb.search("kannabis cannabis", lang, 50, Audience.CITIZEN));
            assertEquals(List.of("kannabis-kansalaiselle"), ids, "language " + lang);
        }
    }

    @Test
    void staffSearchReturnsWorkerOnlyArticles() {
        List<String> ids = ids(kb.search("kannabis", "fi", 50, Audience.STAFF));
        assertTrue(ids.containsAll(List.of("kannabis-kansalaiselle", "kannabis-tyontekijalle",
                "kannabis-ilman-kohderyhmaa")), ids.toString());
        assertTrue(ids(kb.search("cannabis", "sv", 50, Audience.STAFF)).contains("kannabis-kansalaiselle-sv"));
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

    @Test
    void staffSuggestionsIncludeWorkerOnlyArticles() {
        List<String> ids = kb.suggest("asiakas kertoo kannabiksen käytöstä", "fi", 5).suggestions().stream()
                .map(Suggestion::id).toList();
        assertTrue(ids.contains("kannabis-tyontekijalle"), ids.toString());
    }
}
