package fi.matala.kb;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Query and suggestion texts are processed in memory only: never logged or printed. */
class PrivacyTest {

    private static final String SECRET = "Virtanen010101A123";

    @TempDir
    Path dir;

    @Test
    void textsNeverReachTheLogs() throws IOException {
        TestArticles.write(dir, "uni", "fi", "[citizen]", "Unettomuus", "Huono uni.");
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
        try (KnowledgeBank kb = KnowledgeBank.fromDirectory(dir, Duration.ofHours(1))) {
            kb.search("uni " + SECRET, "fi", 5, Audience.CITIZEN);
            kb.search("haluan kuolla " + SECRET, "fi", 5, Audience.CITIZEN);
            kb.suggest("en saa unta " + SECRET + " ja haluan kuolla", "fi", 5);
            kb.suggest(SECRET + " jag vill dö", "sv", 5);
            assertThrows(KbInputException.class, () -> kb.search(SECRET + "\u0007", "fi", 5, Audience.CITIZEN));
            assertThrows(KbInputException.class, () -> kb.suggest(SECRET.repeat(300), "fi", 5));
            // Something must be logged in this window, or the test would prove nothing.
            TestArticles.write(dir, "rikki.md", "---\nid: [\n---\n");
            kb.reloadNow();
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String logged = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("rikki.md"), "logging was captured: " + logged);
        assertFalse(logged.contains(SECRET), logged);
        assertFalse(logged.contains("Virtanen"), logged);
    }
}
