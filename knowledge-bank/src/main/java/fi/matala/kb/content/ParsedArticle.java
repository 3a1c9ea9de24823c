package fi.matala.kb.content;

import fi.matala.kb.analysis.Language;
import java.util.List;
import java.util.Map;

/**
 * An article as read from its Markdown file. {@code bodyMarkdown} excludes the reply
 * section; {@code bodyText} is the same as plain text, which is what gets indexed.
 * {@code examples} are ways people describe what the article answers, in their own words and
 * in any language (front matter {@code examples: {fi: [...], sv: [...]}}): indexed, never shown.
 */
public record ParsedArticle(
        String file,
        String id,
        Language lang,
        String group,
        String title,
        List<String> audience,
        List<String> topics,
        String summary,
        String bodyMarkdown,
        String bodyText,
        String reply,
        Map<Language, List<String>> examples) {

    public ParsedArticle {
        audience = List.copyOf(audience);
        topics = List.copyOf(topics);
        // in language order (an EnumMap), so that everything built from it is deterministic
        examples = examples.isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(examples));
    }

    /** Worker-only articles (no "citizen" in audience) must never reach citizens. */
    public boolean citizenVisible() {
        return audience.contains("citizen");
    }
}
