package fi.matala.kb.eval;

import fi.matala.kb.analysis.AnalysisConfig;
import fi.matala.kb.content.ClasspathContentSource;
import fi.matala.kb.content.ContentSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints nDCG@5, MRR@10 and Recall@5 of Matala's search and of a plain StandardAnalyzer BM25
 * baseline over a judged query set (JSON lines), overall and per language.
 *
 * <pre>
 * mvn -B -q -pl knowledge-bank exec:java -Dexec.mainClass=fi.matala.kb.eval.Evaluate \
 *     [-Dexec.args="path/to/queries.jsonl [--variants] [--verbose]"]
 * </pre>
 * Without a path it reads the bundled development set (test resources), falling back to
 * ../shared/kb/eval/dev.jsonl. {@code --variants} also compares the analysis variants;
 * {@code --verbose} lists each query's top five.
 */
public final class Evaluate {

    static final String DEV_SET = "kb/eval/dev.jsonl";

    private Evaluate() {
    }

    public static void main(String[] args) throws IOException {
        String path = null;
        boolean variants = false;
        boolean verbose = false;
        for (String a : args) {
            switch (a) {
                case "--variants" -> variants = true;
                case "--verbose" -> verbose = true;
                default -> path = a;
            }
        }
        PrintStream out = System.out;
        List<EvalQuery> queries = load(path);
        ContentSource content = new ClasspathContentSource();
        out.printf(Locale.ROOT, "Knowledge bank evaluation: %d queries from %s%n%n", queries.size(),
                path == null ? "the bundled development set" : path);

        EvalReport matala;
        try (Ranker r = new MatalaRanker(content, AnalysisConfig.MATALA)) {
            matala = EvalReport.run("Matala", r, queries);
        }
        EvalReport baseline;
        try (Ranker r = new BaselineRanker(content)) {
            baseline = EvalReport.run("Baseline (StandardAnalyzer BM25)", r, queries);
        }
        printComparison(out, matala, baseline);
        if (verbose) {
            printPerQuery(out, matala);
        }
        if (variants) {
            out.println();
            out.println("Analysis variants (overall):");
            header(out, "variant");
            for (Map.Entry<String, AnalysisConfig> v : Variants.all().entrySet()) {
                try (Ranker r = new MatalaRanker(content, v.getValue())) {
                    row(out, v.getKey(), EvalReport.run(v.getKey(), r, queries).overall());
                }
            }
            row(out, "StandardAnalyzer BM25 baseline", baseline.overall());
        }
    }

    /** The queries at {@code path}, or the bundled development set when null. */
    public static List<EvalQuery> load(String path) throws IOException {
        if (path != null) {
            return JsonLines.read(Path.of(path));
        }
        try (InputStream in = Evaluate.class.getClassLoader().getResourceAsStream(DEV_SET)) {
            if (in != null) {
                return JsonLines.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEV_SET);
            }
        }
        for (String p : List.of("../shared/kb/eval/dev.jsonl", "../../shared/kb/eval/dev.jsonl")) {
            if (Files.isRegularFile(Path.of(p))) {
                return JsonLines.read(Path.of(p));
            }
        }
        throw new IOException("no evaluation set given and " + DEV_SET + " is not on the class path");
    }

    static void printComparison(PrintStream out, EvalReport matala, EvalReport baseline) {
        header(out, "");
        row(out, matala.name(), matala.overall());
        row(out, baseline.name(), baseline.overall());
        out.println();
        for (String lang : matala.byLanguage().keySet()) {
            EvalReport.Scores m = matala.byLanguage().get(lang);
            header(out, lang + " (" + m.count() + " queries)");
            row(out, matala.name(), m);
            row(out, baseline.name(), baseline.byLanguage().get(lang));
            out.println();
        }
    }

    private static void printPerQuery(PrintStream out, EvalReport report) {
        out.println("Per query (" + report.name() + "):");
        for (EvalReport.PerQuery p : report.perQuery()) {
            out.printf(Locale.ROOT, "%.3f  [%s] %s%n", p.ndcg5(), p.query().lang(), p.query().query());
            for (String id : p.ranking().subList(0, Math.min(5, p.ranking().size()))) {
                out.printf(Locale.ROOT, "         %s %s%n", p.query().relevant().getOrDefault(id, 0), id);
            }
        }
    }

    private static void header(PrintStream out, String title) {
        out.printf(Locale.ROOT, "%-48s %7s %7s %9s%n", title, "nDCG@5", "MRR@10", "Recall@5");
    }

    private static void row(PrintStream out, String name, EvalReport.Scores s) {
        out.printf(Locale.ROOT, "%-48s %7.3f %7.3f %9.3f%n", name, s.ndcg5(), s.mrr10(), s.recall5());
    }
}
