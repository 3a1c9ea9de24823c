package fi.matala.kb.tools;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import fi.matala.kb.Audience;
import fi.matala.kb.analysis.AnalyzedText;
import fi.matala.kb.analysis.Language;
import fi.matala.kb.analysis.LanguageAnalyzers;
import fi.matala.kb.analysis.LanguageAnalyzers.Kind;
import fi.matala.kb.analysis.Tokens;
import fi.matala.kb.analysis.WordLists;
import fi.matala.kb.content.ClasspathContentSource;
import fi.matala.kb.content.ContentFile;
import fi.matala.kb.content.ContentLoader;
import fi.matala.kb.content.ParsedArticle;
import fi.matala.kb.publish.ClientIndex;
import fi.matala.kb.publish.ClientIndexBuilder;
import fi.matala.kb.risk.RiskLists;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * Writes what the browser engine's tests, evaluation and benchmark read, from the real Java
 * index builder (run by the build in process-test-classes; see knowledge-bank/pom.xml):
 *
 * <ul>
 *   <li>{@code index-staff.json}, {@code index-citizen.json}: the client indexes of the bundled
 *       content, byte for byte what the server publishes;
 *   <li>{@code parity.json}: the index-time analysis of every word of the corpus and of the
 *       evaluation queries in every chain, for the parity test of the browser's query analysis;
 *   <li>{@code synthetic-2000.json} and {@code bench-messages.json}: a 2,000-article staff index
 *       and message texts, for the browser engine benchmark.
 * </ul>
 * Usage: {@code WriteClientFixtures <output dir> <eval dir>}.
 */
public final class WriteClientFixtures {

    static final int SYNTHETIC_ARTICLES = 2000;
    static final long SEED = 20251125L;

    private static final JsonFactory JSON = new JsonFactory();

    private WriteClientFixtures() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/kb-client");
        Path evalDir = Path.of(args.length > 1 ? args[1] : "src/test/resources/kb/eval");
        Files.createDirectories(out);
        ClasspathContentSource bundled = new ClasspathContentSource();
        List<ParsedArticle> articles = new ContentLoader().load(bundled.articleFiles()).articles();
        WordLists lists = WordLists.bundled();
        ClientIndexBuilder builder = new ClientIndexBuilder(lists, new RiskLists(lists));
        ClientIndex staff = builder.build(articles, Audience.STAFF);
        Files.write(out.resolve("index-staff.json"), staff.json());
        Files.write(out.resolve("index-citizen.json"), builder.build(articles, Audience.CITIZEN).json());
        writeParity(out.resolve("parity.json"), articles, lists, queries(evalDir));
        writeSynthetic(out, articles, builder);
        System.out.printf(Locale.ROOT, "Client index fixtures written to %s (staff index %s, %d KB)%n", out,
                staff.version(), staff.json().length / 1024);
    }

    /** {query, lang} of every line of every *.jsonl file in {@code dir}. */
    static List<String[]> queries(Path dir) throws IOException {
        List<String[]> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                if (line.isBlank()) {
                    continue;
                }
                String query = null;
                String lang = "fi";
                try (JsonParser p = JSON.createParser(line)) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken value = p.nextToken();
                        if (value == JsonToken.VALUE_STRING && name.equals("query")) {
                            query = p.getText();
                        } else if (value == JsonToken.VALUE_STRING && name.equals("lang")) {
                            lang = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                }
                if (query != null) {
                    out.add(new String[] {query, lang});
                }
            }
        }
        return out;
    }

    private static void writeParity(Path file, List<ParsedArticle> articles, WordLists lists, List<String[]> queries)
            throws IOException {
        List<String> finnish = articles.stream().filter(a -> a.lang() == Language.FI)
                .map(ClientIndexBuilder::wholeText).toList();
        List<String[]> texts = new ArrayList<>();
        for (ParsedArticle a : articles) {
            String l = a.lang().code();
            texts.add(new String[] {a.title(), l});
            texts.add(new String[] {String.join(", ", a.topics()), l});
            texts.add(new String[] {a.summary(), l});
            texts.add(new String[] {a.bodyText(), l});
            texts.add(new String[] {a.reply(), l});
        }
        texts.addAll(queries);
        Set<String> words = new LinkedHashSet<>();
        for (String[] t : texts) {
            Matcher m = Tokens.WORD.matcher(t[0]);
            while (m.find()) {
                words.add(m.group());
            }
        }
        try (LanguageAnalyzers analyzers = new LanguageAnalyzers(lists, finnish);
                OutputStream os = Files.newOutputStream(file);
                JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("words");
            for (String w : words) {
                g.writeString(w);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("words.analysed");
            for (Language l : Language.values()) {
                for (Kind k : Kind.values()) {
                    g.writeArrayFieldStart(ClientIndexBuilder.field(l, k));
                    for (String w : words) {
                        positions(g, AnalyzedText.of(analyzers.get(l, k), w));
                    }
                    g.writeEndArray();
                }
            }
            g.writeEndObject();
            g.writeArrayFieldStart("texts");
            for (String[] t : texts) {
                Language l = Language.parse(t[1]).orElse(Language.FI);
                g.writeStartObject();
                g.writeStringField("text", t[0]);
                g.writeStringField("lang", l.code());
                for (Kind k : Kind.values()) {
                    g.writeFieldName(k.name().toLowerCase(Locale.ROOT));
                    positions(g, AnalyzedText.of(analyzers.get(l, k), t[0]));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** [[term, start, stacked…], …] */
    private static void positions(JsonGenerator g, AnalyzedText text) throws IOException {
        g.writeStartArray();
        for (AnalyzedText.Position p : text.positions()) {
            g.writeStartArray();
            g.writeString(p.term());
            g.writeNumber(p.start());
            for (String s : p.stacked()) {
                g.writeString(s);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void writeSynthetic(Path out, List<ParsedArticle> articles, ClientIndexBuilder builder)
            throws IOException {
        SyntheticCorpus corpus = new SyntheticCorpus(articles);
        List<ContentFile> files = corpus.generate(SYNTHETIC_ARTICLES - articles.size(), SEED);
        List<ParsedArticle> all = new ArrayList<>(articles);
        all.addAll(new ContentLoader().load(files).articles());
        long start = System.nanoTime();
        ClientIndex index = builder.build(all, Audience.STAFF);
        long ms = (System.nanoTime() - start) / 1_000_000;
        Files.write(out.resolve("synthetic-" + SYNTHETIC_ARTICLES + ".json"), index.json());
        try (OutputStream os = Files.newOutputStream(out.resolve("bench-messages.json"));
                JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("articles", all.size());
            g.writeNumberField("buildMillis", ms);
            g.writeObjectFieldStart("messages");
            for (Language l : Language.values()) {
                g.writeArrayFieldStart(l.code());
                for (String m : corpus.messages(500, SEED + l.ordinal(), l)) {
                    g.writeString(m);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }
}
