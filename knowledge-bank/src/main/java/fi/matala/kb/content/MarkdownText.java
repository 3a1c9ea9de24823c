package fi.matala.kb.content;

import java.util.List;
import java.util.Map;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Markdown rendering. Content is written by editors, not by attackers, but a compromised
 * or careless file must still not be able to inject script into the citizen UI: raw HTML
 * is escaped and link/image URLs other than http(s), mailto, tel and relative ones are dropped.
 */
public final class MarkdownText {

    private static final Parser PARSER = Parser.builder().build();

    private static final HtmlRenderer HTML = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            // The default sanitizer lets data: through and drops tel:, which crisis numbers need.
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto", "tel")))
            .attributeProviderFactory(context -> new ExternalLinkAttributes())
            .build();

    private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

    private MarkdownText() {
    }

    public static String toSafeHtml(String markdown) {
        return HTML.render(PARSER.parse(markdown));
    }

    public static String toPlainText(String markdown) {
        return TEXT.render(PARSER.parse(markdown)).strip();
    }

    /** Links open outside the app without leaking the page through window.opener or Referer. */
    private static final class ExternalLinkAttributes implements AttributeProvider {
        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Link) {
                attributes.put("rel", "noopener noreferrer nofollow");
            }
        }
    }
}
