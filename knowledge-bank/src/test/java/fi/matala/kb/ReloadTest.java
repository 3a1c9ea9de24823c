package fi.matala.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content in a directory is picked up without a restart, and broken files are skipped. */
class ReloadTest {

    @TempDir
    Path dir;

    /** The articles whose Finnish text holds the stem of {@code word} (as the browser would find them). */
    private static List<String> ids(KnowledgeBank kb, String word) {
        return IndexJson.postings(kb.clientIndex(Audience.STAFF), "fi.main", stem(word));
    }

    private static String stem(String word) {
        var s = new org.tartarus.snowball.ext.FinnishStemmer();
        s.setCurrent(word);
        s.stem();
        return s.getCurrent();
    }

    @Test
    void addedChangedAndDeletedFilesArePickedUp() throws IOException {
        TestArticles.write(dir, "uni", "fi", "[citizen]", "Unettomuus", "Huono uni ja unettomuus.");
        try (KnowledgeBank kb = KnowledgeBank.fromDirectory(dir, Duration.ofHours(1))) {
            assertEquals(1, kb.size());
            assertEquals(List.of(), ids(kb, "velkaneuvonta"));

            TestArticles.write(dir, "velka", "fi", "[citizen]", "Velkaneuvonta", "Velkaneuvonta auttaa veloissa.");
            kb.reloadNow();
            assertEquals(2, kb.size());
            assertEquals(List.of("velka"), ids(kb, "velkaneuvonta"));

            TestArticles.write(dir, "velka", "fi", "[citizen]", "Ulosotto", "Ulosotto ja maksuhäiriömerkintä.");
            kb.reloadNow();
            assertEquals("Ulosotto", kb.article("velka", Audience.CITIZEN).orElseThrow().title());
            assertEquals(List.of(), ids(kb, "velkaneuvonta"));
            assertEquals(List.of("velka"), ids(kb, "ulosotto"));

            Files.delete(dir.resolve("velka.md"));
            kb.reloadNow();
            assertEquals(1, kb.size());
            assertFalse(kb.article("velka", Audience.STAFF).isPresent());
            assertEquals(List.of(), ids(kb, "ulosotto"));
        }
    }

    @Test
    void brokenFileIsReportedWithFileAndLineAndSkipped() throws IOException {
        TestArticles.write(dir, "uni", "fi", "[citizen]", "Unettomuus", "Huono uni ja unettomuus.");
        try (KnowledgeBank kb = KnowledgeBank.fromDirectory(dir, Duration.ofHours(1))) {
            assertEquals(List.of(), kb.problems());
            // Line 4 opens a list that is never closed; YAML notices on line 5.
            TestArticles.write(dir, "rikki.md", "---\nid: rikki\nlang: fi\ntopics: [a, b\ntitle: Rikki\n---\nTeksti.\n");
            TestArticles.write(dir, "ei-otsikkoa.md", "---\nid: ei-otsikkoa\nlang: fi\n---\nTeksti.\n");
            TestArticles.write(dir, "tuplat.md", TestArticles.markdown("uni", "fi", "uni", "[citizen]", "Toinen uni",
                    "Teksti.", "Vastaus."));
            TestArticles.write(dir, "kieli.md", "---\nid: kieli\nlang: de\ntitle: Sprache\n---\nText.\n");
            kb.reloadNow();

            assertEquals(1, kb.size(), "only the good article is served");
            // The copy sorts first by name, but the file that already served "uni" keeps it.
            assertEquals(List.of("uni"), ids(kb, "unettomuus"));
            assertEquals("Unettomuus", kb.article("uni", Audience.STAFF).orElseThrow().title());
            List<ContentProblem> problems = kb.problems();
            assertProblem(problems, "rikki.md", 5, "line 4");
            assertProblem(problems, "ei-otsikkoa.md", 1, "title");
            assertProblem(problems, "tuplat.md", 2, "duplicate id");
            assertProblem(problems, "kieli.md", 3, "lang");
        }
    }

