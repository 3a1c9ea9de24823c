package fi.matala.kb.bench;

import fi.matala.kb.KnowledgeBank;
import fi.matala.kb.analysis.AnalysisConfig;
import fi.matala.kb.analysis.Language;
import fi.matala.kb.content.ClasspathContentSource;
import fi.matala.kb.content.ContentFile;
import fi.matala.kb.content.ContentLoader;
import fi.matala.kb.content.ContentSource;
import fi.matala.kb.content.ParsedArticle;
import fi.matala.kb.eval.Variants;
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
 *     [-Dexec.args="articles calls rounds [variant]"]
 * </pre>
 * Each round measures {@code calls} calls after a warm-up; the median round is reported, so
 * that a burst of other work on a shared machine does not decide the figures. A variant name
 * from {@link fi.matala.kb.eval.Variants} benchmarks that analysis variant instead of Matala's.
 */
public final class SuggestBenchmark {

    static final long SEED = 20_251_125L;
    static final int WARMUP = 2_000;
    /** Warm up for at least this long too, so the JIT has compiled the hot paths. */
    static final long WARMUP_NANOS = 5_000_000_000L;

    private SuggestBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        AnalysisConfig config = args.length > 3 ? Variants.all().get(args[3]) : AnalysisConfig.MATALA;
        if (config == null) {
            throw new IllegalArgumentException("unknown variant; choose one of " + Variants.all().keySet());
        }
        ClasspathContentSource bundled = new ClasspathContentSource();
        List<ParsedArticle> real = new ContentLoader().load(bundled.articleFiles()).articles();
        SyntheticCorpus synthetic = new SyntheticCorpus(real);

        System.out.printf(Locale.ROOT, "Knowledge bank suggest benchmark: median of %d rounds of %d calls after "
                + "%d+ warm-up calls (5 s at least), 1 thread, %d available processors, Java %s%n", rounds, calls, WARMUP,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-28s %9s %12s %9s %9s %9s%n", "corpus", "articles", "build ms", "p50 ms",
                "p99 ms", "max ms");
        run("bundled", bundled, config, synthetic, calls, rounds);

        List<ContentFile> files = new ArrayList<>(bundled.articleFiles());
        files.addAll(synthetic.generate(articles - files.size(), SEED));
        run("generated", new InMemoryContentSource(files, "generated corpus"), config, synthetic, calls, rounds);
    }

    private static void run(String name, ContentSource source, AnalysisConfig config, SyntheticCorpus synthetic,
            int calls, int rounds) {
        long start = System.nanoTime();
        KnowledgeBank kb = KnowledgeBank.of(source, config);
        double buildMs = (System.nanoTime() - start) / 1e6;
        try (kb) {
            List<String> fi = synthetic.messages(calls, SEED, Language.FI);
            List<String> sv = synthetic.messages(calls, SEED + 1, Language.SV);
            List<String> en = synthetic.messages(calls, SEED + 2, Language.EN);
            long sink = 0;
            long warmupEnd = System.nanoTime() + WARMUP_NANOS;
            for (int i = 0; i < WARMUP || System.nanoTime() < warmupEnd; i++) {
                sink += kb.suggest(fi.get(i % calls), "fi", 5).suggestions().size();
            }
            List<double[]> results = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
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
                results.add(new double[] {nanos[calls / 2] / 1e6, nanos[(int) Math.ceil(calls * 0.99) - 1] / 1e6,
                        nanos[calls - 1] / 1e6});
            }
            results.sort((a, b) -> Double.compare(a[1], b[1]));
            double[] median = results.get(results.size() / 2);
            System.out.printf(Locale.ROOT, "%-28s %9d %12.0f %9.2f %9.2f %9.2f%n", name, kb.size(), buildMs,
                    median[0], median[1], median[2]);
            if (sink == 42) {
                System.out.println(); // keeps the JIT from dropping the calls
            }
        }
    }
}
