package fi.matala.kb.publish;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import fi.matala.kb.Audience;
import fi.matala.kb.analysis.AnalyzedText;
import fi.matala.kb.analysis.CompoundSplitter;
import fi.matala.kb.analysis.Language;
import fi.matala.kb.analysis.LanguageAnalyzers;
import fi.matala.kb.analysis.LanguageAnalyzers.Kind;
import fi.matala.kb.analysis.TermRules;
import fi.matala.kb.analysis.WordLists;
import fi.matala.kb.content.ParsedArticle;
import fi.matala.kb.risk.RiskLists;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@link ClientIndex} of one audience: analyses every article with the index-time
 * chains and writes the postings together with the analysis data the browser's query side
 * needs. A citizen index holds citizen articles only, and its dictionary and term statistics
 * come from them alone, so nothing of a worker-only article reaches a citizen's browser.
 */
public final class ClientIndexBuilder {

    /** Increase when the JSON layout changes incompatibly (the browser checks it). */
    public static final int FORMAT = 1;

    /** Title and topics weigh three times, the summary twice, against the body (one field). */
    static final int TITLE_REPEAT = 3;
    static final int TOPICS_REPEAT = 3;
    static final int SUMMARY_REPEAT = 2;
    /** Example phrasings weigh like the summary: they say in people's own words what the article answers. */
    static final int EXAMPLE_REPEAT = 2;

    private static final JsonFactory JSON = new JsonFactory();

    private final WordLists lists;
    private final RiskLists risk;

    public ClientIndexBuilder(WordLists lists, RiskLists risk) {
        this.lists = lists;
        this.risk = risk;
    }

    public ClientIndex build(List<ParsedArticle> all, Audience audience) {
        List<ParsedArticle> articles = all.stream()
                .filter(a -> audience == Audience.STAFF || a.citizenVisible())
                .sorted(Comparator.comparing(ParsedArticle::id))
                .toList();
        List<String> finnish = articles.stream().filter(a -> a.lang() == Language.FI)
                .map(ClientIndexBuilder::wholeText).toList();
        try (LanguageAnalyzers analyzers = new LanguageAnalyzers(lists, finnish)) {
            Map<String, FieldPostings> fields = postings(articles, analyzers);
            byte[] body = write(articles, audience, analyzers, fields);
            String version = version(body);
            // {"format":1,"version":"…","audience":"…", + the rest of the body object
            String head = String.format(Locale.ROOT, "{\"format\":%d,\"version\":\"%s\",\"audience\":\"%s\",", FORMAT,
                    version, audience.name().toLowerCase(Locale.ROOT));
            byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
            byte[] json = new byte[headBytes.length + body.length - 1];
            System.arraycopy(headBytes, 0, json, 0, headBytes.length);
            System.arraycopy(body, 1, json, headBytes.length, body.length - 1);
            return new ClientIndex(audience, version, json, gzip(json));
        }
    }

    /** The text from which the Finnish compound dictionary is taken. */
    public static String wholeText(ParsedArticle a) {
        return a.title() + "\n" + String.join(" ", a.topics()) + "\n" + a.summary() + "\n" + a.bodyText();
    }

    private static Map<String, FieldPostings> postings(List<ParsedArticle> articles, LanguageAnalyzers analyzers) {
        Map<String, FieldPostings> fields = new LinkedHashMap<>();
        for (Language l : Language.values()) {
            for (Kind k : Kind.values()) {
                fields.put(field(l, k), new FieldPostings(articles.size()));
            }
        }
        for (int doc = 0; doc < articles.size(); doc++) {
            ParsedArticle a = articles.get(doc);
            String topics = String.join(", ", a.topics());
            for (Kind k : Kind.values()) {
                FieldPostings f = fields.get(field(a.lang(), k));
                var analyzer = analyzers.get(a.lang(), k);
                index(f, doc, AnalyzedText.of(analyzer, a.title()), TITLE_REPEAT);
                index(f, doc, AnalyzedText.of(analyzer, topics), TOPICS_REPEAT);
                index(f, doc, AnalyzedText.of(analyzer, a.summary()), SUMMARY_REPEAT);
                index(f, doc, AnalyzedText.of(analyzer, a.bodyText()), 1);
            }
            // Example phrasings go into the field of their own language, so that a Swedish message
            // meets a Finnish-only article through its Swedish examples.
            for (var e : a.examples().entrySet()) {
                for (Kind k : Kind.values()) {
                    FieldPostings f = fields.get(field(e.getKey(), k));
                    var analyzer = analyzers.get(e.getKey(), k);
                    for (String example : e.getValue()) {
                        index(f, doc, AnalyzedText.of(analyzer, example), EXAMPLE_REPEAT);
                    }
                }
            }
        }
        return fields;
    }

    private static void index(FieldPostings f, int doc, AnalyzedText text, int repeat) {
        for (int r = 0; r < repeat; r++) {
            for (AnalyzedText.Position p : text.positions()) {
                f.add(doc, p.term());
                p.stacked().forEach(s -> f.add(doc, s));
            }
            f.addLength(doc, text.positions().size());
        }
    }

