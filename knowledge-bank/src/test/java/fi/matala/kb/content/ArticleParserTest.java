package fi.matala.kb.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.kb.ContentProblem;
import fi.matala.kb.analysis.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleParserTest {

    private final ArticleParser parser = new ArticleParser();

    private ArticleParser.Outcome parse(String text) {
        return parser.parse(new ContentFile("a.md", text));
    }

    @Test
    void parsesAllFields() {
        ArticleParser.Outcome o = parse("""
                ---
                id: uni-sv
                lang: sv
                group: uni
                title: "Sömn: råd"
                audience: [citizen, worker]
                topics: [sömn, vila]
                summary: Kort.
                ---

                Text **fet**.

                ## Svarsförslag

                Tack för att du *skrev*.

                ## Källor

                Lista.
                """);
        ParsedArticle a = o.article().orElseThrow();
        assertEquals(List.of(), o.problems());
        assertEquals("uni-sv", a.id());
        assertEquals(Language.SV, a.lang());
        assertEquals("uni", a.group());
        assertEquals("Sömn: råd", a.title());
        assertEquals(List.of("sömn", "vila"), a.topics());
        assertTrue(a.citizenVisible());
        assertEquals("Tack för att du skrev.", a.reply());
        assertTrue(a.bodyMarkdown().contains("Lista."), "sections after the reply stay in the body");
        assertTrue(!a.bodyText().contains("Tack för att du"), "the reply is not part of the body");
    }

    @Test
    void groupDefaultsToId() {
        ParsedArticle a = parse("---\nid: x\nlang: fi\ntitle: X\naudience: [citizen]\n---\nA\n\n## Vastausehdotus\n\nB\n")
                .article().orElseThrow();
        assertEquals("x", a.group());
    }

    @Test
    void yamlErrorsAreReportedAtTheirLineInTheFile() {
        ArticleParser.Outcome o = parse("---\nid: x\nlang: fi\ntitle: X\nsummary: \"open\n---\nBody\n");
        assertTrue(o.article().isEmpty());
        ContentProblem p = o.problems().get(0);
        assertEquals("a.md", p.file());
        assertTrue(p.line() >= 5 && p.line() <= 6, "line " + p.line());
    }

    @Test
    void missingFrontMatterIsReported() {
        ArticleParser.Outcome o = parse("# Just markdown\n");
        assertTrue(o.article().isEmpty());
        assertEquals(1, o.problems().get(0).line());
    }

    @Test
    void unsafeIdIsRejected() {
        ArticleParser.Outcome o = parse("---\nid: ../etc/passwd\nlang: fi\ntitle: X\n---\nA\n");
        assertTrue(o.article().isEmpty());
        assertEquals(2, o.problems().get(0).line());
    }

    @Test
    void examplesAreReadPerLanguageAndBadOnesAreWarnings() {
        ArticleParser.Outcome o = parse("""
                ---
                id: uni
                lang: fi
                title: Uni
                audience: [citizen]
                examples:
                  fi: ["en saa unta", "valvon öisin"]
                  sv:
                    - kan inte sova
                  de: [schlafen]
                ---
                Teksti.

                ## Vastausehdotus

                Vastaus.
                """);
        ParsedArticle a = o.article().orElseThrow();
        assertEquals(List.of("en saa unta", "valvon öisin"), a.examples().get(Language.FI));
        assertEquals(List.of("kan inte sova"), a.examples().get(Language.SV));
        assertEquals(2, a.examples().size());
        assertTrue(o.problems().stream().anyMatch(p -> p.warning() && p.message().contains("examples.de")), o.problems().toString());

        ParsedArticle flat = parse("---\nid: x\nlang: fi\ntitle: X\naudience: [citizen]\nexamples: [a, b]\n---\nT.\n")
                .article().orElseThrow();
        assertEquals(0, flat.examples().size(), "a plain list is not a mapping: ignored with a warning");
    }
}
