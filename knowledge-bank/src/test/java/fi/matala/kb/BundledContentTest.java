package fi.matala.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.kb.content.ClasspathContentSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BundledContentTest {

    @Test
    void allBundledArticlesLoadWithoutErrors() {
        try (KnowledgeBank kb = KnowledgeBank.bundled()) {
            assertEquals(96, kb.size());
            List<ContentProblem> errors = kb.problems().stream().filter(p -> !p.warning()).toList();
            assertEquals(List.of(), errors);
            Article a = kb.article("paihteet-alkoholin-riskikaytto", Audience.CITIZEN).orElseThrow();
            assertEquals("fi", a.lang());
            assertTrue(a.bodyHtml().contains("<h2>"), a.bodyHtml());
            assertTrue(a.reply().startsWith("Kiitos"), a.reply());
            var index = IndexJson.tree(kb.clientIndex(Audience.STAFF));
            assertEquals(1, index.get("format").asInt());
            assertEquals(96, index.get("articles").size());
            assertEquals(8, index.get("risk").size(), "suicide, ghb, sedative-overdose, overdose, withdrawal, child-abuse, violence, self-harm");
        }
    }

    /** The build-time index is what makes bundled() work from a jar: it must list every article. */
    @Test
    void buildTimeIndexListsEveryArticle() throws IOException {
        List<String> indexed;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ClasspathContentSource.INDEX)) {
            indexed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .sorted().toList();
        }
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/kb/articles"))) {
            List<String> onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .sorted().toList();
            assertEquals(onDisk, indexed);
        }
    }
}
