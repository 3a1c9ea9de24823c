package fi.matala.kb.bench;

import fi.matala.kb.KnowledgeBank;
import fi.matala.kb.analysis.AnalysisConfig;
import fi.matala.kb.analysis.Language;
import fi.matala.kb.content.ClasspathContentSource;
import fi.matala.kb.content.ContentFile;
import fi.matala.kb.content.ContentLoader;
import fi.matala.kb.content.ContentSource;
import fi.matala.kb.content.ParsedArticle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints index build time and suggest() latency (p50, p99) on the bundled corpus and on a
 * generated corpus of 20,000 articles. A command, not a test: timings depend on the machine.
 *
 * <pre>
 * mvn -B -q -pl knowledge-bank exec:java -Dexec.mainClass=fi.matala.kb.bench.SuggestBenchmark \
 *     [-Dexec.args="articles calls"]
 * </pre>
 */
public final class SuggestBenchmark {

    static final long SEED = 20_251_125L;
    static final int WARMUP = 2_000;

    private SuggestBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        AnalysisConfig config = AnalysisConfig.MATALA;
        ClasspathContentSource bundled = new ClasspathContentSource();
        List<ParsedArticle> real = new ContentLoader().load(bundled.articleFiles()).articles();
        SyntheticCorpus synthetic = new SyntheticCorpus(real);

        System.out.printf(Locale.ROOT, "Knowledge bank suggest benchmark: %d calls after %d warm-up calls, "
                + "1 thread, %d available processors, Java %s%n", calls, WARMUP,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-28s %9s %12s %9s %9s %9s%n", "corpus", "articles", "build ms", "p50 ms",
                "p99 ms", "max ms");
        run("bundled", bundled, config, synthetic, calls);

        List<ContentFile> files = new ArrayList<>(bundled.articleFiles());
        files.addAll(synthetic.generate(articles - files.size(), SEED));
        run("generated", new InMemoryContentSource(files, "generated corpus"), config, synthetic, calls);
    }

    private static void run(String name, ContentSource source, AnalysisConfig config, SyntheticCorpus synthetic,
            int calls) {
        long start = System.nanoTime();
        KnowledgeBank kb = KnowledgeBank.of(source, config);
        double buildMs = (System.nanoTime() - start) / 1e6;
        try (kb) {
            List<String> fi = synthetic.messages(calls, SEED, Language.FI);
            List<String> sv = synthetic.messages(calls, SEED + 1, Language.SV);
            List<String> en = synthetic.messages(calls, SEED + 2, Language.EN);
            long sink = 0;
            for (int i = 0; i < WARMUP; i++) {
                sink += kb.suggest(fi.get(i % calls), "fi", 5).suggestions().size();
            }
            long[] nanos = new long[calls];
            for (int i = 0; i < calls; i++) {
                // Mostly Finnish, like the service's conversations.
                String lang = i % 10 == 8 ? "sv" : i % 10 == 9 ? "en" : "fi";
                String text = switch (lang) {
                    case "sv" -> sv.get(i);
                    case "en" -> en.get(i);
                    default -> fi.get(i);
                };
                long t0 = System.nanoTime();
                sink += kb.suggest(text, lang, 5).suggestions().size();
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%-28s %9d %12.0f %9.2f %9.2f %9.2f%n", name, kb.size(), buildMs,
                    nanos[calls / 2] / 1e6, nanos[(int) Math.ceil(calls * 0.99) - 1] / 1e6, nanos[calls - 1] / 1e6);
            if (sink == 42) {
                System.out.println(); // keeps the JIT from dropping the calls
            }
        }
    }
}
