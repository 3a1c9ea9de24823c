package fi.matala.kb;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Article HTML must be safe to insert into the citizen UI whatever a content file contains. */
class SafeRenderingTest {

    @TempDir
    Path dir;

    @Test
    void rawHtmlScriptsAndUnsafeLinksAreNeutralised() throws IOException {
        String body = String.join("\n",
                "Ohje **tärkeä**.",
                "",
                "<script>alert('x')</script>",
                "",
                "Teksti <img src=x onerror=alert(1)> ja <a href=\"javascript:alert(2)\">linkki</a>.",
                "",
                "[klikkaa](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) "
                        + "[vb](vbscript:msgbox(4)) [ok](https://www.mieli.fi/) [soita](tel:0925250111)",
                "",
                "![kuva](javascript:alert(5))",
                "",
                "<iframe src=\"https://evil.example\"></iframe>");
        TestArticles.write(dir, "vaarallinen.md", TestArticles.markdown("vaarallinen", "fi", "vaarallinen",
                "[citizen]", "Vaarallinen sisältö", body, "<script>alert(6)</script> Vastaus."));
        try (KnowledgeBank kb = KnowledgeBank.fromDirectory(dir, Duration.ofHours(1))) {
            Article a = kb.article("vaarallinen", Audience.CITIZEN).orElseThrow();
            String html = a.bodyHtml();
            String lower = html.toLowerCase(Locale.ROOT);
            assertFalse(lower.contains("<script"), html);
            assertFalse(lower.contains("<img src=\"x\""), html);
            assertFalse(lower.contains("<iframe"), html);
            // Escaped raw HTML may still show "javascript:" as text; what matters is no live URL.
            assertFalse(lower.matches("(?s).*(href|src)=\"(javascript|vbscript|data):.*"), html);
            assertFalse(lower.matches("(?s).*<[^>]*\\son\\w+=.*"), "no live event handler attribute: " + html);
            assertTrue(html.contains("&lt;script&gt;"), "raw HTML is shown as text: " + html);
            assertTrue(html.contains("<strong>tärkeä</strong>"), "Markdown still renders: " + html);
            assertTrue(html.contains("href=\"https://www.mieli.fi/\""), html);
            assertTrue(html.contains("href=\"tel:0925250111\""), html);
            assertTrue(html.contains("rel=\"noopener noreferrer nofollow\""), html);
            assertFalse(html.contains("Vastausehdotus"), "the reply section is not part of the body: " + html);
            assertTrue(a.reply().contains("<script>"), "reply is plain text, to be escaped by its user");
        }
    }
}