    public static String field(Language lang, Kind kind) {
        return lang.code() + "." + kind.name().toLowerCase(Locale.ROOT);
    }

    private byte[] write(List<ParsedArticle> articles, Audience audience, LanguageAnalyzers analyzers,
            Map<String, FieldPostings> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("articles");
            for (ParsedArticle a : articles) {
                g.writeStartObject();
                g.writeStringField("id", a.id());
                g.writeStringField("lang", a.lang().code());
                g.writeStringField("group", a.group());
                g.writeStringField("title", a.title());
                g.writeStringField("summary", a.summary());
                strings(g, "topics", a.topics());
                if (audience == Audience.STAFF) {
                    // the ready reply is guidance for workers; citizens read the article itself
                    g.writeStringField("reply", a.reply());
                }
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeObjectFieldStart("fields");
            for (Map.Entry<String, FieldPostings> e : fields.entrySet()) {
                FieldPostings f = e.getValue();
                g.writeObjectFieldStart(e.getKey());
                g.writeNumberField("docCount", f.docCount);
                g.writeNumberField("sumLength", f.sumLength);
                g.writeArrayFieldStart("lengths");
                for (int len : f.lengths) {
                    g.writeNumber(len);
                }
                g.writeEndArray();
                g.writeObjectFieldStart("terms");
                for (var t : f.terms.entrySet()) {
                    g.writeArrayFieldStart(t.getKey());
                    for (var d : t.getValue().entrySet()) {
                        g.writeNumber(d.getKey());
                        g.writeNumber(d.getValue());
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();

            writeAnalysis(g, analyzers);
            writeRules(g, analyzers);
            writeRisk(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void writeAnalysis(JsonGenerator g, LanguageAnalyzers analyzers) throws IOException {
        g.writeObjectFieldStart("analysis");
        g.writeObjectFieldStart("stopWords");
        for (Language l : Language.values()) {
            strings(g, l.code(), analyzers.stopWords(l));
        }
        g.writeEndObject();
        g.writeObjectFieldStart("spoken");
        g.writeObjectFieldStart("words");
        for (var e : analyzers.spoken().wordRules().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("prefixes");
        for (String[] p : analyzers.spoken().prefixRules()) {
            g.writeStartArray();
            g.writeString(p[0]);
            g.writeString(p[1]);
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("compounds");
        for (Kind k : Kind.values()) {
            CompoundSplitter s = analyzers.splitter(k);
            g.writeObjectFieldStart(k.name().toLowerCase(Locale.ROOT));
            strings(g, "words", s.words());
            strings(g, "stems", s.stems());
            strings(g, "short", s.shortModifiers());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Synonyms and glossaries, compiled through the index analyzers so that the browser only matches terms. */
    private void writeRules(JsonGenerator g, LanguageAnalyzers analyzers) throws IOException {
        g.writeObjectFieldStart("rules");
        g.writeObjectFieldStart("synonyms");
        for (Language l : Language.values()) {
            List<WordLists.Line> lines = lists.lines("synonyms-" + l.code() + ".txt");
            g.writeObjectFieldStart(l.code());
            for (Kind k : Kind.values()) {
                var a = analyzers.get(l, k);
                rules(g, k.name().toLowerCase(Locale.ROOT), new TermRules(lines, a, a));
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("glossaries");
        for (Language l : Language.values()) {
            if (l != Language.FI) {
                rules(g, l.code(), new TermRules(lists.lines("glossary-" + l.code() + "-fi.txt"),
                        analyzers.get(l, Kind.MAIN), analyzers.get(Language.FI, Kind.MAIN)));
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private void writeRisk(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("risk");
        for (RiskLists.Category c : risk.categories()) {
            g.writeStartObject();
            g.writeStringField("category", c.name());
            strings(g, "crisis", c.crisisGroups());
            strings(g, "whenTop", c.whenTop());
            g.writeObjectFieldStart("cueSets");
            for (var set : c.cueSets().entrySet()) {
                nested(g, set.getKey(), set.getValue());
            }
            g.writeEndObject();
            strings(g, "unless", c.unless());
            nested(g, "together", c.together());
            nested(g, "patterns", c.patterns());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void rules(JsonGenerator g, String name, TermRules rules) throws IOException {
        g.writeArrayFieldStart(name);
        for (TermRules.Rule r : rules.rules()) {
            g.writeStartArray();
            g.writeStartArray();
            for (String s : r.left()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeStartArray();
            for (String s : r.right()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /** [[…], […]] */
    private static void nested(JsonGenerator g, String name, List<List<String>> lists) throws IOException {
        g.writeArrayFieldStart(name);
        for (List<String> list : lists) {
            g.writeStartArray();
            for (String s : list) {
                g.writeString(s);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static byte[] gzip(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 3);
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String version(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
