package fi.matala.kb.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.kb.Audience;
import fi.matala.kb.IndexJson;
import fi.matala.kb.KnowledgeBank;
import fi.matala.kb.TestArticles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes into the client index and where. */
class ClientIndexBuilderTest {

    @TempDir
    Path dir;

    @Test
    void examplesAreIndexedInTheFieldOfTheirLanguage() throws IOException {
        TestArticles.write(dir, "uni.md", """
                ---
                id: uni
                lang: fi
                title: Unettomuus
                audience: [citizen, worker]
                examples:
                  fi: ["valvon joka yö kolmeen"]
                  sv: ["jag ligger vaken varje natt"]
                ---
                Unettomuus ja uni.

                ## Vastausehdotus

                Vastaus.
                """);
        try (KnowledgeBank kb = KnowledgeBank.fromDirectory(dir, Duration.ofHours(1))) {
            ClientIndex index = kb.clientIndex(Audience.STAFF);
            assertEquals(java.util.List.of("uni"), IndexJson.postings(index, "fi.main", "valvo"));
            assertEquals(java.util.List.of("uni"), IndexJson.postings(index, "sv.main", "vak"),
                    "a Finnish article reached by its Swedish example");
            assertTrue(IndexJson.postings(index, "en.main", "vak").isEmpty());
            assertFalse(IndexJson.text(index).contains("kolmeen\""), "examples are indexed, not published as text");
        }
    }

    @Test
    void theVersionIsTheSameForTheSameContentAndDiffersForOther() throws IOException {
        TestArticles.write(dir, "a", "fi", "[citizen]", "Velat", "Velkaneuvonta.");
        String first;
        try (KnowledgeBank kb = KnowledgeBank.fromDirectory(dir, Duration.ofHours(1))) {
            first = kb.clientIndex(Audience.STAFF).version();
        }
        try (KnowledgeBank kb = KnowledgeBank.fromDirectory(dir, Duration.ofHours(1))) {
            assertEquals(first, kb.clientIndex(Audience.STAFF).version(), "deterministic");
        }
        TestArticles.write(dir, "a", "fi", "[citizen]", "Velat", "Velkaneuvonta ja ulosotto.");
        try (KnowledgeBank kb = KnowledgeBank.fromDirectory(dir, Duration.ofHours(1))) {
            assertFalse(first.equals(kb.clientIndex(Audience.STAFF).version()));
        }
    }
}
