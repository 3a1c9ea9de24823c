package fi.matala.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.kb.publish.ClientIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers running while content is reloaded always see one complete generation. */
class ConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void readersDuringReloadsSeeCompleteContent() throws Exception {
        for (int i = 0; i < 20; i++) {
            TestArticles.write(dir, "artikkeli-" + i, "fi", "[citizen]", "Velkaneuvonta " + i,
                    "Velkaneuvonta ja talous " + i + ".");
        }
        try (KnowledgeBank kb = KnowledgeBank.fromDirectory(dir, Duration.ofHours(1))) {
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                readers.add(pool.submit(() -> {
                    int calls = 0;
                    while (!stop.get()) {
                        // Every generation has either 20 or 21 articles, never a partial set.
                        ClientIndex index = kb.clientIndex(Audience.CITIZEN);
                        int n = IndexJson.ids(index).size();
                        assertTrue(n == 20 || n == 21, "saw " + n + " articles");
                        assertTrue(kb.article("artikkeli-7", Audience.CITIZEN).isPresent());
                        calls++;
                    }
                    return calls;
                }));
            }
            for (int round = 0; round < 10; round++) {
                if (round % 2 == 0) {
                    TestArticles.write(dir, "extra", "fi", "[citizen]", "Velkaneuvonta lisä", "Velkaneuvonta.");
                } else {
                    java.nio.file.Files.delete(dir.resolve("extra.md"));
                }
                kb.reloadNow();
            }
            stop.set(true);
            int total = 0;
            for (Future<Integer> f : readers) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertTrue(total > 0);
            assertEquals(20, kb.size());
        }
    }
}