    @Test
    void missingReplySectionIsAWarningAndTheArticleIsServed() throws IOException {
        TestArticles.write(dir, "ilman.md", "---\nid: ilman\nlang: fi\ntitle: Ilman vastausta\naudience: [citizen]\n"
                + "---\nRahapeli ja peliongelma.\n");
        try (KnowledgeBank kb = KnowledgeBank.fromDirectory(dir, Duration.ofHours(1))) {
            assertEquals(1, kb.size());
            assertEquals("", kb.article("ilman", Audience.CITIZEN).orElseThrow().reply());
            assertTrue(kb.problems().stream().anyMatch(p -> p.file().equals("ilman.md") && p.warning()));
        }
    }

    @Test
    void pollingPicksUpChangesWithoutBeingAsked() throws Exception {
        TestArticles.write(dir, "uni", "fi", "[citizen]", "Unettomuus", "Huono uni.");
        try (KnowledgeBank kb = KnowledgeBank.fromDirectory(dir, Duration.ofMillis(50))) {
            TestArticles.write(dir, "velka", "fi", "[citizen]", "Velkaneuvonta", "Velkaneuvonta auttaa.");
            await(() -> kb.size() == 2);
            assertEquals(List.of("velka"), ids(kb, "velkaneuvonta"));
            Files.delete(dir.resolve("uni.md"));
            await(() -> kb.size() == 1);
        }
    }

    @Test
    void aChangeGivesANewVersionAndTellsListenersOnce() throws IOException {
        TestArticles.write(dir, "uni", "fi", "[citizen]", "Unettomuus", "Huono uni.");
        try (KnowledgeBank kb = KnowledgeBank.fromDirectory(dir, Duration.ofHours(1))) {
            java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
            kb.onChange(k -> told.incrementAndGet());
            String staff = kb.clientIndex(Audience.STAFF).version();
            String citizen = kb.clientIndex(Audience.CITIZEN).version();
            assertFalse(staff.equals(citizen), "each audience has its own index");

            // touched, same content: same version, nobody told
            TestArticles.write(dir, "uni", "fi", "[citizen]", "Unettomuus", "Huono uni.");
            Files.setLastModifiedTime(dir.resolve("uni.md"), java.nio.file.attribute.FileTime.fromMillis(0));
            kb.reloadNow();
            assertEquals(staff, kb.clientIndex(Audience.STAFF).version());
            assertEquals(0, told.get());

            TestArticles.write(dir, "uni", "fi", "[citizen]", "Unettomuus", "Huono uni ja painajaiset.");
            kb.reloadNow();
            assertFalse(staff.equals(kb.clientIndex(Audience.STAFF).version()));
            assertFalse(citizen.equals(kb.clientIndex(Audience.CITIZEN).version()));
            assertEquals(1, told.get());
            assertEquals(List.of("uni"), ids(kb, "painajaiset"));
        }
    }

    @Test
    void missingDirectoryFailsFast() {
        assertThrows(IllegalArgumentException.class,
                () -> KnowledgeBank.fromDirectory(dir.resolve("nope"), Duration.ofSeconds(1)));
    }

    @Test
    void closedKnowledgeBankRefusesCalls() throws IOException {
        TestArticles.write(dir, "uni", "fi", "[citizen]", "Unettomuus", "Huono uni.");
        KnowledgeBank kb = KnowledgeBank.fromDirectory(dir, Duration.ofMillis(20));
        kb.close();
        assertThrows(IllegalStateException.class, () -> kb.clientIndex(Audience.CITIZEN));
    }

    private static void assertProblem(List<ContentProblem> problems, String file, int line, String text) {
        assertTrue(problems.stream().anyMatch(p -> p.file().equals(file) && p.line() == line && !p.warning()
                && p.message().contains(text)), "expected " + file + ":" + line + " '" + text + "' in " + problems);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
