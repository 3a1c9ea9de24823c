package fi.matala.kb.content;

import fi.matala.kb.ContentProblem;
import fi.matala.kb.analysis.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Parses one article file: YAML front matter between {@code ---} lines, a Markdown body,
 * and a closing reply section. Problems are collected with the line they occur on instead
 * of being thrown, so one broken file never stops the rest of the content from loading.
 */
public final class ArticleParser {

    /** Ids become URL path segments and log fields: keep them boring. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,119}");

    /** Reply headings by language; any of them is accepted, since editors copy templates. */
    private static final List<String> REPLY_HEADINGS = List.of("vastausehdotus", "svarsförslag", "suggested reply");

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");

    /** Result: the article, or empty when the file was skipped; problems in both cases. */
    public record Outcome(Optional<ParsedArticle> article, List<ContentProblem> problems) {
    }

    public Outcome parse(ContentFile file) {
        List<ContentProblem> problems = new ArrayList<>();
        if (file.unreadable() != null) {
            return skip(file, 0, file.unreadable(), problems);
        }
        String text = file.text().replace("\r\n", "\n");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            return skip(file, 1, "file must start with a '---' front matter line", problems);
        }
        int close = -1;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            return skip(file, 1, "front matter is not closed with a '---' line", problems);
        }
        String yaml = String.join("\n", java.util.Arrays.asList(lines).subList(1, close));
        Map<?, ?> meta;
        try {
            Object loaded = new Load(LoadSettings.builder().setLabel(file.name()).build()).loadFromString(yaml);
            if (!(loaded instanceof Map<?, ?> m)) {
                return skip(file, 2, "front matter must be a YAML mapping", problems);
            }
            meta = m;
        } catch (MarkedYamlEngineException e) {
            // Lines in the file: the front matter starts on line 2; marks are 0-based.
            int line = e.getProblemMark().map(m -> m.getLine() + 2).orElse(2);
            String context = e.getContextMark()
                    .filter(m -> m.getLine() + 2 != line)
                    .map(m -> " (" + firstLine(e.getContext()) + " started on line " + (m.getLine() + 2) + ")")
                    .orElse("");
            return skip(file, line, "invalid YAML: " + firstLine(e.getProblem()) + context, problems);
        } catch (YamlEngineException e) {
            return skip(file, 2, "invalid YAML: " + firstLine(e.getMessage()), problems);
        }

        FrontMatter fm = new FrontMatter(file.name(), lines, close, meta, problems);
        String id = fm.requiredString("id");
        String langCode = fm.requiredString("lang");
        String title = fm.requiredString("title");
        if (id == null || langCode == null || title == null) {
            return new Outcome(Optional.empty(), problems);
        }
        if (!ID.matcher(id).matches()) {
            return skip(file, fm.lineOf("id"), "id must match " + ID.pattern(), problems);
        }
        Optional<Language> lang = Language.parse(langCode);
        if (lang.isEmpty()) {
            return skip(file, fm.lineOf("lang"), "lang must be fi, sv or en", problems);
        }
        String group = Optional.ofNullable(fm.optionalString("group")).orElse(id);
        List<String> audience = fm.stringList("audience");
        if (audience == null) {
            // Fail closed: an article nobody tagged is treated as internal guidance.
            problems.add(new ContentProblem(file.name(), 1, "audience missing: treated as worker-only", true));
            audience = List.of("worker");
        }
        audience = audience.stream().map(a -> a.strip().toLowerCase(java.util.Locale.ROOT)).toList();
        List<String> topics = Optional.ofNullable(fm.stringList("topics")).orElse(List.of());
        String summary = Optional.ofNullable(fm.optionalString("summary")).orElse("");

        int bodyStart = close + 1;
        int replyHeading = -1;
        int replyEnd = lines.length;
        for (int i = bodyStart; i < lines.length; i++) {
            var m = HEADING.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            if (replyHeading < 0 && m.group(1).length() == 2
                    && REPLY_HEADINGS.contains(m.group(2).toLowerCase(java.util.Locale.ROOT))) {
                replyHeading = i;
            } else if (replyHeading >= 0 && m.group(1).length() <= 2) {
                replyEnd = i;
                break;
            }
        }
        String body;
        String reply = "";
        if (replyHeading < 0) {
            problems.add(new ContentProblem(file.name(), lines.length,
                    "no reply section (## Vastausehdotus / ## Svarsförslag / ## Suggested reply)", true));
            body = join(lines, bodyStart, lines.length);
        } else {
            body = join(lines, bodyStart, replyHeading) + "\n" + join(lines, replyEnd, lines.length);
            reply = MarkdownText.toPlainText(join(lines, replyHeading + 1, replyEnd));
            if (reply.isEmpty()) {
                problems.add(new ContentProblem(file.name(), replyHeading + 1, "reply section is empty", true));
            }
        }
        ParsedArticle article = new ParsedArticle(file.name(), id, lang.get(), group, title.strip(), audience,
                topics, summary.strip(), body.strip(), MarkdownText.toPlainText(body), reply, fm.examples());
        return new Outcome(Optional.of(article), problems);
    }

    private static Outcome skip(ContentFile file, int line, String message, List<ContentProblem> problems) {
        problems.add(new ContentProblem(file.name(), line, message, false));
        return new Outcome(Optional.empty(), problems);
    }

    private static String join(String[] lines, int from, int to) {
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, Math.max(from, to)));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Typed access to front matter fields, reporting problems at the key's line. */
    private static final class FrontMatter {
        private final String file;
        private final String[] lines;
        private final int close;
        private final Map<?, ?> meta;
        private final List<ContentProblem> problems;

        FrontMatter(String file, String[] lines, int close, Map<?, ?> meta, List<ContentProblem> problems) {
            this.file = file;
            this.lines = lines;
            this.close = close;
            this.meta = meta;
            this.problems = problems;
        }

        int lineOf(String key) {
            for (int i = 1; i < close; i++) {
                if (lines[i].startsWith(key + ":")) {
                    return i + 1;
                }
            }
            return 1;
        }

        String requiredString(String key) {
            Object v = meta.get(key);
            if (v == null || v.toString().isBlank()) {
                problems.add(new ContentProblem(file, lineOf(key), "required field '" + key + "' is missing", false));
                return null;
            }
            if (v instanceof Map || v instanceof List) {
                problems.add(new ContentProblem(file, lineOf(key), "field '" + key + "' must be text", false));
                return null;
            }
            return v.toString().strip();
        }

        String optionalString(String key) {
            Object v = meta.get(key);
            if (v == null) {
                return null;
            }
            if (v instanceof Map || v instanceof List) {
                problems.add(new ContentProblem(file, lineOf(key), "field '" + key + "' must be text; ignored", true));
                return null;
            }
            return v.toString();
        }

        /** {@code examples:} a mapping of language code to a list of phrasings; anything else is a warning. */
        Map<Language, List<String>> examples() {
            Object v = meta.get("examples");
            if (v == null) {
                return Map.of();
            }
            if (!(v instanceof Map<?, ?> byLang)) {
                problems.add(new ContentProblem(file, lineOf("examples"),
                        "'examples' must map languages (fi, sv, en) to lists; ignored", true));
                return Map.of();
            }
            Map<Language, List<String>> out = new java.util.EnumMap<>(Language.class);
            byLang.forEach((k, list) -> {
                Optional<Language> l = Language.parse(String.valueOf(k));
                if (l.isEmpty() || !(list instanceof List<?> items)) {
                    problems.add(new ContentProblem(file, lineOf("examples"),
                            "'examples." + k + "' must be a list under fi, sv or en; ignored", true));
                    return;
                }
                out.put(l.get(), items.stream().filter(x -> x != null && !(x instanceof Map) && !(x instanceof List))
                        .map(Object::toString).map(String::strip).filter(s -> !s.isEmpty()).toList());
            });
            return out;
        }

        List<String> stringList(String key) {
            Object v = meta.get(key);
            if (v == null) {
                return null;
            }
            if (v instanceof List<?> list) {
                return list.stream().filter(x -> x != null && !(x instanceof Map) && !(x instanceof List))
                        .map(Object::toString).map(String::strip).filter(s -> !s.isEmpty()).toList();
            }
            if (v instanceof Map) {
                problems.add(new ContentProblem(file, lineOf(key), "field '" + key + "' must be a list; ignored", true));
                return null;
            }
            return List.of(v.toString().strip());
        }
    }
}
