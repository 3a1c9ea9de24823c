package fi.matala.kb;

import java.util.List;

/**
 * A published article. {@code bodyHtml} is the Markdown body (without the reply section)
 * rendered with raw HTML escaped and unsafe URLs removed, so it can be inserted into a page
 * as is. {@code reply} is the plain text of the suggested-reply section ("" if missing).
 */
public record Article(
        String id,
        String lang,
        String group,
        String title,
        List<String> audience,
        List<String> topics,
        String summary,
        String bodyHtml,
        String reply) {

    public Article {
        audience = List.copyOf(audience);
        topics = List.copyOf(topics);
    }
}
